import ExcelJS from 'exceljs';
import { neutralize, toCsv, toXlsx, type ExportTable } from './table-writers';

const table: ExportTable = {
  title: { vi: 'Câu hỏi', en: 'Questions' },
  columns: [
    { key: 'text', vi: 'Câu hỏi', en: 'Question' },
    { key: 'count', vi: 'Số', en: 'Count' },
  ],
  rows: [
    { text: '=HYPERLINK("http://x","y")', count: -3 },
    { text: "+cmd|' /C calc'!A0", count: 0 },
    { text: '@SUM(1+1)', count: 2 },
    { text: '\tTab', count: null },
    { text: '\rCR', count: null },
    { text: 'Câu hỏi bình thường - có gạch', count: 1 },
  ],
};

describe('exports never write a formula', () => {
  it.each(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'])('neutralises %j with a leading apostrophe', (v) => {
    expect(neutralize(v)).toBe(`'${v}`);
  });

  it('leaves other text alone', () => {
    expect(neutralize('Phường Phúc Xá')).toBe('Phường Phúc Xá');
    expect(neutralize('a=b')).toBe('a=b');
  });

  it('in CSV: text cells get the apostrophe, numbers (negative ones too) do not', () => {
    const lines = toCsv(table, 'en').toString('utf8').split('\r\n');
    expect(lines.slice(1, 7)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")",-3`,
      `'+cmd|' /C calc'!A0,0`,
      `'@SUM(1+1),2`,
      `'\tTab,`,
      `"'\rCR",`,
      'Câu hỏi bình thường - có gạch,1',
    ]);
  });

  it('in XLSX: text cells get the apostrophe, a negative count stays a number', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(table, 'en')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getCell('A2').value).toBe(`'=HYPERLINK("http://x","y")`);
    expect(sheet.getCell('A4').value).toBe("'@SUM(1+1)");
    expect(sheet.getCell('B2').value).toBe(-3);
  }, 30_000);
});
