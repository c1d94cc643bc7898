import { ErrorCode, normalizeCell, type ImportColumn } from '@bridgepoint/contracts';
import { CSV_DELIMITERS, parseCsv, scanCsv, type CsvDelimiter, type CsvShape } from './csv';
import { decodeText, detectFormat } from './detect';
import { isFooter } from './footer';
import { describeColumn, findHeader, HEADER_SEARCH_ROWS, type HeaderMatch } from './header';
import { readWorkbook } from './sheet';
import {
  NO_LIMITS,
  TabularError,
  type RawRecord,
  type TableHeader,
  type TableLimits,
  type TableRow,
  type TabularFormat,
} from './tabular.types';

export interface Table {
  header: TableHeader;
  rows: TableRow[];
  /** The totals or signature line where reading stopped, and how many non-empty rows followed it. */
  stoppedAt: { line: number; text: string; rowsAfter: number } | null;
}

/** Records a header check reads: enough for title rows and a two-row header. */
const CHECK_RECORDS = HEADER_SEARCH_ROWS * 4;

/**
 * Reads an uploaded CSV, XLSX, XLS or ODS into rows keyed by column field. Whole-file problems (not a
 * table, wrong encoding, caps exceeded, required columns missing) throw TabularError; row content is
 * not validated here. Reading stops at a totals or signature block under the table.
 */
export async function readTable(
  buf: Buffer,
  columns: readonly ImportColumn[],
  filename?: string,
  limits: TableLimits = NO_LIMITS,
): Promise<Table> {
  const format = detectFormat(buf, filename);
  if (format === 'csv') {
    const text = decodeText(buf);
    const { delimiter, match } = csvHeader(text, columns, limits);
    return buildTable('csv', parseCsv(text, delimiter), match, columns);
  }
  const { records, match } = await workbookSheet(buf, format, columns, limits);
  return buildTable(format, records, match, columns);
}

/**
 * readTable's whole-file checks alone, without turning every row into values: what an upload is
 * checked with before its job is queued (a CSV is measured and split only as far as its header,
 * a workbook read only as far as its first rows).
 */
export async function checkTable(
  buf: Buffer,
  columns: readonly ImportColumn[],
  filename?: string,
  limits: TableLimits = NO_LIMITS,
): Promise<TabularFormat> {
  const format = detectFormat(buf, filename);
  if (format === 'csv') csvHeader(decodeText(buf), columns, limits);
  else await workbookSheet(buf, format, columns, limits, CHECK_RECORDS);
  return format;
}

/** The first sheet whose header names every required column. */
async function workbookSheet(
  buf: Buffer,
  format: Exclude<TabularFormat, 'csv'>,
  columns: readonly ImportColumn[],
  limits: TableLimits,
  maxRecords = Infinity,
): Promise<{ records: RawRecord[]; match: HeaderMatch }> {
  let partial: HeaderMatch | null = null;
  for (const sheet of await readWorkbook(buf, format, limits, maxRecords)) {
    const match = findHeader(sheet.records, columns);
    if (match && match.missing.length === 0) return { records: sheet.records, match };
    partial ??= match;
  }
  throw headerError(partial, columns);
}

/** The delimiter and header of a CSV text, or the TabularError that says why it is not the table expected. */
function csvHeader(text: string, columns: readonly ImportColumn[], limits: TableLimits): { delimiter: CsvDelimiter; match: HeaderMatch } {
  if (text.trim() === '') {
    throw new TabularError(ErrorCode.ImportNotATable, 'The file is empty: it has no rows to import.');
  }
  const markup = /^\s*(<|\{|\[)/.exec(text)?.[1];
  if (markup) {
    const what = markup === '<' ? 'a web page or XML document' : 'JSON data';
    throw new TabularError(
      ErrorCode.ImportNotATable,
      `The file is ${what}, not a table. Open it in a spreadsheet program and save it as a workbook (.xlsx) or "CSV UTF-8".`,
    );
  }
  const shape = scanCsv(text);
  if (shape.records > limits.maxRows + HEADER_SEARCH_ROWS) {
    throw new TabularError(
      ErrorCode.ImportTooManyRows,
      `The file has ${shape.records} rows; at most ${limits.maxRows} are imported at once. Split the list into several files.`,
      { rows: shape.records, maxRows: limits.maxRows },
    );
  }
  const candidates = CSV_DELIMITERS.filter((d) => shape.widest[d].fields <= limits.maxColumns);
  let best: { delimiter: CsvDelimiter; match: HeaderMatch } | null = null;
  for (const delimiter of candidates) {
    const match = trialHeader(text, delimiter, columns);
    if (match && (!best || score(match) > score(best.match))) best = { delimiter, match };
  }
  if (!best || best.match.missing.length > 0) {
    if (candidates.length < CSV_DELIMITERS.length) throw tooManyColumns(shape, limits);
    throw headerError(best?.match ?? null, columns);
  }
  return best;
}

function tooManyColumns(shape: CsvShape, limits: TableLimits): TabularError {
  const widest = CSV_DELIMITERS.map((d) => shape.widest[d]).reduce((a, b) => (b.fields > a.fields ? b : a));
  return new TabularError(
    ErrorCode.ImportTooManyColumns,
    `Line ${widest.line} has ${widest.fields} columns; at most ${limits.maxColumns} are read. ` +
      'Delete the columns that are not part of the list, or check the separator.',
    { line: widest.line, columns: widest.fields, maxColumns: limits.maxColumns },
  );
}

/** Header found when splitting only the first records with this delimiter; null if none. */
function trialHeader(text: string, delimiter: CsvDelimiter, columns: readonly ImportColumn[]): HeaderMatch | null {
  return findHeader(parseCsv(text, delimiter, CHECK_RECORDS, false), columns);
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
  let stoppedAt: Table['stoppedAt'] = null;
  for (let r = match.index + 1; r < records.length; r++) {
    const record = records[r];
    if (stoppedAt) {
      if (record.cells.some((c) => normalizeCell(c) !== '')) stoppedAt.rowsAfter++;
      continue;
    }
    const footer = isFooter(record, match.columns.code);
    if (footer !== null) {
      stoppedAt = { line: record.line, text: footer, rowsAfter: 0 };
      continue;
    }
    const values: Record<string, string> = {};
    const numeric: string[] = [];
    let filled = false;
    for (const [field, index] of fields) {
      const raw = index === undefined ? undefined : record.cells[index];
      const value = raw === undefined || raw === '' ? '' : normalizeCell(raw);
      values[field] = value;
      if (value !== '') filled = true;
      if (index !== undefined && value !== '' && record.numeric?.includes(index)) numeric.push(field);
    }
    if (filled) rows.push(numeric.length > 0 ? { line: record.line, values, numeric } : { line: record.line, values });
  }
  return {
    header: {
      format,
      columns: match.columns,
      unknownHeaders: match.unknownHeaders,
      headerLine: match.line,
      names: match.names,
      ...(match.groupedLines ? { groupedLines: match.groupedLines } : {}),
    },
    rows,
    stoppedAt,
  };
}
