import type { ConferenceDto } from '@bridgepoint/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { formatSchedule, formatTime } from '../../lib/time';
import { Section } from './Section';

/** The time and agenda of the conference the point takes part in (its title is in the page header). */
export function ConferenceCard({ query, currentAgendaItemId = null }: { query: UseQueryResult<ConferenceDto>; currentAgendaItemId?: string | null }) {
  const { t, i18n } = useTranslation();
  if (query.isPending) return <Loading />;
  if (!query.data) {
    return (
      <div className="notice notice-info" role="status">
        <p>{t('operator.conferenceUnavailable')}</p>
        <button type="button" className="btn btn-small" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  const conference = query.data;
  const agenda = [...conference.agenda].sort((a, b) => a.position - b.position);
  return (
    <Section
      title={t('operatorLayout.agenda')}
      aside={<span className="muted small">{formatSchedule(conference.startsAt, conference.endsAt, i18n.language)}</span>}
      testId="operator-agenda-section"
      className="operator-conference"
    >
      {agenda.length === 0 ? (
        <p className="muted">{t('operator.noAgenda')}</p>
      ) : (
        <ol className="agenda-view">
          {agenda.map((item) => (
            <li
              key={item.id}
              className={item.id === currentAgendaItemId ? 'agenda-view-current' : undefined}
              aria-current={item.id === currentAgendaItemId ? 'step' : undefined}
              data-testid={item.id === currentAgendaItemId ? 'operator-agenda-now' : undefined}
            >
              <span className="agenda-view-time">{item.plannedStart ? formatTime(item.plannedStart, i18n.language) : ''}</span>
              <span className="agenda-view-body">
                <span className="agenda-view-title">
                  {item.id === currentAgendaItemId && <span className="badge badge-live">{t('studio.agendaNow')}</span>} {item.title}
                </span>
                {(item.speaker || item.durationMinutes) && (
                  <span className="cell-sub">
                    {[item.speaker, item.durationMinutes ? t('operator.minutes', { n: item.durationMinutes }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
