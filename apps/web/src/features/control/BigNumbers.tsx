import type { AttendanceSummary } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/ProgressBar';
import { formatNumber } from '../../lib/time';

function percent(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** The numbers the room watches: points in and points online side by side, people present, delegates checked in. */
export function BigNumbers({ summary, online: onlineNow }: { summary: AttendanceSummary; online?: number }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const { points, delegates } = summary;
  // Presence events arrive at once; the summary's count follows within its coalescing delay.
  const online = onlineNow ?? points.online ?? 0;
  return (
    <div className="control-numbers">
      <section className="big-stat" aria-labelledby="big-points">
        <h2 id="big-points" className="big-stat-label">
          {t('control.points')}
        </h2>
        <p className="big-stat-value" data-testid="control-points-checked-in">
          <strong>{n(points.checkedIn)}</strong>
          <span className="big-stat-of"> / {n(points.total)}</span>
        </p>
        <ProgressBar value={percent(points.checkedIn, points.total)} label={t('control.pointsProgress')} tone="done" />
      </section>
      <section className="big-stat" aria-labelledby="big-online">
        <h2 id="big-online" className="big-stat-label">
          {t('presence.online')}
        </h2>
        <p className="big-stat-value" data-testid="control-points-online">
          <strong>{n(online)}</strong>
          <span className="big-stat-of"> / {n(points.total)}</span>
        </p>
        <ProgressBar value={percent(online, points.total)} label={t('presence.online')} tone="done" />
      </section>
      <section className="big-stat" aria-labelledby="big-present">
        <h2 id="big-present" className="big-stat-label">
          {t('control.present')}
        </h2>
        <p className="big-stat-value" data-testid="control-present">
          <strong>{n(delegates.present)}</strong>
          <span className="big-stat-of"> / {n(delegates.expected)}</span>
        </p>
        <ProgressBar value={percent(delegates.present, delegates.expected)} label={t('control.presentProgress')} />
      </section>
      <section className="big-stat" aria-labelledby="big-delegates">
        <h2 id="big-delegates" className="big-stat-label">
          {t('control.delegates')}
        </h2>
        <p className="big-stat-value" data-testid="control-delegates-checked-in">
          <strong>{n(delegates.checkedIn)}</strong>
        </p>
        <p className="big-stat-hint">{t('control.delegatesHint')}</p>
      </section>
    </div>
  );
}
