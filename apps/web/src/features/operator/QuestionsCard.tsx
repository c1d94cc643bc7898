import type { AgendaItemDto, PointModerationState, QuestionDto } from '@bridgepoint/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { QuestionStatusBadge } from '../../components/QuestionStatusBadge';
import { formatTime } from '../../lib/time';
import { queuedQuestions, queuedWithdrawals } from './moderation';
import type { OutboxAction, OutboxEntry } from './outbox';
import { QuestionForm } from './QuestionForm';

interface Props {
  questions: UseQueryResult<PointModerationState>;
  agenda: readonly AgendaItemDto[] | undefined;
  entries: readonly OutboxEntry[];
  ended: boolean;
  onAction: (action: OutboxAction) => void;
}

/** Send a written question; follow what the moderators did with each one the point sent. */
export function QuestionsCard({ questions, agenda, entries, ended, onAction }: Props) {
  const { t, i18n } = useTranslation();
  const [withdrawing, setWithdrawing] = useState<QuestionDto | null>(null);
  const queued = queuedQuestions(entries);
  const withdrawals = queuedWithdrawals(entries);
  const sent = [...(questions.data?.questions ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const agendaTitle = (id: string | null) => (id ? agenda?.find((item) => item.id === id)?.title : undefined);

  return (
    <section className="card questions-card" aria-labelledby="operator-questions-title">
      <h2 id="operator-questions-title">{t('questions.title')}</h2>
      <QuestionForm agenda={agenda} entries={entries} ended={ended} onAsk={onAction} />
      {queued.length > 0 && <p className="pending-note">{t('questions.queued')}</p>}
      <div className="stack-tight">
        <h3>{t('questions.mine')}</h3>
        {questions.isError && !questions.data && <ErrorNotice error={questions.error} onRetry={() => void questions.refetch()} />}
        {queued.length === 0 && sent.length === 0 && !questions.isError && <p className="muted">{t('questions.none')}</p>}
        <ul className="own-questions" data-testid="operator-questions">
          {[...queued].reverse().map((item) => (
            <li key={item.id} className="own-question is-pending" data-state="queued">
              <div className="own-question-head">
                <span className="badge chip-pending">{t('questions.sending')}</span>
                <span className="muted small">{formatTime(item.at, i18n.language)}</span>
              </div>
              <p className="question-text">{item.text}</p>
              {item.askedBy && <p className="muted small">{t('questions.askedByName', { name: item.askedBy })}</p>}
            </li>
          ))}
          {sent.map((question) => {
            const about = agendaTitle(question.agendaItemId);
            const withdrawQueued = withdrawals.has(question.id);
            return (
              <li key={question.id} className="own-question" data-question-id={question.id} data-state={question.status}>
                <div className="own-question-head">
                  <QuestionStatusBadge status={question.status} testId="operator-question-status" />
                  <span className="muted small">{formatTime(question.createdAt, i18n.language)}</span>
                </div>
                <p className="question-text">{question.text}</p>
                {(question.askedBy || about) && (
                  <p className="muted small">
                    {[question.askedBy && t('questions.askedByName', { name: question.askedBy }), about].filter(Boolean).join(' · ')}
                  </p>
                )}
                {question.status === 'rejected' && question.rejectReason && (
                  <p className="question-note question-note-rejected">{t('questions.rejectReason', { reason: question.rejectReason })}</p>
                )}
                {question.status === 'merged' && <p className="question-note">{t('questions.merged')}</p>}
                {question.originalText && <p className="question-note">{t('questions.edited')}</p>}
                {question.status === 'pending' && withdrawQueued && <p className="pending-note">{t('questions.sending')}</p>}
                {question.status === 'pending' && !withdrawQueued && (
                  <button
                    type="button"
                    className="btn btn-small btn-outline-danger"
                    data-testid="operator-question-withdraw"
                    disabled={ended}
                    onClick={() => setWithdrawing(question)}
                  >
                    {t('questions.withdraw')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <ConfirmDialog
        open={withdrawing !== null}
        title={t('questions.withdrawTitle')}
        confirmLabel={t('questions.withdraw')}
        danger
        onConfirm={() => {
          if (withdrawing) onAction({ kind: 'question-withdraw', questionId: withdrawing.id });
          setWithdrawing(null);
        }}
        onCancel={() => setWithdrawing(null)}
      >
        <p>{t('questions.withdrawBody')}</p>
        {withdrawing && <p className="question-text question-quote">{withdrawing.text}</p>}
      </ConfirmDialog>
    </section>
  );
}
