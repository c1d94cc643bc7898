import type { AgendaItemDto } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api } from '../../lib/endpoints';
import { useModerationCall } from './actions';

/** The live agenda for moderators: what the conference is on now, and the button that moves to the next item. */
export function AgendaControl({ agenda, currentId }: { agenda: readonly AgendaItemDto[]; currentId: string | null }) {
  const { t } = useTranslation();
  const call = useModerationCall();
  if (agenda.length === 0) return null;
  const ordered = [...agenda].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((a) => a.id === currentId);
  const now = index >= 0 ? ordered[index] : null;
  const next = ordered[index + 1] ?? null;
  const move = (item: AgendaItemDto | null) =>
    call.mutate({
      send: () => api.setCurrentAgendaItem(call.conferenceId, item?.id ?? null),
      optimistic: (s) => ({ ...s, currentAgendaItemId: item?.id ?? null }),
    });
  return (
    <section className="card agenda-control" aria-labelledby="agenda-control-title" data-testid="agenda-control" data-item-id={now?.id ?? ''}>
      <h2 id="agenda-control-title">{t('agendaLive.title')}</h2>
      <p>
        <span className="muted">{t('studio.agendaNow')}: </span>
        <strong data-testid="agenda-control-now">{now ? now.title : t('agendaLive.none')}</strong>
      </p>
      {next && (
        <p className="muted">
          {t('studio.agendaNext')}: {next.title}
        </p>
      )}
      {call.isError && <ErrorNotice error={call.error} />}
      <div className="agenda-control-actions">
        {index > 0 && (
          <button type="button" className="btn btn-small" disabled={call.isPending} onClick={() => move(ordered[index - 1])}>
            {t('agendaLive.previous')}
          </button>
        )}
        {(next || index < 0) && (
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={call.isPending}
            onClick={() => move(index < 0 ? ordered[0] : next)}
            data-testid="agenda-advance"
          >
            {index < 0 ? t('agendaLive.start') : t('agendaLive.next')}
          </button>
        )}
        {now && (
          <button type="button" className="btn btn-small btn-ghost" disabled={call.isPending} onClick={() => move(null)}>
            {t('agendaLive.clear')}
          </button>
        )}
      </div>
    </section>
  );
}
