import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../lib/time';
import type { BoardPoint } from './readiness';

/** Narrower tiles on a phone, so two fit side by side. */
const tileMinWidth = (width: number) => (width < 600 ? 150 : 210);
const ROW_HEIGHT = 108;
const GAP = 8;
/** Rows drawn above and below the visible ones, so fast scrolling shows no blank. */
const OVERSCAN = 4;

function Tile({ p }: { p: BoardPoint }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`ready-tile state-${p.state}`} role="listitem" data-testid="readiness-tile" data-state={p.state} data-point-id={p.pointId}>
      <div className="ready-tile-head">
        <span className="ready-dot" aria-hidden="true" />
        <strong className="ready-code">{p.code}</strong>
        <span className="visually-hidden">{t(`readiness.states.${p.state}`)}</span>
        {p.sending && <span className="ready-sending" title={t('readiness.reasons.sending')}>●</span>}
      </div>
      <div className="ready-name" title={p.name}>
        {p.name}
      </div>
      <div className="ready-reason">{p.reasons.length === 0 ? t('readiness.states.green') : t(`readiness.reasons.${p.reasons[0]}`)}</div>
      <div className="ready-detail muted">
        {!p.online && p.lastSeenAt
          ? t('readiness.lastSeen', { time: formatClock(p.lastSeenAt, i18n.language) })
          : p.reasons
              .slice(1)
              .map((r) => t(`readiness.reasons.${r}`))
              .join(' · ')}
      </div>
    </div>
  );
}

/**
 * Tiles in rows of as many as fit; only the rows in view (and a few around) are in the page, so 9,000
 * points cost what a screenful does.
 */
export function ReadinessGrid({ points }: { points: readonly BoardPoint[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ width: 1200, height: 800, top: 0 });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setView({ width: el.clientWidth, height: el.clientHeight, top: el.scrollTop });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  const columns = Math.max(1, Math.floor((view.width + GAP) / (tileMinWidth(view.width) + GAP)));
  const rows = Math.ceil(points.length / columns);
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const drawn = [];
  for (let r = first; r < last; r++) {
    drawn.push(
      <div key={r} className="ready-row" style={{ top: r * ROW_HEIGHT, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {points.slice(r * columns, (r + 1) * columns).map((p) => (
          <Tile key={p.pointId} p={p} />
        ))}
      </div>,
    );
  }
  return (
    <div className="ready-scroll" ref={ref} role="list" aria-rowcount={rows} data-testid="readiness-grid">
      <div className="ready-canvas" style={{ height: rows * ROW_HEIGHT }}>
        {drawn}
      </div>
    </div>
  );
}
