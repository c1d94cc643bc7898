import type { Uuid } from './dto';
import type { ImportKind } from './enums';

/**
 * Columns an import file may carry. Headers are matched after folding case, diacritics,
 * punctuation and spaces, so "Mã điểm cầu", "ma diem cau" and "MA_DIEM_CAU" are one header.
 */
export interface ImportColumn {
  field: string;
  required: boolean;
  /** English and Vietnamese names accepted for this column. */
  headers: readonly string[];
}

export const POINT_COLUMNS: readonly ImportColumn[] = [
  { field: 'code', required: true, headers: ['code', 'point code', 'mã', 'mã điểm', 'mã điểm cầu'] },
  { field: 'name', required: true, headers: ['name', 'point name', 'point', 'tên', 'tên điểm', 'tên điểm cầu', 'điểm cầu'] },
  { field: 'district', required: false, headers: ['district', 'quận/huyện', 'quận huyện', 'quận', 'huyện', 'quận/huyện/thị xã'] },
  { field: 'ward', required: false, headers: ['ward', 'commune', 'ward/commune', 'phường/xã', 'phường xã', 'phường', 'xã', 'phường/xã/thị trấn'] },
  { field: 'agency', required: false, headers: ['agency', 'cơ quan', 'sở/ngành', 'sở ngành', 'đơn vị cấp thành phố'] },
  { field: 'address', required: false, headers: ['address', 'location', 'địa chỉ', 'địa điểm'] },
  { field: 'expectedDelegates', required: false, headers: ['expected delegates', 'delegates', 'expected', 'số đại biểu', 'số lượng đại biểu', 'đại biểu dự kiến'] },
  { field: 'operatorName', required: false, headers: ['operator', 'operator name', 'contact', 'người phụ trách', 'cán bộ phụ trách', 'người liên hệ', 'kỹ thuật viên'] },
  { field: 'operatorPhone', required: false, headers: ['phone', 'operator phone', 'contact phone', 'số điện thoại', 'điện thoại', 'sđt'] },
  { field: 'operatorEmail', required: false, headers: ['email', 'e-mail', 'operator email', 'thư điện tử', 'hộp thư'] },
];

export const DELEGATE_COLUMNS: readonly ImportColumn[] = [
  { field: 'code', required: true, headers: ['code', 'delegate code', 'id', 'mã', 'mã đại biểu', 'mã số'] },
  { field: 'fullName', required: true, headers: ['full name', 'name', 'delegate', 'họ và tên', 'họ tên', 'tên đại biểu'] },
  { field: 'title', required: false, headers: ['title', 'position', 'job title', 'chức vụ', 'chức danh'] },
  { field: 'unit', required: false, headers: ['unit', 'organization', 'organisation', 'đơn vị', 'cơ quan', 'đơn vị công tác'] },
  { field: 'pointCode', required: false, headers: ['point code', 'point', 'bridge point', 'mã điểm cầu', 'điểm cầu', 'mã điểm'] },
];

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  points: POINT_COLUMNS,
  delegates: DELEGATE_COLUMNS,
};

/** Default largest import file (the api reads IMPORT_MAX_BYTES). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Row errors listed in a job result; the rest are only counted. */
export const IMPORT_MAX_LISTED_ERRORS = 500;

/** Row errors and warnings as stable codes with parameters, so the interface words them in its language. */
export const ImportIssueCode = {
  Required: 'REQUIRED',
  TooLong: 'TOO_LONG',
  InvalidCode: 'INVALID_CODE',
  NotWholeNumber: 'NOT_WHOLE_NUMBER',
  AmbiguousNumber: 'AMBIGUOUS_NUMBER',
  Negative: 'NEGATIVE',
  TooLarge: 'TOO_LARGE',
  InvalidPhone: 'INVALID_PHONE',
  InvalidEmail: 'INVALID_EMAIL',
  WardNeedsDistrict: 'WARD_NEEDS_DISTRICT',
  DuplicateCode: 'DUPLICATE_CODE',
  PointNotRegistered: 'POINT_NOT_REGISTERED',
  /** NUL, control characters or U+FFFD (text broken by a wrong encoding) in a cell. */
  InvalidCharacters: 'INVALID_CHARACTERS',
} as const;
export type ImportIssueCode = (typeof ImportIssueCode)[keyof typeof ImportIssueCode];

export const ImportWarningCode = {
  /** A code column held numbers: codes were read as displayed, leading zeros typed in may be gone. */
  NumericCodes: 'NUMERIC_CODES',
  /** A code that differs from a registered one only by leading zeros ("001" and "1"). */
  LeadingZeroLookalike: 'LEADING_ZERO_LOOKALIKE',
  /** Phone numbers whose leading 0 was lost (stored as numbers) got it back. */
  PhoneZeroRestored: 'PHONE_ZERO_RESTORED',
  /** +84 / 84 written as the national 0. */
  PhoneCountryCode: 'PHONE_COUNTRY_CODE',
  /** Reading stopped at a totals or signature block under the table. */
  StoppedAtFooter: 'STOPPED_AT_FOOTER',
  /** Two header rows (grouped columns) were merged into column names. */
  MultiRowHeader: 'MULTI_ROW_HEADER',
  /** Optional columns absent from the file: stored values are kept. */
  ColumnsKept: 'COLUMNS_KEPT',
  /** File columns that match no field and were not read. */
  ColumnsIgnored: 'COLUMNS_IGNORED',
} as const;
export type ImportWarningCode = (typeof ImportWarningCode)[keyof typeof ImportWarningCode];

export type ImportIssueParams = Record<string, string | number>;

/** One warning about the file as a whole, or about several rows (`count` rows, `lines` the first few). */
export interface ImportWarning {
  code: ImportWarningCode;
  field: string | null;
  count: number;
  lines: number[];
  params: ImportIssueParams;
  message: string;
}

/** Which file column went to which field. */
export interface ImportColumnMapping {
  field: string;
  /** The header as written (grouped headers joined with " / "). */
  header: string;
  /** 1-based column number in the file. */
  column: number;
}

/** What a dry run found: nothing is written until the upload is committed. */
export interface ImportPreview {
  uploadId: Uuid;
  filename: string;
  /** The first rows as read, values by field. */
  rows: { line: number; values: Record<string, string> }[];
}

/** Limits of the upload and its reading, as configured (`IMPORT_MAX_*`). */
export interface ImportLimits {
  maxBytes: number;
  maxUncompressedBytes: number;
  maxRows: number;
  maxColumns: number;
}
