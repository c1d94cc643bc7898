import { memo, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatNumber } from '../../lib/time';
import { useConference } from '../conferences/context';
import { filterPoints, joinLink, type IndexedPoint, type PointFilter } from './grouping';
import { PointFilters } from './PointFilters';
import { QrCode } from './QrCode';
import { usePointsData } from './usePointsData';
import { usePublicBase } from '../../lib/publicBase';
import { PublicUrlNotice } from '../links/PublicUrlNotice';

const CARDS_PER_PAGE = 6;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

const QrCard = memo(function QrCard({ item, base, conferenceTitle }: { item: IndexedPoint; base: string; conferenceTitle: string }) {
  const { t } = useTranslation();
  const { point } = item;
  const link = joinLink(base, point.joinCode);
  const place = [item.wardName, item.districtName].filter((part) => part && part !== point.name).join(', ');
  return (
    <article className="qr-card">
      <header className="qr-card-head">
        <p className="qr-conference">{conferenceTitle}</p>
        <h3 className="qr-name">{point.name}</h3>
        <p className="qr-meta">
          <span className="mono">{point.code}</span>
          {place && <span> · {place}</span>}
        </p>
      </header>
      <QrCode className="qr-image" text={link} label={t('qr.qrLabel', { name: point.name })} />
      <p className="qr-scan">{t('qr.scan')}</p>
      <p className="qr-link mono">{link}</p>
      <p className="qr-code">
        <span className="qr-code-label">{t('qr.joinCode')}</span>
        <span className="mono qr-code-value">{point.joinCode}</span>
      </p>
    </article>
  );
});

export function QrSheetPage() {
  const { t, i18n } = useTranslation();
  const conference = useConference();
  const base = usePublicBase();
  const { points, units, indexed } = usePointsData(conference.id);
  const [filter, setFilter] = useState<PointFilter>({ search: '', district: '', ward: '' });
  const deferredFilter = useDeferredValue(filter);
  const visible = useMemo(() => (indexed ? filterPoints(indexed, deferredFilter) : []), [indexed, deferredFilter]);
  const pages = useMemo(() => chunk(visible, CARDS_PER_PAGE), [visible]);

  if (points.isPending || units.isPending) return <Loading />;
  if (points.isError) return <ErrorNotice error={points.error} onRetry={() => void points.refetch()} />;
  if (!indexed) return <Loading />;

  return (
    <div className="stack">
      <div className="section-head no-print">
        <div>
          <h2>{t('qr.title')}</h2>
          <p className="muted">{t('qr.hint')}</p>
        </div>
        <div className="button-row">
          <span className="chip">
            {t('qr.cards', { count: visible.length, n: formatNumber(visible.length, i18n.language), pages: pages.length })}
          </span>
          <button type="button" className="btn btn-primary" onClick={() => window.print()} disabled={visible.length === 0}>
            {t('qr.print')}
          </button>
        </div>
      </div>
      <PublicUrlNotice />
      <PointFilters indexed={indexed} filter={filter} onChange={setFilter} searchable={false} />
      {visible.length === 0 ? (
        <p className="empty-state card">{indexed.length === 0 ? t('points.empty') : t('points.noMatch')}</p>
      ) : (
        <div className={`qr-sheet ${filter !== deferredFilter ? 'is-stale' : ''}`}>
          {pages.map((page, index) => (
            <section key={page[0]?.point.id ?? index} className="qr-page" aria-label={t('qr.page', { n: index + 1, total: pages.length })}>
              <p className="qr-page-label no-print">{t('qr.page', { n: index + 1, total: pages.length })}</p>
              {page.map((item) => (
                <QrCard key={item.point.id} item={item} base={base} conferenceTitle={conference.title} />
              ))}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
