import type { FloorDto } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { MicIcon } from '../../components/MicIcon';
import { turnMicrophoneOn, useUplinkControls } from '../broadcast/uplinkControls';

/**
 * Impossible to miss: the moderators have given this point the floor. When the point cannot be heard
 * (its camera and microphone are off, or the microphone is muted) one button turns the microphone on.
 */
export function FloorBanner({ floor, pointId }: { floor: FloorDto | undefined; pointId: string }) {
  const { t } = useTranslation();
  const { on, microphone, hostMuted, pushToTalk } = useUplinkControls();
  if (!floor || floor.pointId !== pointId) return null;
  // Push-to-talk is the operator's own choice: the banner reminds how to speak instead of turning it off.
  const silent = !on || (!pushToTalk && !microphone);
  return (
    <div className="floor-banner" role="alert" data-testid="operator-floor">
      <MicIcon size={40} />
      <div className="stack-tight">
        <p className="floor-banner-title">{t('speak.floorMine')}</p>
        <p>
          {hostMuted
            ? t('mediaControl.hostMuted')
            : silent
              ? t('mediaControl.floorSilent')
              : pushToTalk
                ? t('mediaControl.pushToTalkHint')
                : t('speak.floorMineHint')}
        </p>
      </div>
      {silent && !hostMuted && (
        <button type="button" className="btn btn-primary floor-banner-action" onClick={turnMicrophoneOn} data-testid="operator-floor-mic">
          {t('mediaControl.turnMicOn')}
        </button>
      )}
    </div>
  );
}
