import { QUESTION_MAX_LENGTH, type AgendaItemDto, type QuestionDto } from '@bridgepoint/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { QuestionStatusBadge } from '../../components/QuestionStatusBadge';
import { formatTime } from '../../lib/time';
import { moderate, useModerationCall, type ModerationCall } from './actions';
import { excerpt } from './QuestionDialogs';
import { QuestionHistory } from './QuestionHistory';

/** Where a question comes from: the point, its ward and district, who asked, when. */
export function QuestionOrigin({ question, agenda }: { question: QuestionDto; agenda?: readonly AgendaItemDto[] }) {
  const { t, i18n } = useTranslation();
  const place = [...new Set([question.unit, question.district].filter((x): x is string => !!x))].join(' · ');
  const about = question.agendaItemId ? agenda?.find((item) => item.id === question.agendaItemId)?.title : undefined;
  return (
    <div className="question-origin">
      <p className="question-point">
        <strong>{question.pointName}</strong> <span className="mono muted">{question.pointCode}</span>
      </p>
      <p className="muted small">
        {[place, question.askedBy && t('moderation.askedBy', { name: question.askedBy }), formatTime(question.createdAt, i18n.language)]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {about && <p className="chip question-agenda">{about}</p>}
    </div>
  );
}

interface Props {
  question: QuestionDto;
  /** Every question of the conference: merge targets and the merged-into text. */
  all: readonly QuestionDto[];
  agenda: readonly AgendaItemDto[];
  onReject: (question: QuestionDto) => void;
  onMerge: (question: QuestionDto) => void;
}

/** One question in the moderators' queue, with the moves its status allows. */
export function QuestionCard({ question, all, agenda, onReject, onMerge }: Props) {
  const { t } = useTranslation();
  const call = useModerationCall();
  const [draft, setDraft] = useState<string | null>(null);
  const run = (action: ModerationCall, after?: () => void) => call.mutate(action, { onSuccess: after });
  const change = (body: Parameters<typeof moderate>[2], after?: () => void) => run(moderate(call.conferenceId, question, body), after);
  const mergedInto = question.mergedInto ? all.find((q) => q.id === question.mergedInto) : undefined;
  const { status } = question;
  const busy = call.isPending;

  const saveEdit = () => {
    const text = draft?.normalize('NFC').trim() ?? '';
    if (!text || text === question.text) {
      setDraft(null);
      return;
    }
    change({ text }, () => setDraft(null));
  };

  return (
    <li className={`question-card question-card-${status}`} data-question-id={question.id} data-state={status}>
      <div className="question-card-head">
        <QuestionOrigin question={question} agenda={agenda} />
        <div className="question-badges">
          <QuestionStatusBadge status={status} />
          {question.mergedCount > 0 && <span className="chip">{t('moderation.mergedCount', { n: question.mergedCount })}</span>}
        </div>
      </div>
      {draft === null ? (
        <p className="question-text">{question.text}</p>
      ) : (
        <label className="field">
          <span className="visually-hidden">{t('moderation.editLabel')}</span>
          <textarea
            rows={4}
            value={draft}
            maxLength={QUESTION_MAX_LENGTH}
            data-testid="question-edit-text"
            onChange={(event) => setDraft(event.target.value)}
          />
        </label>
      )}
      {question.originalText && <p className="question-note">{t('moderation.original', { text: question.originalText })}</p>}
      {status === 'rejected' && question.rejectReason && (
        <p className="question-note question-note-rejected">{t('moderation.rejectReason', { reason: question.rejectReason })}</p>
      )}
      {mergedInto && <p className="question-note">→ {excerpt(mergedInto.text)}</p>}
      {call.isError && <ErrorNotice error={call.error} />}
      <div className="question-actions">
        {draft !== null ? (
          <>
            <button type="button" className="btn btn-primary btn-small" disabled={busy} data-testid="question-edit-save" onClick={saveEdit}>
              {t('common.save')}
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <>
            {status === 'pending' && (
              <>
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  disabled={busy}
                  data-testid="question-approve"
                  onClick={() => change({ status: 'approved' })}
                >
                  {t('moderation.approve')}
                </button>
                <button type="button" className="btn btn-small" disabled={busy} data-testid="question-edit" onClick={() => setDraft(question.text)}>
                  {t('moderation.edit')}
                </button>
                <button type="button" className="btn btn-small" disabled={busy} data-testid="question-merge" onClick={() => onMerge(question)}>
                  {t('moderation.merge')}
                </button>
              </>
            )}
            {(status === 'pending' || status === 'approved') && (
              <button
                type="button"
                className="btn btn-small btn-outline-danger"
                disabled={busy}
                data-testid="question-reject"
                onClick={() => onReject(question)}
              >
                {t('moderation.reject')}
              </button>
            )}
            {(status === 'approved' || status === 'rejected') && (
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                data-testid="question-to-pending"
                onClick={() => change({ status: 'pending' })}
              >
                {t('moderation.toPending')}
              </button>
            )}
          </>
        )}
        <QuestionHistory conferenceId={call.conferenceId} questionId={question.id} version={question.version} />
      </div>
    </li>
  );
}
