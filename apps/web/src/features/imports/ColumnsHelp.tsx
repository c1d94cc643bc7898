import { IMPORT_COLUMNS, type ImportKind } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { fieldLabel, templateCsv } from './columns';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ColumnsHelp({ kind, defaultOpen = false }: { kind: ImportKind; defaultOpen?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <details className="columns-help" open={defaultOpen || undefined}>
      <summary>{t('import.columnsTitle')}</summary>
      <p className="muted small">{t('import.columnsHint')}</p>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('common.required')}</th>
              <th scope="col">{t('import.acceptedHeaders')}</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_COLUMNS[kind].map((column) => (
              <tr key={column.field}>
                <th scope="row">{fieldLabel(t, kind, column.field)}</th>
                <td className="nowrap">
                  {column.required ? (
                    <span className="badge badge-required">{t('common.required')}</span>
                  ) : (
                    <span className="muted small">{t('common.optional')}</span>
                  )}
                </td>
                <td>
                  <div className="headers-cell">
                    {column.headers.map((header) => (
                      <span key={header} className="header-name">
                        {header}
                      </span>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => download(templateCsv(t, kind), `bridgepoint-${kind}-${i18n.language}.csv`)}
      >
        ↓ {t('import.template')}
      </button>
    </details>
  );
}
