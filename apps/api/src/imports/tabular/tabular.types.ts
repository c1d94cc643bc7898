import { ErrorCode } from '@bridgepoint/contracts';

export type TabularFormat = 'csv' | 'xlsx' | 'xls' | 'ods';

/** One data row: values keyed by `ImportColumn.field`, cells normalized, missing cells as ''. */
export interface TableRow {
  /** 1-based physical line (CSV) or sheet row number (workbooks) where the row starts. */
  line: number;
  values: Record<string, string>;
  /** Fields whose cell the workbook stored as a number (the value is its displayed text). */
  numeric?: string[];
}

export interface TableHeader {
  format: TabularFormat;
  /** Field → 0-based column index. */
  columns: Record<string, number>;
  /** Non-empty header cells that match no known column, as written. */
  unknownHeaders: string[];
  headerLine: number;
  /** Field → header text as written ("Người phụ trách / Số điện thoại" for grouped headers). */
  names?: Record<string, string>;
  /** Lines of the header rows when two rows (a group over its columns) were merged. */
  groupedLines?: number[];
}

export type TabularErrorCode =
  | typeof ErrorCode.ImportNotATable
  | typeof ErrorCode.ImportMissingColumns
  | typeof ErrorCode.ImportUnsupportedFormat
  | typeof ErrorCode.ImportTextEncoding
  | typeof ErrorCode.ImportUncompressedTooLarge
  | typeof ErrorCode.ImportTooManyRows
  | typeof ErrorCode.ImportTooManyColumns
  | typeof ErrorCode.ImportTooComplex;

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
  /** Column indexes whose cell the workbook stored as a number. */
  numeric?: number[];
}

/** Caps checked before (or, for workbooks, while bounded by) parsing. */
export interface TableLimits {
  maxUncompressedBytes: number;
  maxRows: number;
  maxColumns: number;
}

export const NO_LIMITS: TableLimits = { maxUncompressedBytes: Infinity, maxRows: Infinity, maxColumns: Infinity };
