import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { describeFacts } from '../../lib/errors';
import type { LiveError, LiveStatus } from '../../lib/live';
import { formatClock, formatNumber } from '../../lib/time';
import type { OutboxSnapshot } from './outbox';

interface Props {
  live: LiveStatus;
  liveError: LiveError | null;
  snapshot: OutboxSnapshot;
  /** The token was refused and a new one is being fetched. */
  reopening: boolean;
  onSendNow: () => void;
}

/** Sticky strip at the top: is the point connected, and what is still waiting to be sent. */
export function ConnectionBar({ live, liveError, snapshot, reopening, onSendNow }: Props) {
  const { t, i18n } = useTranslation();
  const pending = snapshot.entries.length;
  const waitingOnNetwork = pending > 0 && (snapshot.retryAt !== null || live === 'offline');

  return (
    <div className="connection-bar">
      <div className="connection-bar-row">
        <ConnectionIndicator status={live} testId="operator-connection" />
        <p
          className={`outbox-count ${pending > 0 ? 'outbox-count-pending' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="operator-pending"
          data-count={pending}
        >
          {pending > 0 ? t('operator.outbox.pending', { n: formatNumber(pending, i18n.language) }) : t('operator.outbox.allSent')}
        </p>
      </div>
      {(snapshot.sending || snapshot.retryAt !== null) && pending > 0 && (
        <div className="connection-bar-row connection-bar-detail">
          <span>
            {snapshot.sending
              ? t('operator.outbox.sending')
              : snapshot.retryAt !== null
                ? t('operator.outbox.retryAt', { time: formatClock(new Date(snapshot.retryAt).toISOString(), i18n.language) })
                : null}
          </span>
          {!snapshot.sending && (
            <button type="button" className="btn btn-small" onClick={onSendNow}>
              {t('operator.outbox.retryNow')}
            </button>
          )}
        </div>
      )}
      {waitingOnNetwork && <p className="connection-bar-hint">{t('operator.outbox.offlineHint')}</p>}
      {reopening && <p className="connection-bar-hint">{t('operator.outbox.reopening')}</p>}
      {live === 'refused' && liveError && (
        <p className="connection-bar-hint">{describeFacts(t, liveError).title}</p>
      )}
    </div>
  );
}
