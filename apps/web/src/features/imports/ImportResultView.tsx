import type { ImportKind, ImportResult } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatNumber } from '../../lib/time';
import { fieldLabel } from './columns';

interface Props {
  kind: ImportKind;
  result: ImportResult;
}

export function ImportResultView({ kind, result }: Props) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const errorTotal = Math.max(result.errorCount, result.errors.length);
  const stats = [
    { key: 'created', label: t('import.result.created'), value: n(result.created), tone: 'good' },
    { key: 'updated', label: t('import.result.updated'), value: n(result.updated), tone: 'info' },
    { key: 'unchanged', label: t('import.result.unchanged'), value: n(result.unchanged), tone: 'plain' },
    { key: 'total', label: t('import.result.total'), value: n(result.total), tone: 'plain' },
    { key: 'duration', label: t('import.result.duration'), value: formatDuration(result.durationMs, i18n.language), tone: 'plain' },
  ];

  return (
    <div className="import-result" data-testid={`import-${kind}-result`}>
      <dl className="stats">
        {stats.map((stat) => (
          <div key={stat.key} className={`stat stat-${stat.tone}`} data-stat={stat.key}>
            <dt>{stat.label}</dt>
            <dd>{stat.value}</dd>
          </div>
        ))}
      </dl>
      {errorTotal === 0 ? (
        <p className="save-ok">✓ {t('import.noErrors')}</p>
      ) : (
        <div className="import-errors">
          <div className="card-head">
            <h3>
              {t('import.errorsTitle')} <span className="count-pill">{n(errorTotal)}</span>
            </h3>
            {errorTotal > result.errors.length && (
              <span className="muted small">
                {t('import.showing', { shown: n(result.errors.length), total: n(errorTotal) })}
              </span>
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
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
