import type { ImportKind, ImportResult } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/time';
import { fieldLabel } from './columns';
import { issueText, warningText } from './issues';

/** Warnings about the file: numeric codes, restored phone zeros, a signature block, merged headers… */
export function ImportWarnings({ kind, result }: { kind: ImportKind; result: ImportResult }) {
  const { t } = useTranslation();
  const warnings = (result.warnings ?? []).filter((w) => w.code !== 'COLUMNS_KEPT' && w.code !== 'COLUMNS_IGNORED');
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice-warning" data-testid={`import-${kind}-warnings`}>
      <p className="notice-title">{t('import.warningsTitle')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.code}-${w.field ?? ''}`} data-warning={w.code}>
            {warningText(t, kind, w)}
            {w.lines.length > 0 && <span className="muted small"> ({t('import.linesShort', { lines: w.lines.join(', ') })})</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The rows that were (or would be) skipped, with line, column and reason in the reader's language. */
export function ImportErrors({ kind, result }: { kind: ImportKind; result: ImportResult }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const errorTotal = Math.max(result.errorCount, result.errors.length);
  if (errorTotal === 0) return <p className="save-ok">✓ {t('import.noErrors')}</p>;
  return (
    <div className="import-errors">
      <div className="card-head">
        <h3>
          {t('import.errorsTitle')} <span className="count-pill">{n(errorTotal)}</span>
        </h3>
        {errorTotal > result.errors.length && (
          <span className="muted small">{t('import.showing', { shown: n(result.errors.length), total: n(errorTotal) })}</span>
        )}
      </div>
      <p className="muted small">{t('import.errorsHint')}</p>
      <div className="table-wrap table-scroll">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.line')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((error, index) => (
              <tr key={`${error.line}-${error.field ?? ''}-${index}`}>
                <td className="num">{error.line}</td>
                <td>{fieldLabel(t, kind, error.field) || t('common.none')}</td>
                <td>{issueText(t, kind, error)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
