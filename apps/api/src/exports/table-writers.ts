import ExcelJS from 'exceljs';
import type { ExportLanguage } from '@bridgepoint/contracts';

export type Cell = string | number | Date | null;

export interface ExportColumn {
  key: string;
  vi: string;
  en: string;
  width?: number;
}

export interface ExportTable {
  title: { vi: string; en: string };
  columns: ExportColumn[];
  rows: Record<string, Cell>[];
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Times are written in Hanoi local time, as the organizers read them: "2026-12-01 08:03:15". */
export const localTime = (d: Date) => timeFormat.format(d);

/** Text a spreadsheet would run as a formula or command (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that starts like a formula gets a leading apostrophe, so "=HYPERLINK(…)" or "+cmd|…" written by
 * a point is shown as text and never run. Numbers stay numbers (a count of -1 is a number, not text).
 */
export function neutralize(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = v instanceof Date ? localTime(v) : typeof v === 'string' ? neutralize(v) : String(v);
  return /[",\r\n;]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF, so Excel opens Vietnamese text correctly. */
export function toCsv(table: ExportTable, lang: ExportLanguage): Buffer {
  const lines = [table.columns.map((c) => csvCell(c[lang])).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(table: ExportTable, lang: ExportLanguage): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bridgepoint';
  const ws = wb.addWorksheet(table.title[lang].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({ header: c[lang], key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    ws.addRow(Object.fromEntries(table.columns.map((c) => {
      const v = row[c.key] ?? null;
      return [c.key, v instanceof Date ? localTime(v) : typeof v === 'string' ? neutralize(v) : v];
    })));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
