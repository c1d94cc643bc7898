import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../lib/endpoints';
import { formatNumber } from '../../lib/time';

const SHOWN = 10;
const REFRESH_MS = 15_000;

/** Checked-in points whose reported headcount and roster check-ins differ by more than the threshold, largest first. */
export function Reconciliation({ conferenceId }: { conferenceId: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: [...queryKeys.record(conferenceId), 'reconciliation'],
    queryFn: () => api.reconciliation(conferenceId),
    refetchInterval: REFRESH_MS,
  });
  const data = query.data;
  if (!data) return null;
  const n = (x: number | null) => (x === null ? '—' : formatNumber(x, i18n.language));
  return (
    <div className="record-flags" data-testid="record-flags" data-count={data.flagged.length}>
      <h3>{t('record.flags.title')}</h3>
      {data.flagged.length === 0 ? (
        <p className="muted">{t('record.flags.none', { threshold: data.threshold })}</p>
      ) : (
        <>
          <p className="notice notice-warning">{t('record.flags.some', { n: data.flagged.length, threshold: data.threshold })}</p>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('record.flags.point')}</th>
                <th scope="col" className="num">{t('record.flags.headcount')}</th>
                <th scope="col" className="num">{t('record.flags.roster')}</th>
                <th scope="col" className="num">{t('record.flags.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {data.flagged.slice(0, SHOWN).map((f) => (
                <tr key={f.pointId}>
                  <td>
                    <span className="mono">{f.code}</span> {f.name}
                    {f.district && <span className="cell-sub">{f.district}</span>}
                  </td>
                  <td className="num">{n(f.headcount)}</td>
                  <td className="num">{n(f.roster)}</td>
                  <td className="num">{f.difference > 0 ? `+${f.difference}` : f.difference}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.flagged.length > SHOWN && <p className="muted small">{t('record.flags.more', { n: data.flagged.length - SHOWN })}</p>}
        </>
      )}
    </div>
  );
}
