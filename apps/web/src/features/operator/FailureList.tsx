import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeFacts } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import type { OutboxAction, OutboxFailure } from './outbox';

const EXCERPT_LENGTH = 60;

function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

export function actionLabel(t: TFunction, action: OutboxAction): string {
  switch (action.kind) {
    case 'check-in':
      return t('operator.outbox.action.check-in');
    case 'check-out':
      return t('operator.outbox.action.check-out');
    case 'headcount':
      return t('operator.outbox.action.headcount', { present: action.present });
    case 'delegate':
      return t('operator.outbox.action.delegate', { code: action.delegateCode });
    case 'question':
      return t('operator.outbox.action.question', { text: excerpt(action.text) });
    case 'question-withdraw':
      return t('operator.outbox.action.question-withdraw');
    case 'speak':
      return t('operator.outbox.action.speak');
    case 'speak-withdraw':
      return t('operator.outbox.action.speak-withdraw');
  }
}

interface Props {
  failures: readonly OutboxFailure[];
  onDismiss: (id: string) => void;
}

/** Actions the server refused for good, each with the reason and what to do, until dismissed. */
export function FailureList({ failures, onDismiss }: Props) {
  const { t, i18n } = useTranslation();
  if (failures.length === 0) return null;
  return (
    <ul className="failure-list" aria-label={t('operator.outbox.failedTitle')} data-testid="operator-failures">
      {failures.map((failure) => {
        const { title, detail } = describeFacts(t, failure.error);
        return (
          <li key={failure.id} className="notice notice-error notice-row" role="alert">
            <div>
              <p className="notice-title">
                {actionLabel(t, failure.action)} · {formatTime(failure.at, i18n.language)}
              </p>
              <p className="notice-detail">{title}</p>
              {detail && <p className="notice-detail">{detail}</p>}
            </div>
            <button type="button" className="btn btn-small" onClick={() => onDismiss(failure.id)}>
              {t('operator.outbox.dismiss')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
