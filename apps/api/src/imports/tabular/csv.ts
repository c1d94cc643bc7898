import { ErrorCode } from '@bridgepoint/contracts';
import { TabularError, type RawRecord } from './tabular.types';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * Splits CSV text into records (RFC 4180, leniently): quoted fields may hold delimiters,
 * doubled quotes and line breaks; CRLF, LF and lone CR all end a record, even mixed in one file.
 * Each record carries the 1-based line on which it starts. Empty lines come back as `['']`.
 * An unclosed quote throws, unless `strict` is false (a quick look at the first records).
 */
export function parseCsv(text: string, delimiter: CsvDelimiter, maxRecords = Infinity, strict = true): RawRecord[] {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const records: RawRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < n && records.length < maxRecords) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        let j = i + 1;
        value = '';
        for (;;) {
          let q = text.indexOf('"', j);
          if (q === -1 && !strict) q = n;
          if (q === -1) {
            throw new TabularError(
              ErrorCode.ImportNotATable,
              `Line ${fieldLine}: a quoted field is never closed. Check the " characters on that line.`,
              { line: fieldLine },
            );
          }
          value += text.slice(j, q);
          line += countLineBreaks(text, j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        let k = j;
        while (k < n && !isFieldEnd(text.charCodeAt(k), delim)) k++;
        if (k > j) value += text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < n && !isFieldEnd(text.charCodeAt(k), delim)) k++;
        value = text.slice(i, k);
        i = k;
      }
      cells.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i++);
      if (c === delim) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    records.push({ line: start, cells });
  }
  return records;
}

function isFieldEnd(c: number, delim: number): boolean {
  return c === delim || c === LF || c === CR;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(p + 1) !== LF) count++;
  }
  return count;
}

export interface CsvShape {
  /** Non-empty records. */
  records: number;
  /** Per delimiter: the most fields any record would have, and the line of that record. */
  widest: Record<CsvDelimiter, { fields: number; line: number }>;
}

/**
 * Measures a CSV text without splitting it: records, and the widest record for each candidate
 * delimiter, quote-aware. One pass, no allocation, so caps are checked before any parsing.
 */
export function scanCsv(text: string): CsvShape {
  const widest = Object.fromEntries(CSV_DELIMITERS.map((d) => [d, { fields: 0, line: 0 }])) as CsvShape['widest'];
  const counts = [0, 0, 0];
  const codes = CSV_DELIMITERS.map((d) => d.charCodeAt(0));
  let records = 0;
  let line = 1;
  let recordLine = 1;
  let filled = false;
  let quoted = false;
  const endRecord = () => {
    if (filled) records++;
    CSV_DELIMITERS.forEach((d, k) => {
      if (counts[k] + 1 > widest[d].fields) widest[d] = { fields: counts[k] + 1, line: recordLine };
    });
    counts[0] = counts[1] = counts[2] = 0;
    filled = false;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      quoted = !quoted;
      filled = true;
      continue;
    }
    if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      line++;
      if (!quoted) {
        endRecord();
        recordLine = line;
      }
      continue;
    }
    if (quoted) continue;
    if (c === codes[0]) counts[0]++;
    else if (c === codes[1]) counts[1]++;
    else if (c === codes[2]) counts[2]++;
    else if (c !== 0x20) filled = true;
  }
  endRecord();
  return { records, widest };
}
