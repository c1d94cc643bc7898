import type { FloorDto } from '@bridgepoint/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/time';

const REPEAT_MS = 15_000;

/** Two short tones: the speaking point dropped. */
function chime() {
  if (typeof AudioContext === 'undefined') return;
  const ctx = new AudioContext();
  for (const [at, freq] of [[0, 880], [0.35, 660]] as const) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + at);
    osc.stop(ctx.currentTime + at + 0.32);
  }
  setTimeout(() => void ctx.close().catch(() => undefined), 1500);
}

/**
 * Moderators cannot miss it: the point holding the floor lost its picture and sound (or its page) for more
 * than a few seconds. Shown and sounded (again every 15 s) until the point is back or the turn ends.
 */
export function FloorAlert({ floor, onEnd, busy }: { floor: FloorDto | undefined; onEnd(): void; busy?: boolean }) {
  const { t, i18n } = useTranslation();
  const interruptedAt = floor?.pointId ? floor.interruptedAt : null;
  useEffect(() => {
    if (!interruptedAt) return;
    chime();
    const timer = setInterval(chime, REPEAT_MS);
    return () => clearInterval(timer);
  }, [interruptedAt]);
  if (!floor || !interruptedAt) return null;
  return (
    <div className="notice notice-error floor-alert" role="alert" data-testid="floor-alert" data-point-id={floor.pointId ?? ''}>
      <p className="notice-title">{t('floorAlert.title')}</p>
      <p className="notice-detail">{t('floorAlert.body', { name: floor.pointName ?? '', time: formatTime(interruptedAt, i18n.language) })}</p>
      <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={onEnd} data-testid="floor-alert-end">
        {t('floorAlert.end')}
      </button>
    </div>
  );
}
