import type { PointStatus } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';

export function PointStatusBadge({ status, testId }: { status: PointStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-point-${status}`} data-testid={testId} data-state={status}>
      {t(`pointStatus.${status}`)}
    </span>
  );
}
