import { IMPORT_COLUMNS, type ImportKind } from '@bridgepoint/contracts';
import type { TFunction } from 'i18next';
import type { Messages } from '../../i18n/vi';

type FieldKey<K extends ImportKind> = keyof Messages['fields'][K];

/** The column's label in the current language; labels double as headers the server accepts. */
export function fieldLabel(t: TFunction, kind: ImportKind, field: string | null): string {
  if (!field) return '';
  const known = IMPORT_COLUMNS[kind].some((column) => column.field === field);
  if (!known) return field;
  return kind === 'points'
    ? t(`fields.points.${field as FieldKey<'points'>}`)
    : t(`fields.delegates.${field as FieldKey<'delegates'>}`);
}

function csvCell(value: string): string {
  return /[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header-only CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly). */
export function templateCsv(t: TFunction, kind: ImportKind): Blob {
  const header = IMPORT_COLUMNS[kind].map((column) => csvCell(fieldLabel(t, kind, column.field))).join(',');
  return new Blob(['\uFEFF', header, '\r\n'], { type: 'text/csv;charset=utf-8' });
}
