import type { FloorDto } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { MicIcon } from '../../components/MicIcon';

/** Impossible to miss: the moderators have given this point the floor. */
export function FloorBanner({ floor, pointId }: { floor: FloorDto | undefined; pointId: string }) {
  const { t } = useTranslation();
  if (!floor || floor.pointId !== pointId) return null;
  return (
    <div className="floor-banner" role="alert" data-testid="operator-floor">
      <MicIcon size={40} />
      <div className="stack-tight">
        <p className="floor-banner-title">{t('speak.floorMine')}</p>
        <p>{t('speak.floorMineHint')}</p>
      </div>
    </div>
  );
}
