import type { QuestionEventDto } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { api, queryKeys } from '../../lib/endpoints';
import { formatClock } from '../../lib/time';
import { excerpt } from './QuestionDialogs';

const KNOWN_KINDS = new Set(['created', 'edited', 'pending', 'approved', 'answered', 'rejected', 'withdrawn', 'merged', 'reordered']);

function kindLabel(t: TFunction, kind: string): string {
  return KNOWN_KINDS.has(kind) ? t(`moderation.historyKinds.${kind as 'created'}`) : kind;
}

/** "user:an.nguyen" → "an.nguyen"; the point itself → "điểm cầu". */
function actorLabel(t: TFunction, actor: string): string {
  if (actor.startsWith('user:')) return actor.slice('user:'.length);
  if (actor.startsWith('point:')) return t('moderation.byPoint');
  return actor;
}

function detail(event: QuestionEventDto): string | null {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return null;
  if (typeof data.reason === 'string') return data.reason;
  if (typeof data.from === 'string') return `“${excerpt(data.from, 120)}”`;
  return null;
}

interface Props {
  conferenceId: string;
  questionId: string;
  /** A new version means new events: read them again. */
  version: number;
}

/** Who did what to a question, read when opened. */
export function QuestionHistory({ conferenceId, questionId, version }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useQuery({
    queryKey: [...queryKeys.questionHistory(questionId), version],
    queryFn: () => api.questionHistory(conferenceId, questionId),
    enabled: open,
  });

  return (
    <details className="question-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary data-testid="question-history">{t('moderation.history')}</summary>
      {history.isPending && open && <Loading />}
      {history.isError && <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && history.data.length === 0 && <p className="muted small">{t('moderation.historyEmpty')}</p>}
      {history.data && history.data.length > 0 && (
        <ol className="history-list">
          {history.data.map((event, index) => {
            const extra = detail(event);
            return (
              <li key={`${event.at}-${index}`}>
                <span className="history-time">{formatClock(event.at, i18n.language)}</span>
                <span>
                  <strong>{kindLabel(t, event.kind)}</strong> · {actorLabel(t, event.actor)}
                  {extra && <span className="history-detail"> — {extra}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
