import type { RosterDelegate } from '@bridgepoint/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { queryKeys, type OperatorApi } from '../../lib/endpoints';
import { describeFacts } from '../../lib/errors';
import { formatNumber, formatTime } from '../../lib/time';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import type { DelegateOutcome, OutboxSnapshot } from './outbox';
import { isDelegatePending } from './pending';
import { UnmarkForm } from './UnmarkForm';

const PAGE_SIZE = 100;
const SEARCH_PAUSE_MS = 300;

interface Props {
  api: OperatorApi;
  pointId: string;
  snapshot: OutboxSnapshot;
  ended: boolean;
  onCheckIn: (delegateCode: string, fullName: string | null) => void;
  /** A check-in was undone on the server: forget this device's record of it. */
  onUnmarked: (delegateCode: string) => void;
}

/** The point's delegates, searched on the server (with or without diacritics), each with "Present". */
export function DelegateRoster({ api, pointId, snapshot, ended, onCheckIn, onUnmarked }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const unmark = useCallback(
    async (delegateCode: string, reason: string) => {
      await api.unmarkDelegate(delegateCode, reason);
      onUnmarked(delegateCode);
      await queryClient.invalidateQueries({ queryKey: queryKeys.operator.roster(pointId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.operator.state(pointId) });
    },
    [api, onUnmarked, pointId, queryClient],
  );
  const [search, setSearch] = useState('');
  const term = useDebouncedValue(search.trim(), SEARCH_PAUSE_MS);
  const [shown, setShown] = useState({ term: '', count: PAGE_SIZE });
  const count = shown.term === term ? shown.count : PAGE_SIZE;
  const roster = useQuery({
    queryKey: [...queryKeys.operator.roster(pointId), term],
    queryFn: ({ signal }) => api.roster(term, signal),
    placeholderData: keepPreviousData,
  });
  const n = (x: number) => formatNumber(x, i18n.language);
  const items = roster.data;

  return (
    <div className="roster">
      <label className="field">
        <span className="field-label">{t('operator.delegates.search')}</span>
        <input
          type="search"
          value={search}
          placeholder={t('operator.delegates.searchPlaceholder')}
          data-testid="operator-roster-search"
          onChange={(event) => setSearch(event.target.value)}
        />
      </label>
      {roster.isError && <ErrorNotice error={roster.error} onRetry={() => void roster.refetch()} />}
      {items && (
        <>
          <p className="muted small" aria-live="polite">
            {t('operator.delegates.count', { shown: n(Math.min(count, items.length)), total: n(items.length) })}
          </p>
          {items.length === 0 ? (
            <p className="muted">
              {term ? t('operator.delegates.noMatch', { search: term }) : t('operator.delegates.empty')}
            </p>
          ) : (
            <ul className={`roster-list ${roster.isPlaceholderData ? 'is-stale' : ''}`} data-testid="operator-roster">
              {items.slice(0, count).map((delegate) => (
                <RosterRow
                  key={delegate.id}
                  delegate={delegate}
                  pending={isDelegatePending(snapshot.entries, delegate.code)}
                  outcome={snapshot.delegates[delegate.code]}
                  ended={ended}
                  onCheckIn={onCheckIn}
                  onUnmark={unmark}
                />
              ))}
            </ul>
          )}
          {items.length > count && (
            <button type="button" className="btn btn-block" onClick={() => setShown({ term, count: count + PAGE_SIZE })}>
              {t('operator.delegates.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

interface RowProps {
  delegate: RosterDelegate;
  pending: boolean;
  outcome: DelegateOutcome | undefined;
  ended: boolean;
  onCheckIn: (delegateCode: string, fullName: string | null) => void;
  onUnmark: (delegateCode: string, reason: string) => Promise<void>;
}

type RowState = 'pending' | 'checked-in' | 'already' | 'failed' | 'none';

function rowState(delegate: RosterDelegate, pending: boolean, outcome: DelegateOutcome | undefined): RowState {
  if (pending) return 'pending';
  if (outcome && outcome.state !== 'failed') return outcome.state;
  if (delegate.checkedIn) return 'checked-in';
  return outcome?.state === 'failed' ? 'failed' : 'none';
}

const RosterRow = memo(function RosterRow({ delegate, pending, outcome, ended, onCheckIn, onUnmark }: RowProps) {
  const { t, i18n } = useTranslation();
  const state = rowState(delegate, pending, outcome);
  const [undoing, setUndoing] = useState(false);
  const about = [delegate.title, delegate.unit].filter(Boolean).join(' · ');
  return (
    <li className="roster-row" data-code={delegate.code} data-state={state}>
      <div className="roster-who">
        <span className="row-title">{delegate.fullName}</span>
        {about && <span className="cell-sub">{about}</span>}
        <span className="cell-sub mono">{delegate.code}</span>
        {state === 'failed' && outcome?.state === 'failed' && (
          <span className="field-error">{describeFacts(t, outcome).title}</span>
        )}
        {undoing && <UnmarkForm name={delegate.fullName} onCancel={() => setUndoing(false)} onConfirm={(reason) => onUnmark(delegate.code, reason)} />}
      </div>
      <div className="roster-action">
        {state === 'pending' ? (
          <span className="chip chip-pending">{t('operator.delegates.state.pending')}</span>
        ) : state === 'checked-in' || state === 'already' ? (
          <span className="roster-done">
            <span className="chip chip-done">
              ✓ {t(`operator.delegates.state.${state}`)}
              {state === 'checked-in' && delegate.checkedInAt && ` · ${formatTime(delegate.checkedInAt, i18n.language)}`}
            </span>
            {!ended && !undoing && (
              <button
                type="button"
                className="btn btn-small btn-link"
                data-testid="operator-unmark"
                aria-label={t('record.unmark.label', { name: delegate.fullName })}
                onClick={() => setUndoing(true)}
              >
                {t('record.unmark.button')}
              </button>
            )}
          </span>
        ) : (
          <button
            type="button"
            className="btn btn-primary btn-present"
            disabled={ended}
            aria-label={t('operator.delegates.presentLabel', { name: delegate.fullName })}
            onClick={() => onCheckIn(delegate.code, delegate.fullName)}
          >
            {t('operator.delegates.present')}
          </button>
        )}
      </div>
    </li>
  );
});
