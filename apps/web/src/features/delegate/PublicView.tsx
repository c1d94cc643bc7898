import type { AgendaItemDto, PublicConferenceState } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/elapsed';
import { formatTime } from '../../lib/time';

/** Now and next from the agenda's planned times: the item that started last, and the one after it. */
function nowAndNext(agenda: readonly AgendaItemDto[], at: number): { now: AgendaItemDto | null; next: AgendaItemDto | null } {
  const timed = agenda.filter((a) => a.plannedStart);
  const started = timed.filter((a) => Date.parse(a.plannedStart!) <= at);
  const now = started.at(-1) ?? null;
  const next = timed.find((a) => Date.parse(a.plannedStart!) > at) ?? (now ? null : (agenda[0] ?? null));
  return { now, next };
}

/** What every delegate sees: the agenda's now and next, who has the floor, approved questions. */
export function PublicView({ state }: { state: PublicConferenceState }) {
  const { t, i18n } = useTranslation();
  const at = useNow(30_000);
  const { now, next } = nowAndNext(state.agenda, at);
  const current = state.questions.find((q) => q.id === state.currentQuestionId);

  return (
    <>
      <section className="delegate-card stack" data-testid="delegate-public">
        <p className="muted small">{state.title}</p>
        <div className="delegate-floor">
          <span className="muted small">{t('delegate.floor')}</span>
          <strong>{state.floor.pointName ?? t('delegate.floorPresenter')}</strong>
        </div>
        <h2>{t('delegate.agenda')}</h2>
        {state.agenda.length === 0 && <p className="muted">{t('delegate.noAgenda')}</p>}
        {now && (
          <p className="delegate-agenda-now">
            <span className="badge badge-live">{t('delegate.now')}</span> {now.title}
            {now.speaker && <span className="muted small"> · {now.speaker}</span>}
          </p>
        )}
        {next && (
          <p className="delegate-agenda-next">
            <span className="badge badge-scheduled">{t('delegate.next')}</span> {next.title}
            {next.plannedStart && <span className="muted small"> · {formatTime(next.plannedStart, i18n.language)}</span>}
          </p>
        )}
      </section>
      <section className="delegate-card stack">
        <h2>{t('delegate.questions')}</h2>
        {current && (
          <blockquote className="delegate-current">
            <span className="badge badge-live">{t('delegate.current')}</span>
            <p>{current.text}</p>
            <p className="muted small">{[current.askedBy, current.pointName].filter(Boolean).join(' · ')}</p>
          </blockquote>
        )}
        {state.questions.length === 0 && <p className="muted">{t('delegate.noQuestions')}</p>}
        <ol className="delegate-questions" data-testid="delegate-questions">
          {state.questions
            .filter((q) => q.id !== current?.id)
            .map((q) => (
              <li key={q.id}>
                <p>{q.text}</p>
                <p className="muted small">{[q.askedBy, q.pointName].filter(Boolean).join(' · ')}</p>
              </li>
            ))}
        </ol>
      </section>
    </>
  );
}
