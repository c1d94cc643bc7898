import { ErrorCode } from '@bridgepoint/contracts';
import { Workbook, type CellValue } from 'exceljs';
import { TabularError, type RawRecord } from './tabular.types';

export interface SheetRecords {
  name: string;
  records: RawRecord[];
}

/** Reads every worksheet of an .xlsx into records numbered by sheet row; cells as text. */
export async function readXlsx(buf: Buffer): Promise<SheetRecords[]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new TabularError(
      ErrorCode.ImportNotATable,
      'The file could not be opened as an Excel workbook. Open it in Excel, save it as "Excel Workbook (.xlsx)" and upload again.',
    );
  }
  return workbook.worksheets.map((sheet) => {
    const records: RawRecord[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as CellValue[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
      records.push({ line: rowNumber, cells });
    });
    return { name: sheet.name, records };
  });
}

/** Plain text of a cell as the organizer sees it: rich text joined, formulas by result, dates as ISO. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined ? '' : cellText(value.result as CellValue);
  }
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('error' in value) return value.error;
  return '';
}

/** 35 → "35", 35.5 → "35.5", 0.1 + 0.2 → "0.3" (binary noise past 15 digits dropped). */
function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(Number(n.toPrecision(15)));
}

/** Excel dates carry no zone; exceljs gives them as UTC. A whole day becomes "2025-03-15". */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
