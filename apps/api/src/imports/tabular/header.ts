import { foldText, normalizeCell, type ImportColumn } from '@bridgepoint/contracts';
import type { RawRecord } from './tabular.types';

/** Rows inspected for a header: title lines and blank lines above it are common in Excel exports. */
export const HEADER_SEARCH_ROWS = 10;
/** A header like "Số đại biểu dự kiến" still matches "số đại biểu": up to this many extra words. */
const MAX_EXTRA_WORDS = 2;
/** Only plain words and light punctuation are read as "alias + extra words"; not `{"code":…`. */
const HEADER_LIKE = /^[\p{L}\p{M}\p{N}\s/()*.,:#_-]+$/u;

export interface HeaderMatch {
  /** Index of the header record in the list searched. */
  index: number;
  line: number;
  columns: Record<string, number>;
  unknownHeaders: string[];
  missing: ImportColumn[];
  /** Every non-empty cell of the header row, as written. */
  found: string[];
}

interface Alias {
  field: string;
  folded: string;
  words: number;
}

const aliasCache = new WeakMap<readonly ImportColumn[], Alias[]>();

/** Aliases of all columns, longest first, so "mã điểm cầu" wins over "mã". */
function aliasesOf(columns: readonly ImportColumn[]): Alias[] {
  let aliases = aliasCache.get(columns);
  if (!aliases) {
    aliases = columns
      .flatMap((c) => [c.field, ...c.headers].map((h) => ({ field: c.field, folded: foldText(h) })))
      .filter((a) => a.folded !== '')
      .map((a) => ({ ...a, words: a.folded.split(' ').length }))
      .sort((a, b) => b.folded.length - a.folded.length);
    aliasCache.set(columns, aliases);
  }
  return aliases;
}

/** Maps the cells of one record to fields: exact matches first, then "alias + a few words". */
function matchRecord(cells: readonly string[], columns: readonly ImportColumn[]): Omit<HeaderMatch, 'index' | 'line'> {
  const aliases = aliasesOf(columns);
  const folded = cells.map((c) => foldText(c));
  const fieldAt = new Map<number, string>();
  const taken = new Set<string>();
  const assign = (i: number, field: string | undefined) => {
    if (field === undefined || taken.has(field) || fieldAt.has(i)) return;
    fieldAt.set(i, field);
    taken.add(field);
  };
  folded.forEach((f, i) => assign(i, aliases.find((a) => a.folded === f)?.field));
  folded.forEach((f, i) => {
    if (f === '' || fieldAt.has(i) || !HEADER_LIKE.test(cells[i])) return;
    const words = f.split(' ').length;
    const alias = aliases.find(
      (a) => !taken.has(a.field) && words <= a.words + MAX_EXTRA_WORDS && f.startsWith(`${a.folded} `),
    );
    assign(i, alias?.field);
  });
  const result: Record<string, number> = {};
  const found: string[] = [];
  const unknownHeaders: string[] = [];
  cells.forEach((cell, i) => {
    const field = fieldAt.get(i);
    const text = normalizeCell(cell);
    if (text !== '') found.push(text);
    if (field !== undefined) result[field] = i;
    else if (text !== '') unknownHeaders.push(text);
  });
  const missing = columns.filter((c) => c.required && result[c.field] === undefined);
  return { columns: result, unknownHeaders, missing, found };
}

/**
 * Finds the header among the first non-empty records: the first one naming a required column,
 * else the first naming two known columns (so a file lacking every required column is reported
 * as missing columns rather than as not a table). Returns null when nothing looks like a header.
 */
export function findHeader(records: readonly RawRecord[], columns: readonly ImportColumn[]): HeaderMatch | null {
  const minCells = Math.min(2, columns.length);
  let fallback: HeaderMatch | null = null;
  let inspected = 0;
  for (let index = 0; index < records.length && inspected < HEADER_SEARCH_ROWS; index++) {
    const record = records[index];
    const filled = record.cells.filter((c) => normalizeCell(c) !== '').length;
    if (filled === 0) continue;
    inspected++;
    if (filled < minCells) continue;
    const match = { index, line: record.line, ...matchRecord(record.cells, columns) };
    const matchedRequired = columns.some((c) => c.required && match.columns[c.field] !== undefined);
    if (matchedRequired) return match;
    if (!fallback && Object.keys(match.columns).length >= 2) fallback = match;
  }
  return fallback;
}

/** How the organizer should spell a missing column: `code ("Mã điểm cầu" / "code")`. */
export function describeColumn(column: ImportColumn): string {
  const vietnamese = column.headers
    .filter((h) => [...h].some((ch) => ch.charCodeAt(0) > 0x7f))
    .reduce<string | undefined>((best, h) => (best === undefined || h.length > best.length ? h : best), undefined);
  const names = [vietnamese ? capitalize(vietnamese) : undefined, column.headers[0] ?? column.field]
    .filter((h): h is string => h !== undefined)
    .map((h) => `"${h}"`);
  return `${column.field} (${names.join(' / ')})`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
