import { DELEGATE_COLUMNS, POINT_COLUMNS } from '@bridgepoint/contracts';
import { Workbook } from 'exceljs';
import { detectFormat, readTable, TabularError } from './index';

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readTable (XLSX)', () => {
  it('reads a workbook with a title row, a number cell, a rich-text cell, a formula and an empty row', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Điểm cầu');
    sheet.getCell('A1').value = 'DANH SÁCH ĐIỂM CẦU';
    sheet.getRow(3).values = ['Mã điểm cầu', 'Tên điểm cầu', 'Số đại biểu', 'Số điện thoại', 'Ngày tạo'];
    sheet.getRow(4).values = ['BDI-01', 'Phường Phúc Xá', 32, 912345678, new Date(Date.UTC(2025, 2, 15))];
    sheet.getRow(5).values = [
      'BDI-02',
      { richText: [{ text: 'Phường ', font: { bold: true } }, { text: 'Trúc Bạch' }] },
      { formula: 'C4+3', result: 35 },
      '0987654321',
    ];
    sheet.getRow(7).values = ['BDI-03', 'Phường Vĩnh Phúc', 40.0, null];

    expect(detectFormat(await toBuffer(workbook), 'diem-cau.xlsx')).toBe('xlsx');
    const { header, rows } = await readTable(await toBuffer(workbook), POINT_COLUMNS, 'diem-cau.xlsx');

    expect(header).toMatchObject({
      format: 'xlsx',
      columns: { code: 0, name: 1, expectedDelegates: 2, operatorPhone: 3 },
      unknownHeaders: ['Ngày tạo'],
      headerLine: 3,
    });
    expect(rows.map((r) => [r.line, r.values.code, r.values.name, r.values.expectedDelegates, r.values.operatorPhone])).toEqual([
      [4, 'BDI-01', 'Phường Phúc Xá', '32', '912345678'],
      [5, 'BDI-02', 'Phường Trúc Bạch', '35', '0987654321'],
      [7, 'BDI-03', 'Phường Vĩnh Phúc', '40', ''],
    ]);
  });

  it('gives dates as ISO dates and normalizes NFD text', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['Mã đại biểu', 'Họ và tên', 'Chức vụ']);
    sheet.addRow(['DB-1', 'Nguyễn  Văn Ánh'.normalize('NFD'), new Date(Date.UTC(2024, 0, 2))]);
    const { rows } = await readTable(await toBuffer(workbook), DELEGATE_COLUMNS);
    expect(rows[0].values).toEqual({ code: 'DB-1', fullName: 'Nguyễn Văn Ánh', title: '2024-01-02', unit: '', pointCode: '' });
  });

  it('uses the first worksheet that has a header row', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Hướng dẫn').addRow(['Điền danh sách vào trang tiếp theo']);
    const data = workbook.addWorksheet('Đại biểu');
    data.addRow(['code', 'full name']);
    data.addRow(['X1', 'Bùi Thị Hoa']);
    const { rows } = await readTable(await toBuffer(workbook), DELEGATE_COLUMNS);
    expect(rows).toEqual([{ line: 2, values: { code: 'X1', fullName: 'Bùi Thị Hoa', title: '', unit: '', pointCode: '' } }]);
  });

  it('reports missing columns in a workbook', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Sheet1').addRow(['Họ và tên', 'Đơn vị']);
    const err = await readTable(await toBuffer(workbook), DELEGATE_COLUMNS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TabularError);
    expect((err as TabularError).code).toBe('IMPORT_MISSING_COLUMNS');
    expect((err as TabularError).message).toContain('code ("Mã đại biểu" / "code")');
  });

  it('rejects a zip that is not a workbook', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    const err = await readTable(broken, POINT_COLUMNS).catch((e: unknown) => e);
    expect((err as TabularError).code).toBe('IMPORT_NOT_A_TABLE');
  });
});
