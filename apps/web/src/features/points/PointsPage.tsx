import type { ConferencePointDto } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { api, queryKeys } from '../../lib/endpoints';
import { formatNumber } from '../../lib/time';
import { useConference } from '../conferences/context';
import { filterPoints, type PointFilter } from './grouping';
import { PointFilters } from './PointFilters';
import { PointRow } from './PointRow';
import { usePointsData } from './usePointsData';
import { usePublicBase } from '../../lib/publicBase';
import { useWindowedRows } from '../../lib/useWindowedRows';
import { PublicUrlNotice } from '../links/PublicUrlNotice';

const NO_FILTER: PointFilter = { search: '', district: '', ward: '' };
const COLUMNS = 9;

function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="spacer-row" data-spacer="1" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  );
}

export function PointsPage() {
  const { t, i18n } = useTranslation();
  const conference = useConference();
  const queryClient = useQueryClient();
  const base = usePublicBase();
  const { points, units, indexed } = usePointsData(conference.id);
  const [filter, setFilter] = useState<PointFilter>(NO_FILTER);
  const deferredFilter = useDeferredValue(filter);
  const visible = useMemo(() => (indexed ? filterPoints(indexed, deferredFilter) : []), [indexed, deferredFilter]);
  const [rowsRef, rows] = useWindowedRows(visible.length, 56);
  const [target, setTarget] = useState<ConferencePointDto | null>(null);
  const [rotatedName, setRotatedName] = useState<string | null>(null);

  const rotate = useMutation({
    mutationFn: (point: ConferencePointDto) => api.rotateJoinCode(conference.id, point.id),
    onSuccess: ({ pointId, joinCode }, point) => {
      queryClient.setQueryData<ConferencePointDto[]>(queryKeys.points(conference.id), (list) =>
        list?.map((p) => (p.id === pointId ? { ...p, joinCode } : p)),
      );
      setTarget(null);
      setRotatedName(point.name);
    },
  });

  const resetRotate = rotate.reset;
  const askRotate = useCallback(
    (point: ConferencePointDto) => {
      resetRotate();
      setRotatedName(null);
      setTarget(point);
    },
    [resetRotate],
  );

  if (points.isPending || units.isPending) return <Loading />;
  if (points.isError) return <ErrorNotice error={points.error} onRetry={() => void points.refetch()} />;
  if (!indexed) return <Loading />;

  const total = indexed.length;
  const n = (value: number) => formatNumber(value, i18n.language);
  const filtered = visible.length !== total;
  const delegates = visible.reduce((sum, item) => sum + item.point.expectedDelegates, 0);

  if (total === 0) {
    return (
      <section className="empty-state card">
        <p className="empty-title">{t('points.empty')}</p>
        <p className="muted">{t('points.emptyHint')}</p>
        <Link className="btn btn-primary" to={`/conferences/${encodeURIComponent(conference.id)}/import`}>
          {t('tabs.import')}
        </Link>
      </section>
    );
  }

  return (
    <div className="stack">
      <div className="section-head">
        <h2>{t('points.title')}</h2>
        <p className="counts" aria-live="polite" data-testid="points-count">
          <strong>
            {filtered
              ? t('points.countFiltered', { shown: n(visible.length), total: n(total) })
              : t('points.count', { count: total, n: n(total) })}
          </strong>
          <span className="muted"> · {t('points.delegatesTotal', { n: n(delegates) })}</span>
        </p>
      </div>

      <PublicUrlNotice />
      <PointFilters indexed={indexed} filter={filter} onChange={setFilter} />

      {units.isError && <ErrorNotice error={units.error} onRetry={() => void units.refetch()} />}
      {rotatedName && (
        <p className="notice notice-success" role="status">
          {t('points.rotated', { name: rotatedName })}
        </p>
      )}

      {visible.length === 0 ? (
        <div className="empty-state card">
          <p>{t('points.noMatch')}</p>
          <button type="button" className="btn" onClick={() => setFilter(NO_FILTER)}>
            {t('points.clearFilters')}
          </button>
        </div>
      ) : (
        <div className={`table-wrap card card-flush ${filter !== deferredFilter ? 'is-stale' : ''}`}>
          <table className="table table-cards points-table">
            <thead>
              <tr>
                <th scope="col">{t('points.columns.code')}</th>
                <th scope="col">{t('points.columns.name')}</th>
                <th scope="col">{t('points.columns.district')}</th>
                <th scope="col">{t('points.columns.unit')}</th>
                <th scope="col" className="num">
                  {t('points.columns.expected')}
                </th>
                <th scope="col">{t('points.columns.operator')}</th>
                <th scope="col">{t('points.columns.phone')}</th>
                <th scope="col">{t('points.columns.link')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('points.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            {/* Only the rows in the window are drawn; the spacers stand for the others. */}
            <tbody ref={rowsRef} data-testid="points-rows" aria-rowcount={visible.length}>
              {rows.padTop > 0 && <SpacerRow height={rows.padTop} />}
              {visible.slice(rows.start, rows.end).map((item) => (
                <PointRow key={item.point.id} item={item} base={base} onRotate={askRotate} />
              ))}
              {rows.padBottom > 0 && <SpacerRow height={rows.padBottom} />}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog
        open={target !== null}
        title={t('points.rotateTitle')}
        confirmLabel={t('points.rotateConfirm')}
        busyLabel={t('points.rotating')}
        busy={rotate.isPending}
        danger
        onConfirm={() => target && rotate.mutate(target)}
        onCancel={() => setTarget(null)}
      >
        <p>{target ? t('points.rotateBody', { name: target.name }) : ''}</p>
        {rotate.isError && <ErrorNotice error={rotate.error} />}
      </ConfirmDialog>
    </div>
  );
}
