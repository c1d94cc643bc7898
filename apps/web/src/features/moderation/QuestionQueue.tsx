import type { AgendaItemDto, QuestionDto } from '@bridgepoint/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { moderate, useModerationCall } from './actions';
import { DEFAULT_FILTER, filterQuestions, type QuestionFilter } from './filters';
import { QuestionCard } from './QuestionCard';
import { MergeDialog, RejectDialog } from './QuestionDialogs';
import { QuestionFilters } from './QuestionFilters';

const MERGE_TARGETS: ReadonlySet<QuestionDto['status']> = new Set(['pending', 'approved', 'answered']);

interface Props {
  questions: readonly QuestionDto[];
  agenda: readonly AgendaItemDto[];
}

/** Incoming questions by status, district and agenda item, each with its moderation moves. */
export function QuestionQueue({ questions, agenda }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<QuestionFilter>(DEFAULT_FILTER);
  const [rejecting, setRejecting] = useState<QuestionDto | null>(null);
  const [merging, setMerging] = useState<QuestionDto | null>(null);
  const decide = useModerationCall();
  const shown = useMemo(() => filterQuestions(questions, filter), [questions, filter]);
  const targets = useMemo(() => questions.filter((q) => MERGE_TARGETS.has(q.status)), [questions]);

  return (
    <section className="card moderation-questions" aria-labelledby="moderation-questions-title">
      <h2 id="moderation-questions-title">{t('moderation.questions')}</h2>
      <QuestionFilters questions={questions} agenda={agenda} filter={filter} onChange={setFilter} />
      {decide.isError && <ErrorNotice error={decide.error} />}
      {shown.length === 0 && (
        <p className="muted">
          {questions.length === 0
            ? t('moderation.empty')
            : filter.district || filter.agenda
              ? t('moderation.noMatch')
              : t('moderation.emptyTab', { tab: filter.status === 'all' ? t('moderation.all') : t(`questionStatus.${filter.status}`) })}
        </p>
      )}
      <ul className="question-cards" data-testid="moderation-questions">
        {shown.map((question) => (
          <QuestionCard
            key={question.id}
            question={question}
            all={questions}
            agenda={agenda}
            onReject={setRejecting}
            onMerge={setMerging}
          />
        ))}
      </ul>
      <RejectDialog
        question={rejecting}
        busy={decide.isPending}
        onCancel={() => setRejecting(null)}
        onConfirm={(reason) => {
          if (!rejecting) return;
          const body = reason ? { status: 'rejected' as const, rejectReason: reason } : { status: 'rejected' as const };
          decide.mutate(moderate(decide.conferenceId, rejecting, body), { onSettled: () => setRejecting(null) });
        }}
      />
      <MergeDialog
        question={merging}
        targets={targets}
        busy={decide.isPending}
        onCancel={() => setMerging(null)}
        onConfirm={(targetId) => {
          if (!merging) return;
          decide.mutate(moderate(decide.conferenceId, merging, { status: 'merged', mergeInto: targetId }), {
            onSettled: () => setMerging(null),
          });
        }}
      />
    </section>
  );
}
