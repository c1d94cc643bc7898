import { ErrorCode } from '@bridgepoint/contracts';
import type { CellObject, WorkBook } from '@e965/xlsx';
import { TabularError, type RawRecord, type TableLimits, type TabularFormat } from './tabular.types';
import { guardZip } from './zip-guard';

export interface SheetRecords {
  name: string;
  records: RawRecord[];
}

const FORMAT_NAME: Record<Exclude<TabularFormat, 'csv'>, string> = {
  xlsx: 'an Excel workbook',
  xls: 'an Excel 97-2003 workbook',
  ods: 'an OpenDocument spreadsheet',
};

/**
 * Reads every sheet of an XLSX, XLS or ODS workbook into records numbered by sheet row, each cell as
 * the spreadsheet displays it (number formats applied: a code shown as "0101" reads "0101").
 * Zips are checked against `maxUncompressedBytes` before anything is inflated. At most `maxRecords`
 * rows are read per sheet; a sheet with more non-empty rows than `limits.maxRows`, or a value past
 * column `limits.maxColumns`, is refused.
 */
export async function readWorkbook(
  buf: Buffer,
  format: Exclude<TabularFormat, 'csv'>,
  limits: TableLimits,
  maxRecords = Infinity,
): Promise<SheetRecords[]> {
  if (format !== 'xls') guardZip(buf, limits.maxUncompressedBytes);
  // Loaded on the first workbook only: most uploads are CSV and the reader is large.
  const { read } = await import('@e965/xlsx');
  const rowCap = Math.min(maxRecords, limits.maxRows + 100);
  let workbook: WorkBook;
  try {
    workbook = read(buf, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellText: true,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      cellNF: false,
      sheetStubs: false,
      bookVBA: false,
      ...(Number.isFinite(rowCap) ? { sheetRows: rowCap + 1 } : {}),
    });
  } catch (e) {
    if (e instanceof TabularError) throw e;
    throw new TabularError(
      ErrorCode.ImportNotATable,
      `The file could not be opened as ${FORMAT_NAME[format]}. Open it in the spreadsheet program, save it again and upload it.`,
    );
  }
  return workbook.SheetNames.map((name) => ({ name, records: sheetRecords(workbook, name, limits) }));
}

function sheetRecords(workbook: WorkBook, name: string, limits: TableLimits): RawRecord[] {
  const sheet = workbook.Sheets[name];
  const data = (sheet?.['!data'] ?? []) as (CellObject[] | undefined)[];
  const records: RawRecord[] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: string[] = [];
    const numeric: number[] = [];
    let last = -1;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      const text = cell ? cellText(cell) : '';
      cells.push(text);
      if (text !== '') last = c;
      if (cell?.t === 'n') numeric.push(c);
    }
    if (last < 0) continue;
    if (last + 1 > limits.maxColumns) {
      throw new TabularError(
        ErrorCode.ImportTooManyColumns,
        `Row ${r + 1} of sheet "${name}" has a value in column ${last + 1}; at most ${limits.maxColumns} columns are read. Delete the columns that are not part of the list.`,
        { line: r + 1, columns: last + 1, maxColumns: limits.maxColumns },
      );
    }
    cells.length = last + 1;
    records.push({ line: r + 1, cells, ...(numeric.length > 0 ? { numeric } : {}) });
    if (records.length > limits.maxRows + 10) {
      throw new TabularError(
        ErrorCode.ImportTooManyRows,
        `Sheet "${name}" has more than ${limits.maxRows} rows. Split the list into several files.`,
        { maxRows: limits.maxRows },
      );
    }
  }
  return records;
}

/** The cell as shown: formatted text for numbers, ISO dates, rich text as plain text. */
export function cellText(cell: CellObject): string {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n': {
      const v = cell.v as number;
      const shown = cell.w;
      // General format shows long integers as 8.42438E+11; the digits are what was typed.
      if (shown === undefined || (/e[+-]/i.test(shown) && Number.isInteger(v))) return numberText(v);
      return shown;
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? dateText(cell.v) : String(cell.w ?? '');
    case 'e':
      return cell.w ?? '';
    default:
      return '';
  }
}

/** 35 → "35", 35.5 → "35.5", 0.1 + 0.2 → "0.3" (binary noise past 15 digits dropped). */
function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(Number(n.toPrecision(15)));
}

/** Spreadsheet dates carry no zone; they are read as UTC. A whole day becomes "2025-03-15". */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
