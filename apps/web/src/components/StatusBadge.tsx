import type { ConferenceStatus } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';

export function StatusBadge({ status }: { status: ConferenceStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
