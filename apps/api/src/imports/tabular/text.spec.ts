import { foldText, normalizeCell } from '@bridgepoint/contracts';

describe('foldText', () => {
  it('folds names with and without diacritics to the same text', () => {
    expect(foldText('Nguyễn Văn Ánh')).toBe('nguyen van anh');
    expect(foldText('nguyen van anh')).toBe('nguyen van anh');
    expect(foldText('NGUYỄN  VĂN   ÁNH ')).toBe('nguyen van anh');
  });

  it('treats NFD input like NFC input', () => {
    const nfd = 'Mã điểm cầu'.normalize('NFD');
    expect(nfd).not.toBe('Mã điểm cầu');
    expect(foldText(nfd)).toBe(foldText('Mã điểm cầu'));
    expect(foldText(nfd)).toBe('ma diem cau');
  });

  it('turns đ, Đ and the look-alike Ð into d', () => {
    expect(foldText('Đống Đa')).toBe('dong da');
    expect(foldText('Ðống Ða')).toBe('dong da');
  });

  it('collapses punctuation runs into one space', () => {
    expect(foldText('Quận/Huyện')).toBe('quan huyen');
    expect(foldText('MA_DIEM_CAU')).toBe('ma diem cau');
    expect(foldText('  (*) Số điện thoại: ')).toBe('so dien thoai');
    expect(foldText('Mỹ Đình 2')).toBe('my dinh 2');
  });
});

describe('normalizeCell', () => {
  it('composes NFD text to NFC', () => {
    const nfd = 'Nguyễn Thị Thủy'.normalize('NFD');
    expect(normalizeCell(nfd)).toBe('Nguyễn Thị Thủy'.normalize('NFC'));
    expect(normalizeCell(nfd).length).toBe(15);
  });

  it('collapses spaces, non-breaking spaces, tabs and line breaks', () => {
    expect(normalizeCell('  Trần\u00a0\u00a0Văn\r\n Bình\t')).toBe('Trần Văn Bình');
  });

  it('drops zero-width characters and a stray BOM', () => {
    expect(normalizeCell('\ufeffLê\u200b Lợi')).toBe('Lê Lợi');
  });

  it('leaves clean text as it is', () => {
    expect(normalizeCell('Phường Phúc Xá')).toBe('Phường Phúc Xá');
    expect(normalizeCell('')).toBe('');
  });
});
