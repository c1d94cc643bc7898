import type { AgendaItemDto } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';

/** The live agenda: the item moderators marked as now, and the one after it. Nothing when none is marked. */
export function AgendaNow({ agenda, currentId, className = '' }: { agenda: readonly AgendaItemDto[]; currentId: string | null; className?: string }) {
  const { t } = useTranslation();
  const ordered = [...agenda].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((a) => a.id === currentId);
  if (index < 0) return null;
  const now = ordered[index];
  const next = ordered[index + 1];
  return (
    <div className={`agenda-now ${className}`} data-testid="agenda-now" data-item-id={now.id}>
      <p>
        <span className="agenda-now-label">{t('studio.agendaNow')}</span> <strong>{now.title}</strong>
        {now.speaker && <span className="agenda-now-speaker"> · {now.speaker}</span>}
      </p>
      {next && (
        <p className="agenda-next" data-testid="agenda-next">
          <span className="agenda-now-label">{t('studio.agendaNext')}</span> {next.title}
        </p>
      )}
    </div>
  );
}
