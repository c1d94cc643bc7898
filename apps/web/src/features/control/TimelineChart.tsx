import type { AttendanceSummary } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../../lib/time';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 14, bottom: 30 };
const INNER_W = WIDTH - PAD.left - PAD.right;
const INNER_H = HEIGHT - PAD.top - PAD.bottom;

/** The next round number at or above `value` (1, 2, 2.5, 5 × 10ⁿ): a y-axis top that reads well. */
export function niceCeil(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

interface Sample {
  at: string;
  value: number;
}

interface ChartProps {
  title: string;
  samples: readonly Sample[];
  max: number;
  tone: 'points' | 'delegates';
}

function LineChart({ title, samples, max, tone }: ChartProps) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const last = samples.at(-1);
  const first = samples[0];
  if (!first || !last) return null;
  const series = samples.length === 1 ? [first, first] : samples;
  const x = (i: number) => PAD.left + (i / (series.length - 1)) * INNER_W;
  const y = (v: number) => PAD.top + INNER_H - (Math.min(v, max) / max) * INNER_H;
  const line = series.map((s, i) => `${x(i).toFixed(1)},${y(s.value).toFixed(1)}`).join(' ');
  const area = `M${x(0).toFixed(1)},${y(0)} L${line.replace(/ /g, ' L')} L${x(series.length - 1).toFixed(1)},${y(0)} Z`;
  const from = formatTime(first.at, i18n.language);
  const to = formatTime(last.at, i18n.language);
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [...new Set([0, Math.round(max / 2), max])];
  const label = t('control.chartLabel', { series: title, from, to, value: n(last.value) });

  return (
    <figure className={`chart chart-${tone}`}>
      <figcaption className="chart-caption">
        <span>{title}</span>
        <strong>{n(last.value)}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="chart-svg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text className="chart-axis" x={PAD.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {n(tick)}
            </text>
          </g>
        ))}
        <path className="chart-area" d={area} />
        <polyline className="chart-line" points={line} />
        <circle className="chart-dot" cx={x(series.length - 1)} cy={y(last.value)} r={5} />
        <text className="chart-axis" x={PAD.left} y={HEIGHT - 8} textAnchor="start">
          {from}
        </text>
        <text className="chart-axis" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
          {to}
        </text>
      </svg>
    </figure>
  );
}

/** Cumulative check-ins minute by minute, points and delegates side by side. */
export function TimelineChart({ summary }: { summary: AttendanceSummary }) {
  const { t } = useTranslation();
  const { timeline } = summary;
  const points = timeline.map((m) => ({ at: m.at, value: m.pointsCheckedIn }));
  const delegates = timeline.map((m) => ({ at: m.at, value: m.delegatesCheckedIn }));
  const delegatesTop = niceCeil(Math.max(1, ...delegates.map((s) => s.value)));
  return (
    <section className="card" aria-labelledby="control-timeline-title">
      <h2 id="control-timeline-title">{t('control.timeline')}</h2>
      {timeline.length === 0 ? (
        <p className="muted">{t('control.timelineEmpty')}</p>
      ) : (
        <div className="charts" data-testid="control-timeline">
          <LineChart title={t('control.timelinePoints')} samples={points} max={Math.max(1, summary.points.total)} tone="points" />
          <LineChart title={t('control.timelineDelegates')} samples={delegates} max={delegatesTop} tone="delegates" />
        </div>
      )}
    </section>
  );
}
