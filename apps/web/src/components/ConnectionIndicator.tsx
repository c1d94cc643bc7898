import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../lib/live';
import { formatClock } from '../lib/time';

interface Props {
  status: LiveStatus;
  /** When the last live numbers were computed. */
  updatedAt?: string | null;
  testId?: string;
}

/** A coloured dot and a word for the live connection; `data-state` carries the status for tests. */
export function ConnectionIndicator({ status, updatedAt, testId }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <p className={`connection connection-${status}`} role="status" aria-live="polite" data-testid={testId} data-state={status}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">
        <span className="visually-hidden">{t('live.label')}: </span>
        {t(`live.${status}`)}
      </span>
      {updatedAt && <span className="connection-time">{t('live.updatedAt', { time: formatClock(updatedAt, i18n.language) })}</span>}
    </p>
  );
}
