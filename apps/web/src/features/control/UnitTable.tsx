import type { UnitAttendance } from '@bridgepoint/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../lib/time';

type SortKey = 'name' | 'points' | 'percent' | 'present' | 'expected' | 'delegates';
type Direction = 'asc' | 'desc';

const COLUMNS: readonly SortKey[] = ['name', 'points', 'percent', 'present', 'expected', 'delegates'];

function ratio(row: Pick<UnitAttendance, 'points'>): number {
  return row.points.total > 0 ? row.points.checkedIn / row.points.total : 0;
}

function numeric(row: UnitAttendance, key: Exclude<SortKey, 'name'>): number {
  switch (key) {
    case 'points':
      return row.points.checkedIn;
    case 'percent':
      return ratio(row);
    case 'present':
      return row.delegates.present;
    case 'expected':
      return row.delegates.expected;
    case 'delegates':
      return row.delegates.checkedIn;
  }
}

export function sortUnits(rows: readonly UnitAttendance[], key: SortKey, direction: Direction): UnitAttendance[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: UnitAttendance, b: UnitAttendance) => a.name.localeCompare(b.name, 'vi');
  return [...rows].sort((a, b) => {
    const primary = key === 'name' ? byName(a, b) : numeric(a, key) - numeric(b, key);
    return primary !== 0 ? sign * primary : byName(a, b);
  });
}

/** Attendance per district, sortable by any column; the footer is the whole city. */
export function UnitTable({ rows }: { rows: readonly UnitAttendance[] }) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'name', direction: 'asc' });
  const sorted = useMemo(() => sortUnits(rows, sort.key, sort.direction), [rows, sort]);
  const n = (x: number) => formatNumber(x, i18n.language);
  const totals = useMemo(
    () =>
      rows.reduce(
        (sum, row) => ({
          points: {
            total: sum.points.total + row.points.total,
            checkedIn: sum.points.checkedIn + row.points.checkedIn,
            online: sum.points.online + (row.points.online ?? 0),
          },
          delegates: {
            expected: sum.delegates.expected + row.delegates.expected,
            present: sum.delegates.present + row.delegates.present,
            checkedIn: sum.delegates.checkedIn + row.delegates.checkedIn,
          },
        }),
        { points: { total: 0, checkedIn: 0, online: 0 }, delegates: { expected: 0, present: 0, checkedIn: 0 } },
      ),
    [rows],
  );

  const toggle = (key: SortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'name' ? 'asc' : 'desc' },
    );

  const cells = (row: Pick<UnitAttendance, 'points' | 'delegates'>) => {
    const share = ratio(row);
    return (
      <>
        <td className="num">
          {n(row.points.checkedIn)} <span className="muted">/ {n(row.points.total)}</span>
          <span className={`unit-online ${(row.points.online ?? 0) > 0 ? 'has-online' : ''}`}>{t('presence.unitOnline', { n: n(row.points.online ?? 0) })}</span>
        </td>
        <td className="num">
          <span className={`share ${share >= 1 ? 'share-full' : share < 0.5 ? 'share-low' : ''}`}>
            {formatPercent(row.points.checkedIn, row.points.total, i18n.language)}
          </span>
        </td>
        <td className="num">{n(row.delegates.present)}</td>
        <td className="num">{n(row.delegates.expected)}</td>
        <td className="num">{n(row.delegates.checkedIn)}</td>
      </>
    );
  };

  return (
    <section className="card card-flush control-units" aria-labelledby="control-units-title">
      <h2 id="control-units-title" className="card-title-pad">
        {t('control.byUnit')}
      </h2>
      <div className="table-wrap">
        <table className="table control-table" data-testid="control-units">
          <thead>
            <tr>
              {COLUMNS.map((key) => {
                const active = sort.key === key;
                const label = t(`control.columns.${key}`);
                return (
                  <th
                    key={key}
                    scope="col"
                    className={key === 'name' ? undefined : 'num'}
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="sort-button" title={t('control.sortBy', { column: label })} onClick={() => toggle(key)}>
                      {label}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.unitId ?? row.name}>
                {/* The api names the city agencies' row in Vietnamese: said in the reader's language here. */}
                <th scope="row">{row.unitId === null ? t('points.agencies') : row.name}</th>
                {cells(row)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('control.total')}</th>
              {cells(totals)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
