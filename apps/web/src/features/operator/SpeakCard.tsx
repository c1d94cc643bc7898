import type { PointModerationState, SpeakRequestDto } from '@bridgepoint/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatNumber, formatTime } from '../../lib/time';
import { queuedSpeak } from './moderation';
import type { OutboxAction, OutboxEntry } from './outbox';

const TOPIC_MAX_LENGTH = 300;

type Phase = 'idle' | 'queued' | 'waiting' | 'granted';

interface Props {
  state: PointModerationState | undefined;
  pointId: string;
  entries: readonly OutboxEntry[];
  ended: boolean;
  onAction: (action: OutboxAction) => void;
}

function openRequest(state: PointModerationState | undefined): SpeakRequestDto | null {
  const speak = state?.speak;
  return speak && (speak.status === 'waiting' || speak.status === 'granted') ? speak : null;
}

/** Ask for the floor, see the place in the queue, withdraw. */
export function SpeakCard({ state, pointId, entries, ended, onAction }: Props) {
  const { t, i18n } = useTranslation();
  const [topic, setTopic] = useState('');
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const queued = queuedSpeak(entries);
  const request = queued === 'withdraw' ? null : openRequest(state);
  const floor = state?.floor;
  const holding = floor?.pointId === pointId;
  const phase: Phase =
    holding || request?.status === 'granted' ? 'granted' : request ? 'waiting' : queued === 'request' ? 'queued' : 'idle';
  const position = state?.queuePosition ?? null;
  const last = phase === 'idle' ? state?.lastDecision : null;
  const lastStatus = last && (last.status === 'done' || last.status === 'skipped' || last.status === 'removed') ? last.status : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = topic.trim();
    setTopic('');
    onAction({ kind: 'speak', topic: trimmed === '' ? null : trimmed });
  };

  const statusText: Record<Exclude<Phase, 'idle'>, string> = {
    queued: t('speak.queued'),
    waiting: position !== null ? t('speak.waiting', { n: formatNumber(position, i18n.language) }) : t('speak.waitingUnknown'),
    granted: t('speak.floorMine'),
  };

  return (
    <section className="card speak-card" aria-labelledby="operator-speak-title">
      <h2 id="operator-speak-title">{t('speak.title')}</h2>
      {phase !== 'idle' && (
        <p className={`speak-status speak-status-${phase}`} role="status" data-testid="operator-speak-status" data-state={phase}>
          {statusText[phase]}
        </p>
      )}
      {phase === 'waiting' && position === 1 && <p className="notice notice-info">{t('speak.next')}</p>}
      {last && lastStatus && (
        <p className={`notice ${lastStatus === 'done' ? 'notice-info' : 'notice-error'}`} data-testid="operator-speak-last" data-state={lastStatus}>
          {t(`speak.last.${lastStatus}`, { time: last.decidedAt ? formatTime(last.decidedAt, i18n.language) : '' })}
        </p>
      )}
      {request?.topic && <p className="speak-topic">“{request.topic}”</p>}
      {phase === 'idle' && (
        <form className="speak-form" onSubmit={submit}>
          <label className="field">
            <span className="field-label">
              {t('speak.topic')} <span className="muted">({t('common.optional')})</span>
            </span>
            <input
              name="topic"
              value={topic}
              maxLength={TOPIC_MAX_LENGTH}
              placeholder={t('speak.topicPlaceholder')}
              data-testid="operator-speak-topic"
              disabled={ended}
              onChange={(event) => setTopic(event.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-primary btn-huge" disabled={ended} data-testid="operator-speak-request">
            {t('speak.request')}
          </button>
        </form>
      )}
      {request && phase === 'waiting' && (
        <button
          type="button"
          className="btn btn-outline-danger"
          data-testid="operator-speak-withdraw"
          onClick={() => setConfirmWithdraw(true)}
        >
          {t('speak.withdraw')}
        </button>
      )}
      {floor?.pointId && !holding && floor.pointName && (
        <p className="muted" data-testid="operator-floor-other">
          {t('speak.floorOther', { name: floor.pointName })}
        </p>
      )}
      {phase === 'idle' && <p className="muted small">{t('speak.hint')}</p>}
      <ConfirmDialog
        open={confirmWithdraw}
        title={t('speak.withdrawTitle')}
        confirmLabel={t('speak.withdraw')}
        danger
        onConfirm={() => {
          setConfirmWithdraw(false);
          if (request) onAction({ kind: 'speak-withdraw', requestId: request.id });
        }}
        onCancel={() => setConfirmWithdraw(false)}
      >
        <p>{t('speak.withdrawBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
