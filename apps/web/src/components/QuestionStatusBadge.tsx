import type { QuestionStatus } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';

export function QuestionStatusBadge({ status, testId }: { status: QuestionStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-question-${status}`} data-testid={testId} data-state={status}>
      {t(`questionStatus.${status}`)}
    </span>
  );
}
