import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { api, queryKeys } from '../../lib/endpoints';
import { formatNumber, formatSchedule } from '../../lib/time';

export function ConferenceListPage() {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: queryKeys.conferences, queryFn: api.conferences });
  const conferences = [...(query.data ?? [])].sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <div className="stack">
      <div className="page-title-row">
        <div>
          <h1>{t('conferences.title')}</h1>
          {conferences.length > 0 && <p className="muted">{t('conferences.count', { count: conferences.length })}</p>}
        </div>
        <Link to="/conferences/new" className="btn btn-primary">
          + {t('conferences.new')}
        </Link>
      </div>

      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}

      {query.data && conferences.length === 0 && (
        <section className="empty-state card">
          <p className="empty-title">{t('conferences.empty')}</p>
          <p className="muted">{t('conferences.emptyHint')}</p>
          <Link to="/conferences/new" className="btn btn-primary">
            + {t('conferences.new')}
          </Link>
        </section>
      )}

      {conferences.length > 0 && (
        <div className="table-wrap card card-flush">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('conferences.columns.title')}</th>
                <th scope="col">{t('conferences.columns.schedule')}</th>
                <th scope="col">{t('conferences.columns.status')}</th>
                <th scope="col" className="num">
                  {t('conferences.columns.points')}
                </th>
                <th scope="col" className="num">
                  {t('conferences.columns.delegates')}
                </th>
              </tr>
            </thead>
            <tbody>
              {conferences.map((conference) => (
                <tr key={conference.id}>
                  <td data-label={t('conferences.columns.title')}>
                    <Link to={`/conferences/${encodeURIComponent(conference.id)}`} className="row-title">
                      {conference.title}
                    </Link>
                  </td>
                  <td data-label={t('conferences.columns.schedule')}>
                    {formatSchedule(conference.startsAt, conference.endsAt, i18n.language)}
                  </td>
                  <td data-label={t('conferences.columns.status')}>
                    <StatusBadge status={conference.status} />
                  </td>
                  <td data-label={t('conferences.columns.points')} className="num">
                    {formatNumber(conference.pointCount, i18n.language)}
                  </td>
                  <td data-label={t('conferences.columns.delegates')} className="num">
                    {formatNumber(conference.expectedDelegates, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
