import type { AuditEntryDto } from '@bridgepoint/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { api, queryKeys } from '../../lib/endpoints';
import { formatDateTime } from '../../lib/time';

/** `/conferences/:id/audit` (its organizers) and `/admin/audit` (admins): who did what, when, before and after. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { id = null } = useParams();
  const pages = useInfiniteQuery({
    queryKey: queryKeys.audit(id),
    queryFn: ({ pageParam }) => api.audit(id, pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
  useEffect(() => {
    document.title = `${t('audit.title')} — Bridgepoint`;
  }, [t]);
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <div className="page-title-row">
        <div>
          <h2>{id ? t('audit.title') : t('audit.titleAll')}</h2>
          <p className="muted">{t('audit.intro')}</p>
        </div>
        <div className="row-actions">
          {(['csv', 'xlsx'] as const).map((format) => (
            <button key={format} type="button" className="btn btn-small" onClick={() => void api.downloadAudit(id, format, i18n.language)}>
              {t('audit.download')} {format.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {pages.isPending && <Loading />}
      {pages.isError && <ErrorNotice error={pages.error} onRetry={() => void pages.refetch()} />}
      {pages.data && entries.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      {entries.length > 0 && (
        <div className="table-wrap card card-flush">
          <table className="table table-cards" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.actor')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.target')}</th>
                <th scope="col">{t('audit.columns.change')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t('audit.columns.at')}>{formatDateTime(entry.at, i18n.language)}</td>
                  <td data-label={t('audit.columns.actor')}>{entry.actor.replace(/^user:/, '')}</td>
                  <td data-label={t('audit.columns.action')}>
                    <code>{entry.action}</code>
                  </td>
                  <td data-label={t('audit.columns.target')}>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '—'}</td>
                  <td data-label={t('audit.columns.change')}>
                    <Change entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <div>
          <button type="button" className="btn" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {t('audit.more')}
          </button>
        </div>
      )}
    </div>
  );
}

function Change({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const show = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const before = show(entry.before);
  const after = show(entry.after);
  if (!before && !after) return <span className="muted">—</span>;
  return (
    <div className="audit-change small">
      {before && (
        <div>
          <span className="muted">{t('audit.before')}:</span> <code>{before}</code>
        </div>
      )}
      {after && (
        <div>
          <span className="muted">{t('audit.after')}:</span> <code>{after}</code>
        </div>
      )}
    </div>
  );
}
