import type { SpeakRequestDto } from '@bridgepoint/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatElapsed, since, useNow } from '../../lib/elapsed';
import { formatNumber, formatTime } from '../../lib/time';
import { UplinkBadges } from '../control/UplinkBadges';
import type { MediaControl } from '../control/useMediaControl';
import { decideSpeak, useModerationCall } from './actions';

/** Requests to speak strictly in arrival order (`seq`), with how long each has waited. */
export function SpeakQueue({ queue, media }: { queue: readonly SpeakRequestDto[]; media?: MediaControl }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const call = useModerationCall();
  const [removing, setRemoving] = useState<SpeakRequestDto | null>(null);
  /** A grant to a point the server does not hear waits for confirmation. */
  const [granting, setGranting] = useState<SpeakRequestDto | null>(null);
  const waiting = queue.filter((r) => r.status === 'waiting').sort((a, b) => a.seq - b.seq);
  const decide = (request: SpeakRequestDto, decision: 'grant' | 'skip' | 'remove') =>
    call.mutate(decideSpeak(call.conferenceId, request.id, decision));

  return (
    <section className="card speak-queue" aria-labelledby="moderation-speak-title">
      <div className="card-head">
        <h2 id="moderation-speak-title">{t('moderation.speakQueue')}</h2>
        {waiting.length > 0 && (
          <span className="count-pill" data-testid="moderation-speak-count">
            {t('moderation.speakCount', { count: waiting.length, n: formatNumber(waiting.length, i18n.language) })}
          </span>
        )}
      </div>
      {call.isError && <ErrorNotice error={call.error} />}
      {waiting.length === 0 && <p className="muted">{t('moderation.speakEmpty')}</p>}
      <ol className="speak-list" data-testid="moderation-speak-queue">
        {waiting.map((request, index) => (
          <li key={request.id} className="speak-row" data-request-id={request.id} data-point-id={request.pointId} data-seq={request.seq}>
            <span className="answer-number">{index + 1}</span>
            <div className="speak-who">
              <p>
                <strong>{request.pointName}</strong> <span className="mono muted">{request.pointCode}</span>
              </p>
              {request.unit && <p className="muted small">{request.unit}</p>}
              {request.topic && <p className="speak-topic">“{request.topic}”</p>}
              {media && <UplinkBadges state={media.uplink(request.pointId)} />}
              <p className="muted small">
                {formatTime(request.requestedAt, i18n.language)} ·{' '}
                <span className="speak-waited">{t('moderation.waitedFor', { time: formatElapsed(t, since(request.requestedAt, now)) })}</span>
              </p>
            </div>
            <div className="speak-actions">
              <button
                type="button"
                className="btn btn-primary btn-small"
                disabled={call.isPending}
                data-testid="speak-grant"
                onClick={() => (!media || media.audible(request.pointId) ? decide(request, 'grant') : setGranting(request))}
              >
                {t('moderation.grant')}
              </button>
              <button type="button" className="btn btn-small" disabled={call.isPending} data-testid="speak-skip" onClick={() => decide(request, 'skip')}>
                {t('moderation.skip')}
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                disabled={call.isPending}
                data-testid="speak-remove"
                onClick={() => setRemoving(request)}
              >
                {t('moderation.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <ConfirmDialog
        open={granting !== null}
        title={t('mediaControl.grantSilentTitle', { name: granting?.pointName ?? '' })}
        confirmLabel={t('mediaControl.grantAnyway')}
        onConfirm={() => {
          if (granting) decide(granting, 'grant');
          setGranting(null);
        }}
        onCancel={() => setGranting(null)}
      >
        <p>{t('mediaControl.grantSilentBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        title={t('moderation.removeTitle', { name: removing?.pointName ?? '' })}
        confirmLabel={t('moderation.remove')}
        danger
        onConfirm={() => {
          if (removing) decide(removing, 'remove');
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('moderation.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
