import { DELEGATE_COLUMNS, POINT_COLUMNS } from '@bridgepoint/contracts';
import { scanCsv } from './csv';
import { readTable } from './index';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('tables as offices lay them out', () => {
  it('merges a group header with the sub-header row under it', async () => {
    const csv = [
      'Mã điểm cầu,Tên điểm cầu,Địa bàn,,Người phụ trách,',
      ',,Quận/Huyện,Phường/Xã,Họ và tên,Số điện thoại',
      'BDI-01,Phường Phúc Xá,Ba Đình,Phúc Xá,Nguyễn Văn An,0912000001',
    ].join('\n');
    const { header, rows } = await readTable(utf8(csv), POINT_COLUMNS);
    expect(header.columns).toEqual({ code: 0, name: 1, district: 2, ward: 3, operatorName: 4, operatorPhone: 5 });
    expect(header.names).toMatchObject({ district: 'Địa bàn / Quận/Huyện', operatorName: 'Người phụ trách / Họ và tên' });
    expect(header.groupedLines).toEqual([1, 2]);
    expect(rows).toEqual([
      {
        line: 3,
        values: expect.objectContaining({ code: 'BDI-01', district: 'Ba Đình', ward: 'Phúc Xá', operatorName: 'Nguyễn Văn An', operatorPhone: '0912000001' }),
      },
    ]);
  });

  it('does not take a data row without a code for a sub-header when it names no column', async () => {
    const csv = 'Mã điểm cầu,Tên điểm cầu,Người phụ trách,Ghi chú\n,,Bình,Chưa có mã\nBDI-01,Phúc Xá,An,\n';
    const { header, rows } = await readTable(utf8(csv), POINT_COLUMNS);
    expect(header.groupedLines).toBeUndefined();
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('stops at a totals or signature block and says how many rows followed it', async () => {
    const csv = [
      'STT,Mã đại biểu,Họ và tên',
      '1,DB-1,Nguyễn Văn Ánh',
      '2,DB-2,Công an phường',
      ',,',
      'Tổng cộng,,2 đại biểu',
      ',Người lập biểu,Thủ trưởng đơn vị',
      ',(Ký, ghi rõ họ tên),(Ký tên, đóng dấu)',
      ',Trần Thị Lan,Phạm Văn Hùng',
    ].join('\n');
    const { rows, stoppedAt } = await readTable(utf8(csv), DELEGATE_COLUMNS);
    expect(rows.map((r) => r.values.code)).toEqual(['DB-1', 'DB-2']);
    expect(stoppedAt).toEqual({ line: 5, text: 'Tổng cộng', rowsAfter: 3 });
  });

  it('reads a date line under the table as its end', async () => {
    const { rows, stoppedAt } = await readTable(utf8('Mã,Họ và tên\nA,Lê Lợi\n,"Hà Nội, ngày 12 tháng 3 năm 2026"\n'), DELEGATE_COLUMNS);
    expect(rows).toHaveLength(1);
    expect(stoppedAt?.line).toBe(3);
  });
});

describe('scanCsv', () => {
  it('counts records and the widest record per delimiter, ignoring separators inside quotes', () => {
    const shape = scanCsv('a,b;c\n"x,y,z",1\n\n1,2,3,4\r\n');
    expect(shape.records).toBe(3);
    expect(shape.widest[','].fields).toBe(4);
    expect(shape.widest[','].line).toBe(4);
    expect(shape.widest[';'].fields).toBe(2);
  });
});
