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
  /** The minutes the x axis spans: every chart of the timeline shares them, so their times line up. */
  span: { from: string; to: string };
  max: number;
  tone: 'points' | 'delegates' | 'present';
}

function LineChart({ title, samples, span, max, tone }: ChartProps) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const last = samples.at(-1);
  const first = samples[0];
  if (!first || !last) return null;
  const start = Date.parse(span.from);
  const width = Date.parse(span.to) - start;
  // One minute alone is drawn as a flat line across the chart.
  const series = samples.length === 1 ? [first, { ...first, at: span.to }] : samples;
  const x = (at: string) => PAD.left + (width > 0 ? (Date.parse(at) - start) / width : 1) * INNER_W;
  const xStart = width > 0 ? x(first.at) : PAD.left;
  const y = (v: number) => PAD.top + INNER_H - (Math.min(v, max) / max) * INNER_H;
  const points = series.map((s, i) => [i === 0 ? xStart : x(s.at), y(s.value)] as const);
  const line = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const lastX = points.at(-1)?.[0] ?? xStart;
  const area = `M${xStart.toFixed(1)},${y(0)} L${line.replace(/ /g, ' L')} L${lastX.toFixed(1)},${y(0)} Z`;
  const from = formatTime(span.from, i18n.language);
  const to = formatTime(span.to, i18n.language);
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [...new Set([0, Math.round(max / 2), max])];
  const label = t('control.chartLabel', { series: title, from: formatTime(first.at, i18n.language), to, value: n(last.value) });

  return (
    <figure className={`chart chart-${tone}`} data-testid={`control-chart-${tone}`}>
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
        <circle className="chart-dot" cx={lastX} cy={y(last.value)} r={5} />
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

/**
 * Minute by minute: points and delegates checked in (cumulative), and the people the points report
 * present (from the per-minute snapshots; minutes before the first report are left out).
 */
export function TimelineChart({ summary }: { summary: AttendanceSummary }) {
  const { t } = useTranslation();
  const { timeline } = summary;
  const first = timeline[0];
  const last = timeline.at(-1);
  const points = timeline.map((m) => ({ at: m.at, value: m.pointsCheckedIn }));
  const delegates = timeline.map((m) => ({ at: m.at, value: m.delegatesCheckedIn }));
  const present = timeline.flatMap((m) => (m.present === null ? [] : [{ at: m.at, value: m.present }]));
  const delegatesTop = niceCeil(Math.max(1, ...delegates.map((s) => s.value)));
  // Out of the expected delegates, like the points chart is out of all points.
  const presentPeak = Math.max(1, ...present.map((s) => s.value));
  const presentTop = summary.delegates.expected > 0 ? Math.max(summary.delegates.expected, presentPeak) : niceCeil(presentPeak);
  return (
    <section className="card" aria-labelledby="control-timeline-title">
      <h2 id="control-timeline-title">{t('control.timeline')}</h2>
      {!first || !last ? (
        <p className="muted">{t('control.timelineEmpty')}</p>
      ) : (
        <div className="charts" data-testid="control-timeline">
          <LineChart
            title={t('control.timelinePoints')}
            samples={points}
            span={{ from: first.at, to: last.at }}
            max={Math.max(1, summary.points.total)}
            tone="points"
          />
          <LineChart title={t('control.timelineDelegates')} samples={delegates} span={{ from: first.at, to: last.at }} max={delegatesTop} tone="delegates" />
          {present.length > 0 ? (
            <LineChart title={t('control.timelinePresent')} samples={present} span={{ from: first.at, to: last.at }} max={presentTop} tone="present" />
          ) : (
            <figure className="chart chart-present chart-empty" data-testid="control-chart-present">
              <figcaption className="chart-caption">
                <span>{t('control.timelinePresent')}</span>
              </figcaption>
              <p className="muted">{t('control.timelinePresentNone')}</p>
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
