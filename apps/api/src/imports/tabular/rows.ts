import { ImportIssueCode, type ImportIssueParams, type ImportRowError } from '@bridgepoint/contracts';
import { normalizePhone, type PhoneFix } from './phone';
import type { TableRow } from './tabular.types';

export { normalizePhone } from './phone';

export interface PointRow {
  code: string;
  name: string;
  district: string | null;
  ward: string | null;
  agency: string | null;
  address: string | null;
  expectedDelegates: number;
  operatorName: string | null;
  operatorPhone: string | null;
  operatorEmail: string | null;
}

export interface DelegateRow {
  code: string;
  fullName: string;
  title: string | null;
  unit: string | null;
  pointCode: string | null;
}

/** Something changed on the way in that the organizer should hear about (a phone's lost 0 restored). */
export interface RowNote {
  line: number;
  field: string;
  fix: PhoneFix;
}

export type RowResult<T> = { ok: true; value: T; notes?: RowNote[] } | { ok: false; errors: ImportRowError[] };

export const CODE_MAX = 64;
export const TEXT_MAX = 255;
export const EXPECTED_DELEGATES_MAX = 100_000;

const CODE_PATTERN = /^[\p{L}\p{N}._/-]+$/u;
/**
 * Characters no list holds: NUL and other controls, U+FFFD (text broken by a wrong encoding) and
 * unpaired surrogates. Tabs and line breaks were already folded into spaces.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVALID_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

const ENGLISH: Record<ImportIssueCode, (p: ImportIssueParams) => string> = {
  REQUIRED: (p) => `${p.label} is required`,
  TOO_LONG: (p) => `${p.label} is longer than ${p.max} characters`,
  INVALID_CODE: (p) => `"${p.value}" is not a valid code: use letters, digits and - _ . / only`,
  NOT_WHOLE_NUMBER: (p) => `"${p.value}" is not a whole number`,
  AMBIGUOUS_NUMBER: (p) => `"${p.value}" is ambiguous: write the number without separators`,
  NEGATIVE: (p) => `"${p.value}" is negative`,
  TOO_LARGE: (p) => `"${p.value}" is more than ${p.max}`,
  INVALID_PHONE: (p) => `"${p.value}" is not a phone number`,
  INVALID_EMAIL: (p) => `"${p.value}" is not an email address`,
  WARD_NEEDS_DISTRICT: (p) => `Ward "${p.ward}" needs a district`,
  DUPLICATE_CODE: (p) => `Code "${p.code}" already appears on line ${p.firstLine}; this row was skipped.`,
  POINT_NOT_REGISTERED: (p) => `Point "${p.code}" is not registered: import the points first.`,
  INVALID_CHARACTERS: (p) => `The cell holds a character that is not text (${p.character}); retype the cell or remove the character`,
};

/** A row error with its stable code, parameters and English text. */
export function rowError(line: number, field: string | null, code: ImportIssueCode, params: ImportIssueParams): ImportRowError {
  return { line, field, message: ENGLISH[code](params), code, params };
}

const hex = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Collects the errors of one row; each reader returns a placeholder after reporting. */
class RowChecker {
  readonly errors: ImportRowError[] = [];
  readonly notes: RowNote[] = [];
  constructor(private readonly row: TableRow) {}

  fail(field: string, code: ImportIssueCode, params: ImportIssueParams): void {
    this.errors.push(rowError(this.row.line, field, code, params));
  }

  /** The cell's text, or '' after reporting a character that has no place in a list. */
  private raw(field: string): string {
    const value = this.row.values[field] ?? '';
    const bad = INVALID_CHARACTER.exec(value);
    if (bad) {
      this.fail(field, ImportIssueCode.InvalidCharacters, { character: hex(bad[0]) });
      return '';
    }
    return value;
  }

  /** Codes are compared case-insensitively, so they are stored upper-case. */
  code(field: string, required: boolean, label = 'Code'): string | null {
    const before = this.errors.length;
    const value = this.raw(field).toUpperCase();
    if (value === '') {
      if (required && this.errors.length === before) this.fail(field, ImportIssueCode.Required, { label });
      return null;
    }
    if (value.length > CODE_MAX) this.fail(field, ImportIssueCode.TooLong, { label, max: CODE_MAX });
    else if (!CODE_PATTERN.test(value)) this.fail(field, ImportIssueCode.InvalidCode, { value });
    return value;
  }

  text(field: string, required: boolean, label: string): string | null {
    const before = this.errors.length;
    const value = this.raw(field);
    if (value === '') {
      if (required && this.errors.length === before) this.fail(field, ImportIssueCode.Required, { label });
      return null;
    }
    if (value.length > TEXT_MAX) this.fail(field, ImportIssueCode.TooLong, { label, max: TEXT_MAX });
    return value;
  }

  count(field: string, max: number): number {
    const value = this.raw(field).trim();
    if (value === '') return 0;
    const match = /^\+?(\d+)(?:[.,]0{1,2})?$/.exec(value);
    if (!match) {
      if (/^\d{1,3}([.,]\d{3})+$/.test(value)) this.fail(field, ImportIssueCode.AmbiguousNumber, { value });
      else if (/^-\d+([.,]0+)?$/.test(value)) this.fail(field, ImportIssueCode.Negative, { value });
      else this.fail(field, ImportIssueCode.NotWholeNumber, { value });
      return 0;
    }
    const n = Number(match[1]);
    if (n > max) {
      this.fail(field, ImportIssueCode.TooLarge, { value, max });
      return 0;
    }
    return n;
  }

  /** An address as people write it: trimmed, lower-cased domain; one @, a dot in the domain, no spaces. */
  email(field: string): string | null {
    const value = this.raw(field).trim();
    if (value === '') return null;
    const at = value.lastIndexOf('@');
    if (value.length > 254 || at < 1 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      this.fail(field, ImportIssueCode.InvalidEmail, { value });
      return null;
    }
    return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  }

  phone(field: string): string | null {
    const value = this.raw(field);
    if (value === '') return null;
    const phone = normalizePhone(value);
    if (phone === null) {
      this.fail(field, ImportIssueCode.InvalidPhone, { value });
      return null;
    }
    if (phone.fix) this.notes.push({ line: this.row.line, field, fix: phone.fix });
    return phone.number;
  }
}

function result<T>(checker: RowChecker, value: T): RowResult<T> {
  if (checker.errors.length > 0) return { ok: false, errors: checker.errors };
  return checker.notes.length > 0 ? { ok: true, value, notes: checker.notes } : { ok: true, value };
}

export function validatePointRow(row: TableRow): RowResult<PointRow> {
  const check = new RowChecker(row);
  const value: PointRow = {
    code: check.code('code', true) ?? '',
    name: check.text('name', true, 'Name') ?? '',
    district: check.text('district', false, 'District'),
    ward: check.text('ward', false, 'Ward'),
    agency: check.text('agency', false, 'Agency'),
    address: check.text('address', false, 'Address'),
    expectedDelegates: check.count('expectedDelegates', EXPECTED_DELEGATES_MAX),
    operatorName: check.text('operatorName', false, 'Operator name'),
    operatorPhone: check.phone('operatorPhone'),
    operatorEmail: check.email('operatorEmail'),
  };
  if (value.ward !== null && value.district === null && (row.values.district ?? '') === '') {
    check.fail('district', ImportIssueCode.WardNeedsDistrict, { ward: value.ward });
  }
  return result(check, value);
}

export function validateDelegateRow(row: TableRow): RowResult<DelegateRow> {
  const check = new RowChecker(row);
  const value: DelegateRow = {
    code: check.code('code', true) ?? '',
    fullName: check.text('fullName', true, 'Full name') ?? '',
    title: check.text('title', false, 'Title'),
    unit: check.text('unit', false, 'Unit'),
    pointCode: check.code('pointCode', false, 'Point code'),
  };
  return result(check, value);
}
