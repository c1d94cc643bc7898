import type { ImportKind, ImportRowError, ImportWarning } from '@bridgepoint/contracts';
import i18next, { type TFunction } from 'i18next';
import { fieldLabel } from './columns';

/** A row error in the reader's language, from its code and parameters; the server's English text otherwise. */
export function issueText(t: TFunction, kind: ImportKind, error: ImportRowError): string {
  const key = `import.issues.${error.code ?? ''}`;
  if (!error.code || !i18next.exists(key)) return error.message;
  return t(key as 'import.issues.REQUIRED', { ...error.params, field: fieldLabel(t, kind, error.field) });
}

/** A warning in the reader's language; field names in its parameters are translated too. */
export function warningText(t: TFunction, kind: ImportKind, warning: ImportWarning): string {
  const key = `import.warnings.${warning.code}`;
  if (!i18next.exists(key)) return warning.message;
  const fields = typeof warning.params.fields === 'string' ? warning.params.fields.split(', ').map((f) => fieldLabel(t, kind, f)).join(', ') : undefined;
  return t(key as 'import.warnings.NUMERIC_CODES', { ...warning.params, count: warning.count, ...(fields ? { fields } : {}) });
}
