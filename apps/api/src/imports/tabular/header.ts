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
  /** Field → the header as written. */
  names: Record<string, string>;
  unknownHeaders: string[];
  missing: ImportColumn[];
  /** Every non-empty cell of the header row, as written. */
  found: string[];
  /** Both lines when a group row and its sub-header row were merged. */
  groupedLines?: number[];
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

/**
 * Maps columns to fields. Each column offers its names in order of preference (one name for a plain
 * header; the sub-header, "group sub-header" and the group for grouped headers); exact matches
 * of every column's first names win, then "alias + a few words".
 */
function matchColumns(names: readonly (readonly string[])[], shown: readonly string[], columns: readonly ImportColumn[]): Omit<HeaderMatch, 'index' | 'line'> {
  const aliases = aliasesOf(columns);
  const folded = names.map((alternatives) => alternatives.map((n) => foldText(n)));
  const depth = Math.max(0, ...folded.map((f) => f.length));
  const fieldAt = new Map<number, string>();
  const taken = new Set<string>();
  const assign = (i: number, field: string | undefined) => {
    if (field === undefined || taken.has(field) || fieldAt.has(i)) return;
    fieldAt.set(i, field);
    taken.add(field);
  };
  for (let rank = 0; rank < depth; rank++) {
    folded.forEach((f, i) => {
      if (f[rank]) assign(i, aliases.find((a) => a.folded === f[rank])?.field);
    });
  }
  for (let rank = 0; rank < depth; rank++) {
    folded.forEach((f, i) => {
      const name = f[rank];
      if (!name || fieldAt.has(i) || !HEADER_LIKE.test(names[i][rank])) return;
      const words = name.split(' ').length;
      const alias = aliases.find(
        (a) => !taken.has(a.field) && words <= a.words + MAX_EXTRA_WORDS && name.startsWith(`${a.folded} `),
      );
      assign(i, alias?.field);
    });
  }
  const result: Record<string, number> = {};
  const headerNames: Record<string, string> = {};
  const found: string[] = [];
  const unknownHeaders: string[] = [];
  shown.forEach((cell, i) => {
    const field = fieldAt.get(i);
    const text = normalizeCell(cell);
    if (text !== '') found.push(text);
    if (field !== undefined) {
      result[field] = i;
      headerNames[field] = text;
    } else if (text !== '') unknownHeaders.push(text);
  });
  const missing = columns.filter((c) => c.required && result[c.field] === undefined);
  return { columns: result, names: headerNames, unknownHeaders, missing, found };
}

function matchRecord(cells: readonly string[], columns: readonly ImportColumn[]): Omit<HeaderMatch, 'index' | 'line'> {
  return matchColumns(cells.map((c) => [c]), cells, columns);
}

/**
 * Finds the header among the first non-empty records: the first one naming a required column,
 * else the first naming two known columns (so a file lacking every required column is reported
 * as missing columns rather than as not a table). Returns null when nothing looks like a header.
 * A header whose next row names the columns of a group above it ("Người phụ trách" over
 * "Họ và tên | Số điện thoại") is read as one header of both rows.
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
    if (matchedRequired) return withSubHeader(records, match, columns);
    if (!fallback && Object.keys(match.columns).length >= 2) fallback = match;
  }
  return fallback;
}

/** The header merged with the row under it when that row is a sub-header; the header alone otherwise. */
function withSubHeader(records: readonly RawRecord[], match: HeaderMatch, columns: readonly ImportColumn[]): HeaderMatch {
  const top = records[match.index].cells;
  const next = records[match.index + 1];
  if (!next || next.line !== match.line + 1) return match;
  const sub = next.cells;
  const filled = (cells: readonly string[], i: number) => normalizeCell(cells[i] ?? '') !== '';
  const requiredCells = columns.filter((c) => c.required && match.columns[c.field] !== undefined).map((c) => match.columns[c.field]);
  if (!sub.some((_, i) => filled(sub, i)) || requiredCells.some((i) => filled(sub, i))) return match;
  const aliases = aliasesOf(columns);
  const underGroup = sub.some((_, i) => filled(sub, i) && !filled(top, i));
  const namesKnown = sub.some((c) => aliases.some((a) => a.folded === foldText(c)));
  if (!underGroup && !namesKnown) return match;

  const width = Math.max(top.length, sub.length);
  const names: string[][] = [];
  const shown: string[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const head = normalizeCell(top[i] ?? '');
    const child = normalizeCell(sub[i] ?? '');
    if (head !== '') group = head;
    else if (child === '') group = '';
    const parent = head !== '' ? head : group;
    if (child === '') {
      names.push([head]);
      shown.push(head);
    } else if (parent === '') {
      names.push([child]);
      shown.push(child);
    } else {
      names.push([child, `${parent} ${child}`, parent]);
      shown.push(`${parent} / ${child}`);
    }
  }
  const merged = matchColumns(names, shown, columns);
  return { ...merged, index: match.index + 1, line: match.line, groupedLines: [match.line, next.line] };
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
