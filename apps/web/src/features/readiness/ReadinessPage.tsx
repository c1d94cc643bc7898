import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatNumber } from '../../lib/time';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useConference } from '../conferences/context';
import { useLiveSummary } from '../control/useLiveSummary';
import { usePresence } from '../control/usePresence';
import { CallList } from './CallList';
import { boardPoint, countStates, filterBoard, TILE_STATES, type BoardFilter, type TileState } from './readiness';
import { ReadinessGrid } from './ReadinessGrid';

/** `/conferences/:id/readiness`: one tile per point, red / amber / green, worst first. */
export function ReadinessPage() {
  const { t, i18n } = useTranslation();
  const conference = useConference();
  const presence = usePresence(conference.id);
  const { summary, live } = useLiveSummary(conference.id, {
    onPresence: presence.onPresence,
    onRehearsal: presence.onRehearsal,
    onReadiness: presence.onReadiness,
    onConnect: presence.onConnect,
  });
  const [filter, setFilter] = useState<BoardFilter>({ district: '', state: '', search: '' });
  const deferred = useDeferredValue(filter);
  const [printing, setPrinting] = useState(false);
  useDocumentTitle(t('presence.pageTitle', { conference: conference.title }));
  const n = (x: number) => formatNumber(x, i18n.language);

  const missing = summary.data?.missing;
  const board = useMemo(() => {
    const notIn = missing ? new Set(missing.map((m) => m.pointId)) : null;
    const rehearsed = presence.query.data?.rehearsalStartedAt != null;
    return (presence.query.data?.points ?? []).map((p) => boardPoint(p, notIn ? !notIn.has(p.pointId) : p.status === 'checked_in', rehearsed));
  }, [presence.query.data, missing]);
  const counts = useMemo(() => countStates(board), [board]);
  const districts = useMemo(() => {
    const byId = new Map<string, { label: string; count: number }>();
    for (const p of board) {
      const id = p.districtId ?? 'agencies';
      const d = byId.get(id) ?? byId.set(id, { label: p.district ?? t('presence.agencies'), count: 0 }).get(id)!;
      d.count++;
    }
    return [...byId].sort((a, b) => a[1].label.localeCompare(b[1].label, 'vi'));
  }, [board, t]);
  const shown = useMemo(() => filterBoard(board, deferred), [board, deferred]);

  // The call list exists only while printing (9,000 rows cost nothing the rest of the time), whether
  // printing starts from the button or from the browser's own menu.
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  if (presence.query.isError) return <ErrorNotice error={presence.query.error} onRetry={() => void presence.query.refetch()} />;
  if (!presence.query.data) return <Loading />;

  const setState = (state: TileState | '') => setFilter((f) => ({ ...f, state: f.state === state ? '' : state }));
  return (
    <div className="readiness">
      <div className="readiness-head no-print">
        <h2>{t('readiness.title')}</h2>
        <ConnectionIndicator status={live.status} updatedAt={presence.query.data.at} testId="readiness-connection" />
        <button type="button" className="btn" onClick={() => window.print()} data-testid="print-call-list">
          {t('readiness.callList')}
        </button>
      </div>
      <div className="readiness-counts no-print" role="group" aria-label={t('readiness.state')}>
        <button type="button" className={`ready-count ${filter.state === '' ? 'is-active' : ''}`} onClick={() => setState('')}>
          <span className="ready-count-n">{n(board.length)}</span>
          <span>{t('readiness.total')}</span>
        </button>
        {TILE_STATES.map((s) => (
          <button
            type="button"
            key={s}
            className={`ready-count state-${s} ${filter.state === s ? 'is-active' : ''}`}
            aria-pressed={filter.state === s}
            onClick={() => setState(s)}
            data-testid={`readiness-count-${s}`}
          >
            <span className="ready-count-n">{n(counts[s])}</span>
            <span>{t(`readiness.states.${s}`)}</span>
          </button>
        ))}
      </div>
      <div className="filters no-print" role="search">
        <label className="field filter-search">
          <span className="field-label">{t('readiness.search')}</span>
          <input
            type="search"
            value={filter.search}
            placeholder={t('readiness.searchPlaceholder')}
            onChange={(e) => setFilter((f) => ({ ...f, search: e.target.value }))}
            data-testid="readiness-search"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('readiness.district')}</span>
          <select value={filter.district} onChange={(e) => setFilter((f) => ({ ...f, district: e.target.value }))}>
            <option value="">{t('readiness.all')}</option>
            {districts.map(([id, d]) => (
              <option key={id} value={id}>
                {d.label} ({d.count})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('readiness.state')}</span>
          <select value={filter.state} onChange={(e) => setFilter((f) => ({ ...f, state: e.target.value as TileState | '' }))}>
            <option value="">{t('readiness.all')}</option>
            {TILE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`readiness.states.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {presence.query.data.rehearsalStartedAt && (
        <p className="readiness-rehearsal no-print" data-testid="readiness-rehearsal">
          {t('rehearsal.board', {
            confirmed: n(board.filter((p) => p.rehearsal === 'confirmed').length),
            problem: n(board.filter((p) => p.rehearsal === 'problem').length),
            unanswered: n(board.filter((p) => p.rehearsal === 'unconfirmed').length),
          })}
        </p>
      )}
      <p className="muted no-print readiness-shown">
        {t('readiness.shown', { count: shown.length, n: n(shown.length), total: n(board.length) })} · {t('readiness.legend')}
      </p>
      <div className="no-print">{shown.length === 0 ? <p className="muted">{t('readiness.empty')}</p> : <ReadinessGrid points={shown} />}</div>
      {printing && <CallList points={board} conference={conference.title} />}
    </div>
  );
}
