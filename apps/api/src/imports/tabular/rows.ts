import type { ImportRowError } from '@bridgepoint/contracts';
import type { TableRow } from './tabular.types';

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
}

export interface DelegateRow {
  code: string;
  fullName: string;
  title: string | null;
  unit: string | null;
  pointCode: string | null;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: ImportRowError[] };

export const CODE_MAX = 64;
export const TEXT_MAX = 255;
export const EXPECTED_DELEGATES_MAX = 100_000;

const CODE_PATTERN = /^[\p{L}\p{N}._/-]+$/u;

/** Collects the errors of one row; each reader returns a placeholder after reporting. */
class RowChecker {
  readonly errors: ImportRowError[] = [];
  constructor(private readonly row: TableRow) {}

  private fail(field: string, message: string): void {
    this.errors.push({ line: this.row.line, field, message });
  }

  private raw(field: string): string {
    return this.row.values[field] ?? '';
  }

  /** Codes are compared case-insensitively, so they are stored upper-case. */
  code(field: string, required: boolean, label = 'Code'): string | null {
    const value = this.raw(field).toUpperCase();
    if (value === '') {
      if (required) this.fail(field, `${label} is required`);
      return null;
    }
    if (value.length > CODE_MAX) this.fail(field, `${label} is longer than ${CODE_MAX} characters`);
    else if (!CODE_PATTERN.test(value)) {
      this.fail(field, `"${value}" is not a valid code: use letters, digits and - _ . / only`);
    }
    return value;
  }

  text(field: string, required: boolean, label: string): string | null {
    const value = this.raw(field);
    if (value === '') {
      if (required) this.fail(field, `${label} is required`);
      return null;
    }
    if (value.length > TEXT_MAX) this.fail(field, `${label} is longer than ${TEXT_MAX} characters`);
    return value;
  }

  count(field: string, max: number): number {
    const value = this.raw(field).trim();
    if (value === '') return 0;
    const match = /^\+?(\d+)(?:[.,]0{1,2})?$/.exec(value);
    if (!match) {
      this.fail(field, countProblem(value));
      return 0;
    }
    const n = Number(match[1]);
    if (n > max) {
      this.fail(field, `"${value}" is more than ${max}`);
      return 0;
    }
    return n;
  }

  phone(field: string): string | null {
    const value = this.raw(field);
    if (value === '') return null;
    const phone = normalizePhone(value);
    if (phone === null) this.fail(field, `"${value}" is not a phone number`);
    return phone;
  }
}

function countProblem(value: string): string {
  if (/^\d{1,3}([.,]\d{3})+$/.test(value)) return `"${value}" is ambiguous: write the number without separators`;
  if (/^-\d+([.,]0+)?$/.test(value)) return `"${value}" is negative`;
  return `"${value}" is not a whole number`;
}

/**
 * Vietnamese phone numbers: separators dropped, digits and a leading + kept.
 * 9–11 digits, or +84 followed by 9–10 digits; 9 digits without a leading 0 (Excel dropped it) get it back.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (digits.startsWith('84')) return digits.length >= 11 && digits.length <= 12 ? compact : null;
    return digits.length >= 8 && digits.length <= 15 ? compact : null;
  }
  if (compact.length === 9 && !compact.startsWith('0')) return `0${compact}`;
  return compact.length >= 9 && compact.length <= 11 ? compact : null;
}

function result<T>(checker: RowChecker, value: T): RowResult<T> {
  return checker.errors.length === 0 ? { ok: true, value } : { ok: false, errors: checker.errors };
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
  };
  if (value.ward !== null && value.district === null) {
    check.errors.push({ line: row.line, field: 'district', message: `Ward "${value.ward}" needs a district` });
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
