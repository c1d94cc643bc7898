import { ErrorCode } from '@bridgepoint/contracts';

export type TabularFormat = 'csv' | 'xlsx';

/** One data row: values keyed by `ImportColumn.field`, cells normalized, missing cells as ''. */
export interface TableRow {
  /** 1-based physical line (CSV) or sheet row number (XLSX) where the row starts. */
  line: number;
  values: Record<string, string>;
}

export interface TableHeader {
  format: TabularFormat;
  /** Field → 0-based column index. */
  columns: Record<string, number>;
  /** Non-empty header cells that match no known column, as written. */
  unknownHeaders: string[];
  headerLine: number;
}

export type TabularErrorCode =
  | typeof ErrorCode.ImportNotATable
  | typeof ErrorCode.ImportMissingColumns
  | typeof ErrorCode.ImportUnsupportedFormat;

/** The file as a whole cannot be read as a table; `message` tells the organizer what to do. */
export class TabularError extends Error {
  constructor(
    readonly code: TabularErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'TabularError';
  }
}

/** A record before header matching: cells as read, not yet normalized. */
export interface RawRecord {
  line: number;
  cells: string[];
}
