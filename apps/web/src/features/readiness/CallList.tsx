import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time';
import type { BoardPoint } from './readiness';

/** The printed list of points not ready, worst first (then by district), with whom to call. Rendered only to print. */
export function CallList({ points, conference }: { points: readonly BoardPoint[]; conference: string }) {
  const { t, i18n } = useTranslation();
  const rows = points
    .filter((p) => p.state !== 'green')
    .sort((a, b) => a.rank - b.rank || (a.district ?? '').localeCompare(b.district ?? '', 'vi') || a.code.localeCompare(b.code));
  return (
    <section className="call-list print-only" data-testid="call-list">
      <h1>{t('readiness.callListTitle', { conference })}</h1>
      <p>{t('readiness.callListIntro', { n: rows.length, time: formatDateTime(new Date().toISOString(), i18n.language) })}</p>
      <table className="table">
        <thead>
          <tr>
            {(['code', 'name', 'district', 'problem', 'operator', 'phone', 'called'] as const).map((c) => (
              <th key={c} scope="col">
                {t(`readiness.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.pointId}>
              <td>{p.code}</td>
              <td>{p.name}</td>
              <td>{p.district ?? t('presence.agencies')}</td>
              <td>{p.reasons.map((r) => t(`readiness.reasons.${r}`)).join(', ')}</td>
              <td>{p.operatorName ?? ''}</td>
              <td className="call-phone">{p.operatorPhone ?? ''}</td>
              <td className="call-box" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
