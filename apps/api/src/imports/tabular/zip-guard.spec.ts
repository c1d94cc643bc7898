import { Workbook } from 'exceljs';
import { xlsxBomb } from '../../../test/zip-files';
import { guardZip, readZipDirectory } from './zip-guard';
import { TabularError } from './tabular.types';

const refusal = (fn: () => unknown): TabularError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TabularError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('guardZip', () => {
  jest.setTimeout(30_000);
  it('lets a real workbook through and lists its entries', async () => {
    const wb = new Workbook();
    wb.addWorksheet('S').addRow(['Mã', 'Tên']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const entries = guardZip(buf, 10 * 1024 * 1024);
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses from the directory alone when the declared sizes exceed the cap', async () => {
    const bomb = await xlsxBomb(20_000);
    const declared = readZipDirectory(bomb).reduce((s, e) => s + e.uncompressedSize, 0);
    expect(declared).toBeGreaterThan(2_000_000);
    const err = refusal(() => guardZip(bomb, 1_000_000));
    expect(err.code).toBe('IMPORT_UNCOMPRESSED_TOO_LARGE');
  });

  it('refuses an entry that unpacks past its declared size, without unpacking more than that', async () => {
    const liar = await xlsxBomb(20_000, 10_000);
    const err = refusal(() => guardZip(liar, 1_000_000));
    expect(err.code).toBe('IMPORT_UNCOMPRESSED_TOO_LARGE');
    expect(err.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('says a truncated zip is damaged', async () => {
    const bomb = await xlsxBomb(1000);
    expect(refusal(() => guardZip(bomb.subarray(0, bomb.length - 30), 1e9)).code).toBe('IMPORT_NOT_A_TABLE');
  });
});
