import { CONFERENCE_TRANSITIONS, type ConferenceDto, type ConferenceStatus } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusBadge } from '../../components/StatusBadge';
import { api, queryKeys } from '../../lib/endpoints';

type Confirmation = 'Live' | 'Ended' | 'EndRehearsal';

/** Changes that ask first: starting, ending, and leaving a rehearsal (its check-ins are cleared). */
function confirmationFor(from: ConferenceStatus, to: ConferenceStatus): Confirmation | undefined {
  if (to === 'live') return 'Live';
  if (to === 'ended') return 'Ended';
  if (from === 'rehearsal') return 'EndRehearsal';
  return undefined;
}

export function StatusPanel({ conference }: { conference: ConferenceDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<ConferenceStatus | null>(null);
  const [changed, setChanged] = useState<ConferenceStatus | null>(null);

  const change = useMutation({
    mutationFn: (status: ConferenceStatus) => api.updateConference(conference.id, { status }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.conference(conference.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conferences, exact: true });
      setPending(null);
      setChanged(updated.status);
    },
  });

  const request = (status: ConferenceStatus) => {
    setChanged(null);
    change.reset();
    if (confirmationFor(conference.status, status)) setPending(status);
    else change.mutate(status);
  };

  const transitions = CONFERENCE_TRANSITIONS[conference.status];
  const confirmKind = pending ? confirmationFor(conference.status, pending) : undefined;

  return (
    <section className="card" aria-labelledby="status-title">
      <div className="card-head">
        <h2 id="status-title">{t('editor.statusTitle')}</h2>
        <StatusBadge status={conference.status} />
      </div>
      {transitions.length === 0 ? (
        <p className="muted">{t('editor.noTransitions')}</p>
      ) : (
        <div className="button-row">
          {transitions.map((status) => (
            <button
              key={status}
              type="button"
              className={`btn ${status === 'live' ? 'btn-primary' : status === 'ended' ? 'btn-danger' : ''}`}
              disabled={change.isPending}
              onClick={() => request(status)}
            >
              {t(`transition.${status}`)}
            </button>
          ))}
        </div>
      )}
      {changed && (
        <p className="notice notice-success" role="status">
          {t('editor.statusChanged', { status: t(`status.${changed}`) })}
        </p>
      )}
      {change.isError && <ErrorNotice error={change.error} />}
      <ConfirmDialog
        open={pending !== null}
        title={confirmKind ? t(`transition.confirm${confirmKind}Title`) : ''}
        confirmLabel={pending ? t(`transition.${pending}`) : ''}
        danger={pending === 'ended'}
        busy={change.isPending}
        onConfirm={() => pending && change.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{confirmKind ? t(`transition.confirm${confirmKind}Body`) : ''}</p>
        {conference.status === 'rehearsal' && <p className="notice notice-warning">{t('transition.rehearsalCleared')}</p>}
        {change.isError && <ErrorNotice error={change.error} />}
      </ConfirmDialog>
    </section>
  );
}
