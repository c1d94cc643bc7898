import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useMatch, useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { api, queryKeys } from '../../lib/endpoints';
import { formatNumber, formatSchedule } from '../../lib/time';
import { canModerate, canOrganize, useMe } from '../auth/useMe';
import type { ConferenceContext } from './context';

export function ConferenceShell() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: queryKeys.conference(id), queryFn: () => api.conference(id) });
  const role = useMe()?.role;
  const atIndex = useMatch({ path: '/conferences/:id', end: true }) !== null;

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <div className="stack">
        <Link to="/conferences" className="back-link">
          ← {t('editor.back')}
        </Link>
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }

  const conference = query.data;
  const base = `/conferences/${encodeURIComponent(conference.id)}`;
  const context: ConferenceContext = { conference };
  const organize = canOrganize(role);
  // Moderators start at moderation; presenters only have the hall screen.
  if (role === 'presenter') return <Navigate to={`${base}/hall`} replace />;
  if (atIndex && !organize && canModerate(role)) return <Navigate to={`${base}/moderation`} replace />;

  return (
    <>
      <div className="page-head no-print">
        <Link to="/conferences" className="back-link">
          ← {t('editor.back')}
        </Link>
        <div className="page-title-row">
          <h1>{conference.title}</h1>
          <StatusBadge status={conference.status} />
        </div>
        <p className="muted">
          {formatSchedule(conference.startsAt, conference.endsAt, i18n.language)}
          {' · '}
          {t('editor.summary', {
            points: formatNumber(conference.pointCount, i18n.language),
            delegates: formatNumber(conference.expectedDelegates, i18n.language),
          })}
        </p>
        <nav className="tabs" aria-label={t('tabs.label')}>
          {organize && (
            <>
              <NavLink end to={base} className="tab">
                {t('tabs.details')}
              </NavLink>
              <NavLink to={`${base}/import`} className="tab">
                {t('tabs.import')}
              </NavLink>
              <NavLink end to={`${base}/points`} className="tab">
                {t('tabs.points')}
              </NavLink>
              <NavLink to={`${base}/points/qr`} className="tab">
                {t('tabs.qr')}
              </NavLink>
              <NavLink to={`${base}/links`} className="tab">
                {t('links.tab')}
              </NavLink>
            </>
          )}
          <NavLink to={`${base}/control`} className="tab">
            {t('tabs.control')}
          </NavLink>
          <NavLink to={`${base}/readiness`} className="tab" data-testid="tab-readiness">
            {t('readiness.tab')}
          </NavLink>
          <NavLink to={`${base}/moderation`} className="tab" data-testid="tab-moderation">
            {t('tabs.moderation')}
          </NavLink>
          {organize && (
            <>
              <NavLink to={`${base}/recordings`} className="tab" data-testid="tab-recordings">
                {t('recordings.tab')}
              </NavLink>
              <NavLink to={`${base}/audit`} className="tab">
                {t('tabs.audit')}
              </NavLink>
            </>
          )}
        </nav>
      </div>
      <Outlet context={context} />
    </>
  );
}
