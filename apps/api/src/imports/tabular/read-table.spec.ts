import { DELEGATE_COLUMNS, POINT_COLUMNS } from '@bridgepoint/contracts';
import { readTable, TabularError, validatePointRow } from './index';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const withBom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(s)]);

async function rejection(buf: Buffer, columns = POINT_COLUMNS): Promise<TabularError> {
  try {
    await readTable(buf, columns);
  } catch (err) {
    if (err instanceof TabularError) return err;
    throw err;
  }
  throw new Error('readTable accepted the file');
}

describe('readTable (CSV)', () => {
  it.each([
    ['Vietnamese', 'Mã điểm cầu,Tên điểm cầu,Số đại biểu'],
    ['Vietnamese without diacritics', 'Ma diem cau,Ten diem cau,So dai bieu'],
    ['English', 'Code,Name,Expected delegates'],
    ['mixed case and punctuation', 'MÃ ĐIỂM CẦU (*),ten_diem_cau,SỐ ĐẠI BIỂU DỰ KIẾN'],
    ['NFD headers', 'Mã điểm cầu,Tên điểm cầu,Số đại biểu'.normalize('NFD')],
  ])('matches %s headers', async (_label, header) => {
    const { header: h, rows } = await readTable(utf8(`${header}\nBDI-01,Phường Phúc Xá,32\n`), POINT_COLUMNS);
    expect(h.columns).toEqual({ code: 0, name: 1, expectedDelegates: 2 });
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          code: 'BDI-01', name: 'Phường Phúc Xá', district: '', ward: '', agency: '', address: '',
          expectedDelegates: '32', operatorName: '', operatorPhone: '', operatorEmail: '',
        },
      },
    ]);
  });

  it('reads UTF-8 with BOM, semicolons and CRLF', async () => {
    const { header, rows } = await readTable(withBom('Mã đại biểu;Họ và tên;Đơn vị\r\nDB-1;Lê Thu Hà;Sở Y tế, Hà Nội\r\n'), DELEGATE_COLUMNS);
    expect(header).toMatchObject({ format: 'csv', columns: { code: 0, fullName: 1, unit: 2 }, unknownHeaders: [], headerLine: 1 });
    expect(rows[0].values.fullName).toBe('Lê Thu Hà');
    expect(rows[0].values.unit).toBe('Sở Y tế, Hà Nội');
  });

  it('reads tab-separated text', async () => {
    const { rows } = await readTable(utf8('code\tfull name\ttitle\nA1\tTrần Văn Bình\tCán bộ\n'), DELEGATE_COLUMNS);
    expect(rows.map((r) => [r.values.code, r.values.fullName, r.values.title])).toEqual([['A1', 'Trần Văn Bình', 'Cán bộ']]);
  });

  it('reads UTF-16 LE with BOM (Excel "Unicode text")', async () => {
    const text = 'Mã đại biểu\tHọ và tên\r\nDB-7\tĐỗ Thị Ánh\r\n';
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { rows } = await readTable(buf, DELEGATE_COLUMNS);
    expect(rows[0]).toEqual({ line: 2, values: { code: 'DB-7', fullName: 'Đỗ Thị Ánh', title: '', unit: '', pointCode: '' } });
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields and numbers lines where records start', async () => {
    const csv = [
      'code,name,address',
      'P1,"Sở Nội vụ, Hà Nội","Số 18 ""B"" Lê Thánh Tông"',
      'P2,"Phường',
      'Phúc Xá","tầng 2',
      '',
      'nhà A"',
      'P3,Phường Trúc Bạch,',
    ].join('\r\n');
    const { rows } = await readTable(utf8(csv), POINT_COLUMNS);
    expect(rows.map((r) => [r.line, r.values.code, r.values.name, r.values.address])).toEqual([
      [2, 'P1', 'Sở Nội vụ, Hà Nội', 'Số 18 "B" Lê Thánh Tông'],
      [3, 'P2', 'Phường Phúc Xá', 'tầng 2 nhà A'],
      [7, 'P3', 'Phường Trúc Bạch', ''],
    ]);
  });

  it('numbers lines correctly with LF endings and a title row above the header', async () => {
    const csv = 'DANH SÁCH ĐIỂM CẦU\n\nMã,Tên\nA,"x\ny"\nB,z\n';
    const { header, rows } = await readTable(utf8(csv), POINT_COLUMNS);
    expect(header.headerLine).toBe(3);
    expect(rows.map((r) => [r.line, r.values.code])).toEqual([[4, 'A'], [6, 'B']]);
  });

  it('normalizes NFD cells to NFC and collapses spaces', async () => {
    const nfd = ' Nguyễn\u00a0 Văn Ánh '.normalize('NFD');
    const { rows } = await readTable(utf8(`code,name\nA,${nfd}\n`), POINT_COLUMNS);
    expect(rows[0].values.name).toBe('Nguyễn Văn Ánh'.normalize('NFC'));
  });

  it('skips empty rows, including rows of empty cells', async () => {
    const { rows } = await readTable(utf8('code,name\n\nA,One\n,,\n  ,\nB,Two\n\n'), POINT_COLUMNS);
    expect(rows.map((r) => [r.line, r.values.code])).toEqual([[3, 'A'], [6, 'B']]);
  });

  it('lets good rows through while bad rows are reported with line, field and message', async () => {
    const csv = 'Mã,Tên,Quận/Huyện,Phường/Xã,Số đại biểu\nA1,Phường Phúc Xá,Quận Ba Đình,Phường Phúc Xá,30\n' +
      'A2,"Phường\nTrúc Bạch",,Phường Trúc Bạch,abc\nA3,Sở Y tế,,,25\n';
    const { rows } = await readTable(utf8(csv), POINT_COLUMNS);
    const results = rows.map(validatePointRow);
    expect(results.flatMap((r) => (r.ok ? [r.value.code] : []))).toEqual(['A1', 'A3']);
    expect(results.flatMap((r) => (r.ok ? [] : r.errors.map(({ line, field, message }) => ({ line, field, message }))))).toEqual([
      { line: 3, field: 'expectedDelegates', message: '"abc" is not a whole number' },
      { line: 3, field: 'district', message: 'Ward "Phường Trúc Bạch" needs a district' },
    ]);
  });

  it('lists headers it does not know', async () => {
    const { header } = await readTable(utf8('STT,Mã,Tên,Ghi chú\n1,A,B,\n'), POINT_COLUMNS);
    expect(header.columns).toEqual({ code: 1, name: 2 });
    expect(header.unknownHeaders).toEqual(['STT', 'Ghi chú']);
  });

  it('reports missing required columns with the names to use', async () => {
    const err = await rejection(utf8('Tên điểm cầu,Quận/Huyện\nPhường Phúc Xá,Ba Đình\n'));
    expect(err.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(err.message).toContain('Missing column(s): code ("Mã điểm cầu" / "code")');
    expect(err.details).toEqual({ missing: ['code'], found: ['Tên điểm cầu', 'Quận/Huyện'] });
  });

  it('reports missing columns when only optional columns are present', async () => {
    const err = await rejection(utf8('Địa chỉ,Số đại biểu\nSố 1,30\n'));
    expect(err.code).toBe('IMPORT_MISSING_COLUMNS');
    expect((err.details as { missing: string[] }).missing).toEqual(['code', 'name']);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['only blank lines', utf8('\r\n\r\n  \r\n')],
    ['prose', utf8('Kính gửi các đồng chí,\nHội nghị sẽ bắt đầu lúc 8 giờ sáng mai. Đề nghị chuẩn bị phòng họp.\n')],
    ['JSON', utf8('[{"code":"A","name":"B"}]')],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])],
    ['other binary bytes', Buffer.from([0x01, 0x02, 0x00, 0x41, 0x42, 0x43])],
  ])('rejects %s as not a table', async (_label, buf) => {
    const err = await rejection(buf);
    expect(err.code).toBe('IMPORT_NOT_A_TABLE');
    expect(err.message.length).toBeGreaterThan(20);
  });

  it('rejects a damaged Excel 97-2003 workbook with a message that says so', async () => {
    const err = await rejection(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(err.code).toBe('IMPORT_NOT_A_TABLE');
    expect(err.message).toContain('Excel 97-2003');
  });

  it('rejects Windows-1258 text with its own code and asks for CSV UTF-8', async () => {
    const latin = Buffer.from([...utf8('code,name\nA,Nguy'), 0xea, 0xd2, 0x6e, 0x0a]);
    const err = await rejection(latin);
    expect(err.code).toBe('IMPORT_TEXT_ENCODING');
    expect(err.message).toContain('CSV UTF-8');
  });

  it('reports an unclosed quote with its line', async () => {
    const err = await rejection(utf8('code,name\nA,B\nC,"never closed\nD,E\n'));
    expect(err.code).toBe('IMPORT_NOT_A_TABLE');
    expect(err.message).toContain('Line 3');
  });
});
