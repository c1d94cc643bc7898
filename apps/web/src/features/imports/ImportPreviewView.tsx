import { IMPORT_COLUMNS, type ImportKind, type ImportResult } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/time';
import { fieldLabel } from './columns';
import { ImportErrors, ImportWarnings } from './ImportIssues';

interface Props {
  kind: ImportKind;
  result: ImportResult;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What an import would do, read from the file but not written: columns, first rows, counts, warnings. */
export function ImportPreviewView({ kind, result, busy, onConfirm, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const fields = IMPORT_COLUMNS[kind].map((c) => c.field).filter((f) => result.columns?.some((m) => m.field === f));
  const stats = [
    { key: 'created', label: t('import.preview.willCreate'), value: result.created, tone: 'good' },
    { key: 'updated', label: t('import.preview.willUpdate'), value: result.updated, tone: 'info' },
    { key: 'unchanged', label: t('import.preview.willKeep'), value: result.unchanged, tone: 'plain' },
    { key: 'errors', label: t('import.preview.errors'), value: result.errorCount, tone: 'plain' },
  ];
  const kept = (result.keptFields ?? []).map((f) => fieldLabel(t, kind, f));

  return (
    <div className="import-result import-preview" data-testid={`import-${kind}-preview`}>
      <div className="notice notice-info">
        <p className="notice-title">{t('import.preview.title')}</p>
        <p className="notice-detail">{t('import.preview.hint')}</p>
      </div>
      <dl className="stats">
        {stats.map((stat) => (
          <div key={stat.key} className={`stat stat-${stat.tone}`} data-stat={stat.key}>
            <dt>{stat.label}</dt>
            <dd>{n(stat.value)}</dd>
          </div>
        ))}
      </dl>

      <h3>{t('import.preview.mappingTitle')}</h3>
      <div className="table-wrap">
        <table className="table table-compact" data-testid={`import-${kind}-mapping`}>
          <thead>
            <tr>
              <th scope="col">{t('import.preview.fileColumn')}</th>
              <th scope="col">{t('import.preview.field')}</th>
            </tr>
          </thead>
          <tbody>
            {(result.columns ?? []).map((m) => (
              <tr key={m.field}>
                <td>{m.header}</td>
                <td>{fieldLabel(t, kind, m.field)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(result.ignoredColumns ?? []).length > 0 && (
        <p className="muted small">{t('import.preview.ignored', { headers: (result.ignoredColumns ?? []).join(', ') })}</p>
      )}
      {kept.length > 0 && <p className="muted small">{t('import.preview.kept', { fields: kept.join(', ') })}</p>}

      <ImportWarnings kind={kind} result={result} />

      <h3>{t('import.preview.rowsTitle')}</h3>
      <div className="table-wrap table-scroll">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.line')}
              </th>
              {fields.map((f) => (
                <th scope="col" key={f}>
                  {fieldLabel(t, kind, f)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(result.preview?.rows ?? []).map((row) => (
              <tr key={row.line}>
                <td className="num">{row.line}</td>
                {fields.map((f) => (
                  <td key={f}>{row.values[f]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ImportErrors kind={kind} result={result} />

      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid={`import-${kind}-confirm`} disabled={busy} onClick={onConfirm}>
          {t('import.preview.confirm')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onCancel}>
          {t('import.preview.cancel')}
        </button>
      </div>
    </div>
  );
}
