import { ErrorCode, normalizeCell, type ImportColumn } from '@bridgepoint/contracts';
import { CSV_DELIMITERS, parseCsv, type CsvDelimiter } from './csv';
import { decodeText, detectFormat } from './detect';
import { describeColumn, findHeader, HEADER_SEARCH_ROWS, type HeaderMatch } from './header';
import { readXlsx } from './xlsx';
import { TabularError, type RawRecord, type TableHeader, type TableRow, type TabularFormat } from './tabular.types';

export interface Table {
  header: TableHeader;
  rows: TableRow[];
}

/**
 * Reads an uploaded CSV or XLSX into rows keyed by column field. Whole-file problems (not a table,
 * wrong encoding, required columns missing) throw TabularError; row content is not validated here.
 */
export async function readTable(buf: Buffer, columns: readonly ImportColumn[], filename?: string): Promise<Table> {
  if (detectFormat(buf, filename) === 'csv') {
    const text = decodeText(buf);
    const { delimiter, match } = csvHeader(text, columns);
    return buildTable('csv', parseCsv(text, delimiter), match, columns);
  }
  const { records, match } = await xlsxSheet(buf, columns);
  return buildTable('xlsx', records, match, columns);
}

/**
 * readTable's whole-file checks alone, without turning every row into values: what an upload is
 * checked with before its import job is queued (a CSV is split only as far as its header).
 */
export async function checkTable(buf: Buffer, columns: readonly ImportColumn[], filename?: string): Promise<void> {
  if (detectFormat(buf, filename) === 'csv') csvHeader(decodeText(buf), columns);
  else await xlsxSheet(buf, columns);
}

/** The first sheet whose header names every required column. */
async function xlsxSheet(buf: Buffer, columns: readonly ImportColumn[]): Promise<{ records: RawRecord[]; match: HeaderMatch }> {
  let partial: HeaderMatch | null = null;
  for (const sheet of await readXlsx(buf)) {
    const match = findHeader(sheet.records, columns);
    if (match && match.missing.length === 0) return { records: sheet.records, match };
    partial ??= match;
  }
  throw headerError(partial, columns);
}

/** The delimiter and header of a CSV text, or the TabularError that says why it is not the table expected. */
function csvHeader(text: string, columns: readonly ImportColumn[]): { delimiter: CsvDelimiter; match: HeaderMatch } {
  if (text.trim() === '') {
    throw new TabularError(ErrorCode.ImportNotATable, 'The file is empty: it has no rows to import.');
  }
  const markup = /^\s*(<|\{|\[)/.exec(text)?.[1];
  if (markup) {
    const what = markup === '<' ? 'a web page or XML document' : 'JSON data';
    throw new TabularError(
      ErrorCode.ImportNotATable,
      `The file is ${what}, not a table. Open it in Excel and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8".`,
    );
  }
  let best: { delimiter: CsvDelimiter; match: HeaderMatch } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const match = trialHeader(text, delimiter, columns);
    if (match && (!best || score(match) > score(best.match))) best = { delimiter, match };
  }
  if (!best || best.match.missing.length > 0) throw headerError(best?.match ?? null, columns);
  return best;
}

/** Header found when splitting only the first records with this delimiter; null if none. */
function trialHeader(text: string, delimiter: CsvDelimiter, columns: readonly ImportColumn[]): HeaderMatch | null {
  return findHeader(parseCsv(text, delimiter, HEADER_SEARCH_ROWS * 4, false), columns);
}

/** Complete headers beat partial ones; then more recognized columns win. */
const score = (m: HeaderMatch): number => (m.missing.length === 0 ? 1000 : 0) + Object.keys(m.columns).length;

function headerError(match: HeaderMatch | null, columns: readonly ImportColumn[]): TabularError {
  if (!match) {
    const expected = columns.filter((c) => c.required).map(describeColumn).join(', ');
    return new TabularError(
      ErrorCode.ImportNotATable,
      `No header row found in the first ${HEADER_SEARCH_ROWS} rows. The first row should name the columns, e.g. ${expected}.`,
    );
  }
  return new TabularError(
    ErrorCode.ImportMissingColumns,
    `Missing column(s): ${match.missing.map(describeColumn).join(', ')}. Header found on line ${match.line}.`,
    { missing: match.missing.map((c) => c.field), found: match.found },
  );
}

function buildTable(
  format: TabularFormat,
  records: readonly RawRecord[],
  match: HeaderMatch,
  columns: readonly ImportColumn[],
): Table {
  const fields = columns.map((c): [string, number | undefined] => [c.field, match.columns[c.field]]);
  const rows: TableRow[] = [];
  for (let r = match.index + 1; r < records.length; r++) {
    const { line, cells } = records[r];
    const values: Record<string, string> = {};
    let filled = false;
    for (const [field, index] of fields) {
      const raw = index === undefined ? undefined : cells[index];
      const value = raw === undefined || raw === '' ? '' : normalizeCell(raw);
      values[field] = value;
      if (value !== '') filled = true;
    }
    if (filled) rows.push({ line, values });
  }
  return {
    header: { format, columns: match.columns, unknownHeaders: match.unknownHeaders, headerLine: match.line },
    rows,
  };
}
