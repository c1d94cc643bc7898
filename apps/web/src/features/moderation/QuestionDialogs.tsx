import type { QuestionDto } from '@bridgepoint/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';

const REASON_MAX_LENGTH = 500;
const EXCERPT_LENGTH = 90;

export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

interface RejectProps {
  question: QuestionDto | null;
  busy: boolean;
  onConfirm: (reason: string | null) => void;
  onCancel: () => void;
}

/** Reject with an optional reason the point will read. */
export function RejectDialog({ question, busy, onConfirm, onCancel }: RejectProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      open={question !== null}
      title={t('moderation.rejectTitle')}
      confirmLabel={t('moderation.reject')}
      danger
      busy={busy}
      onConfirm={() => {
        onConfirm(reason.trim() || null);
        setReason('');
      }}
      onCancel={() => {
        setReason('');
        onCancel();
      }}
    >
      {question && <p className="question-quote">{excerpt(question.text, 240)}</p>}
      <label className="field">
        <span className="field-label">{t('moderation.rejectReasonLabel')}</span>
        <textarea
          rows={3}
          value={reason}
          maxLength={REASON_MAX_LENGTH}
          data-testid="question-reject-reason"
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
    </ConfirmDialog>
  );
}

interface MergeProps {
  question: QuestionDto | null;
  /** Questions it may be merged into. */
  targets: readonly QuestionDto[];
  busy: boolean;
  onConfirm: (targetId: string) => void;
  onCancel: () => void;
}

/** Marks a question as a duplicate of another one, which stays. */
export function MergeDialog({ question, targets, busy, onConfirm, onCancel }: MergeProps) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const options = targets.filter((q) => q.id !== question?.id);
  const close = () => {
    setTarget('');
    onCancel();
  };
  return (
    <ConfirmDialog
      open={question !== null}
      title={t('moderation.mergeTitle')}
      confirmLabel={t('moderation.merge')}
      busy={busy}
      onConfirm={() => {
        if (!target) return;
        onConfirm(target);
        setTarget('');
      }}
      onCancel={close}
    >
      {question && <p className="question-quote">{excerpt(question.text, 240)}</p>}
      {options.length === 0 ? (
        <p className="muted">{t('moderation.mergeNone')}</p>
      ) : (
        <label className="field">
          <span className="field-label">{t('moderation.mergeTarget')}</span>
          <select value={target} data-testid="question-merge-target" onChange={(event) => setTarget(event.target.value)}>
            <option value="">{t('moderation.mergePick')}</option>
            {options.map((q) => (
              <option key={q.id} value={q.id}>
                {q.pointName}: {excerpt(q.text)}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="muted small">{t('moderation.mergeHint')}</p>
    </ConfirmDialog>
  );
}
