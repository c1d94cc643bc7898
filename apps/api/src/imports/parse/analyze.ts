import {
  IMPORT_COLUMNS,
  ImportWarningCode,
  type ImportColumnMapping,
  type ImportIssueParams,
  type ImportKind,
  type ImportRowError,
  type ImportWarning,
} from '@bridgepoint/contracts';
import { checkTable, readTable, type TableLimits, type TableHeader, type TableRow, type TabularFormat } from '../tabular';
import { rowError, validateDelegateRow, validatePointRow, type DelegateRow, type PointRow, type RowNote, type RowResult } from '../tabular/rows';

/** Rows shown in a preview. */
export const PREVIEW_ROWS = 10;
/** Lines quoted per warning. */
const WARNING_LINES = 5;

export interface ParseRequest {
  mode: 'check' | 'analyze';
  kind: ImportKind;
  filename: string;
  content: Uint8Array;
  limits: TableLimits;
}

/** Everything the import needs from a file, computed off the HTTP and job threads. */
export interface Analysis {
  format: TabularFormat;
  total: number;
  /** Valid rows, each code once, with their line. */
  points: (PointRow & { line: number })[];
  delegates: (DelegateRow & { line: number })[];
  errors: ImportRowError[];
  warnings: ImportWarning[];
  columns: ImportColumnMapping[];
  ignoredColumns: string[];
  /** Fields the file has a column for: only these are written. */
  presentFields: string[];
  keptFields: string[];
  stoppedAt: { line: number; text: string } | null;
  previewRows: { line: number; values: Record<string, string> }[];
}

export async function check(req: ParseRequest): Promise<{ format: TabularFormat }> {
  return { format: await checkTable(Buffer.from(req.content), IMPORT_COLUMNS[req.kind], req.filename, req.limits) };
}

export async function analyze(req: ParseRequest): Promise<Analysis> {
  const columns = IMPORT_COLUMNS[req.kind];
  const table = await readTable(Buffer.from(req.content), columns, req.filename, req.limits);
  const { header, rows, stoppedAt } = table;
  const errors: ImportRowError[] = [];
  const notes: RowNote[] = [];
  const validate = (req.kind === 'points' ? validatePointRow : validateDelegateRow) as (r: TableRow) => RowResult<PointRow | DelegateRow>;
  const valid = uniqueByCode(rows, validate, errors, notes);
  const presentFields = columns.map((c) => c.field).filter((f) => header.columns[f] !== undefined);
  const keptFields = columns.map((c) => c.field).filter((f) => header.columns[f] === undefined);
  const warnings = [
    ...headerWarnings(header, keptFields),
    ...numericCodeWarnings(rows, req.kind, header),
    ...phoneWarnings(notes),
    ...(stoppedAt ? [warning(ImportWarningCode.StoppedAtFooter, null, [stoppedAt.line], { text: stoppedAt.text, line: stoppedAt.line, rowsAfter: stoppedAt.rowsAfter }, 1)] : []),
  ];
  return {
    format: header.format,
    total: rows.length,
    points: req.kind === 'points' ? (valid as (PointRow & { line: number })[]) : [],
    delegates: req.kind === 'delegates' ? (valid as (DelegateRow & { line: number })[]) : [],
    errors,
    warnings,
    columns: Object.entries(header.columns)
      .map(([field, index]) => ({ field, header: header.names?.[field] ?? field, column: index + 1 }))
      .sort((a, b) => a.column - b.column),
    ignoredColumns: header.unknownHeaders,
    presentFields,
    keptFields,
    stoppedAt: stoppedAt ? { line: stoppedAt.line, text: stoppedAt.text } : null,
    previewRows: rows.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, values: r.values })),
  };
}

/** Valid rows, each code once (the first occurrence wins; later ones are reported). */
function uniqueByCode<T extends { code: string }>(
  rows: TableRow[],
  validate: (r: TableRow) => RowResult<T>,
  errors: ImportRowError[],
  notes: RowNote[],
): (T & { line: number })[] {
  const firstLine = new Map<string, number>();
  const out: (T & { line: number })[] = [];
  for (const row of rows) {
    const res = validate(row);
    if (!res.ok) {
      errors.push(...res.errors);
      continue;
    }
    const seen = firstLine.get(res.value.code);
    if (seen !== undefined) {
      errors.push(rowError(row.line, 'code', 'DUPLICATE_CODE', { code: res.value.code, firstLine: seen }));
      continue;
    }
    if (res.notes) notes.push(...res.notes);
    firstLine.set(res.value.code, row.line);
    out.push({ ...res.value, line: row.line });
  }
  return out;
}

const ENGLISH: Record<ImportWarningCode, (p: ImportIssueParams, count: number) => string> = {
  NUMERIC_CODES: (p, n) =>
    `${n} code(s) in column "${p.header}" are stored as numbers in the spreadsheet; they were read as displayed (e.g. "${p.example}"). ` +
    'If codes should start with 0, format the column as Text and type them again.',
  LEADING_ZERO_LOOKALIKE: (p, n) => `${n} code(s) differ from registered codes only by leading zeros (e.g. "${p.code}" and "${p.existing}").`,
  PHONE_ZERO_RESTORED: (p, n) => `${n} phone number(s) had lost their leading 0 (stored as numbers) and got it back (e.g. ${p.example}).`,
  PHONE_COUNTRY_CODE: (p, n) => `${n} phone number(s) written with +84 or 84 were stored in the national form (e.g. ${p.example}).`,
  STOPPED_AT_FOOTER: (p) => `Reading stopped at line ${p.line} ("${p.text}"): a totals or signature block; ${p.rowsAfter} row(s) below it were not read.`,
  MULTI_ROW_HEADER: (p) => `Lines ${p.lines} form one header (grouped columns); their names were combined.`,
  COLUMNS_KEPT: (p) => `The file has no column for ${p.fields}: those stored values are kept.`,
  COLUMNS_IGNORED: (p) => `Columns not imported (no matching field): ${p.headers}.`,
};

function warning(code: ImportWarningCode, field: string | null, lines: number[], params: ImportIssueParams, count: number): ImportWarning {
  return { code, field, count, lines: lines.slice(0, WARNING_LINES), params, message: ENGLISH[code](params, count) };
}

function headerWarnings(header: TableHeader, keptFields: string[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  if (header.groupedLines) {
    out.push(warning(ImportWarningCode.MultiRowHeader, null, header.groupedLines, { lines: header.groupedLines.join('–') }, 1));
  }
  if (keptFields.length > 0) out.push(warning(ImportWarningCode.ColumnsKept, null, [], { fields: keptFields.join(', ') }, keptFields.length));
  if (header.unknownHeaders.length > 0) {
    out.push(warning(ImportWarningCode.ColumnsIgnored, null, [header.headerLine], { headers: header.unknownHeaders.join(', ') }, header.unknownHeaders.length));
  }
  return out;
}

function numericCodeWarnings(rows: TableRow[], kind: ImportKind, header: TableHeader): ImportWarning[] {
  const out: ImportWarning[] = [];
  for (const field of kind === 'points' ? ['code'] : ['code', 'pointCode']) {
    const hits = rows.filter((r) => r.numeric?.includes(field));
    if (hits.length === 0) continue;
    out.push(warning(ImportWarningCode.NumericCodes, field, hits.map((r) => r.line), { header: header.names?.[field] ?? field, example: hits[0].values[field] }, hits.length));
  }
  return out;
}

function phoneWarnings(notes: RowNote[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  for (const [fix, code] of [['zero-restored', ImportWarningCode.PhoneZeroRestored], ['country-code', ImportWarningCode.PhoneCountryCode]] as const) {
    const hits = notes.filter((n) => n.fix === fix);
    if (hits.length > 0) out.push(warning(code, hits[0].field, hits.map((h) => h.line), { example: `line ${hits[0].line}` }, hits.length));
  }
  return out;
}

export const warningText = (code: ImportWarningCode, params: ImportIssueParams, count: number) => ENGLISH[code](params, count);
