import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';
import {
  DELEGATE_HEADERS,
  delegateCells,
  delegatesCsv,
  generateDemo,
  POINT_HEADERS,
  pointCells,
  pointsCsv,
  type DemoData,
} from './generate';

type Cell = string | number | null;

/** One-sheet workbook with a bold header row; text stays text, counts are numbers. */
async function toXlsx(sheetName: string, headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = headers.map((header) => ({ header, width: Math.max(14, header.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows.map((cells) => cells.map((c) => (c === null ? '' : c))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const pointsXlsx = (data: DemoData = generateDemo()): Promise<Buffer> =>
  toXlsx('Điểm cầu', POINT_HEADERS, data.points.map(pointCells));

export const delegatesXlsx = (data: DemoData = generateDemo()): Promise<Buffer> =>
  toXlsx('Đại biểu', DELEGATE_HEADERS, data.delegates.map(delegateCells));

/** Writes points.csv, delegates.csv, points.xlsx and delegates.xlsx into `outDir`; returns their paths. */
export async function writeDemoFiles(outDir: string): Promise<string[]> {
  const data = generateDemo();
  await mkdir(outDir, { recursive: true });
  const files: Array<[string, string | Buffer]> = [
    ['points.csv', pointsCsv(data)],
    ['delegates.csv', delegatesCsv(data)],
    ['points.xlsx', await pointsXlsx(data)],
    ['delegates.xlsx', await delegatesXlsx(data)],
  ];
  const paths: string[] = [];
  for (const [name, content] of files) {
    const path = join(outDir, name);
    await writeFile(path, content);
    paths.push(path);
  }
  return paths;
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? 'demo-data');
  writeDemoFiles(outDir).then(
    (paths) => console.log(paths.join('\n')),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
