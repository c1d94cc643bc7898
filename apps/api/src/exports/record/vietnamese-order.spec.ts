import { compareVietnameseNames, sortByVietnameseName } from './vietnamese-order';

describe('Vietnamese name order', () => {
  it('files by given name first, then family and middle names, with Vietnamese letters in their place', () => {
    const names = ['Lê Thị Bình', 'Trần Văn An', 'Nguyễn Văn Ánh', 'Đỗ Minh Đức', 'Phạm Văn Dũng', 'Nguyễn Thị An', 'Vũ Thu Hà'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Nguyễn Thị An',
      'Trần Văn An',
      'Nguyễn Văn Ánh',
      'Lê Thị Bình',
      'Phạm Văn Dũng',
      'Đỗ Minh Đức',
      'Vũ Thu Hà',
    ]);
  });

  it('keeps namesakes apart by their codes', () => {
    const rows = [{ n: 'Trần Văn An', c: 'DB-2' }, { n: 'Trần Văn An', c: 'DB-1' }];
    expect(sortByVietnameseName(rows, (r) => r.n, (r) => r.c).map((r) => r.c)).toEqual(['DB-1', 'DB-2']);
  });
});
