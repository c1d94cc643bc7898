import type { FloorDto } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { MicIcon } from '../../components/MicIcon';
import { formatElapsed, since, useNow } from '../../lib/elapsed';
import { UplinkBadges } from '../control/UplinkBadges';
import type { MediaControl } from '../control/useMediaControl';
import { releaseFloor, useModerationCall } from './actions';

/** Who holds the floor now, for how long, and the button that ends the turn. */
export function FloorPanel({ floor, media }: { floor: FloorDto; media?: MediaControl }) {
  const { t } = useTranslation();
  const now = useNow();
  const call = useModerationCall();
  const holder = floor.pointId !== null;
  const uplink = floor.pointId ? media?.uplink(floor.pointId) : undefined;
  return (
    <section
      className={`card floor-panel ${holder ? 'has-holder' : ''}`}
      aria-labelledby="moderation-floor-title"
      data-testid="moderation-floor"
      data-point-id={floor.pointId ?? ''}
    >
      <h2 id="moderation-floor-title">{t('moderation.floor')}</h2>
      {holder ? (
        <div className="floor-holder">
          <MicIcon size={32} />
          <div className="stack-tight">
            <p className="floor-holder-name">{floor.pointName}</p>
            {floor.grantedAt && <p className="muted">{t('moderation.floorFor', { time: formatElapsed(t, since(floor.grantedAt, now)) })}</p>}
            {floor.interruptedAt && (
              <p className="badge badge-danger" data-testid="floor-interrupted">
                {t('floorAlert.interrupted')}
              </p>
            )}
            {media && <UplinkBadges state={uplink} />}
          </div>
        </div>
      ) : (
        <p className="muted">{t('moderation.floorNone')}</p>
      )}
      {call.isError && <ErrorNotice error={call.error} />}
      {holder && media && uplink?.live && (
        <button
          type="button"
          className="btn btn-small"
          disabled={media.mute.isPending}
          data-testid="floor-mute"
          onClick={() => media.mute.mutate({ pointId: floor.pointId!, muted: !uplink.hostMuted })}
        >
          {uplink.hostMuted ? t('mediaControl.unmute') : t('mediaControl.mute')}
        </button>
      )}
      {media && (
        <button type="button" className="btn btn-small" disabled={media.muteOthers.isPending} data-testid="floor-mute-others" onClick={() => media.muteOthers.mutate()}>
          {t('mediaControl.muteOthers')}
        </button>
      )}
      {holder && (
        <button
          type="button"
          className="btn btn-outline-danger"
          disabled={call.isPending}
          data-testid="floor-release"
          onClick={() => call.mutate(releaseFloor(call.conferenceId))}
        >
          {t('moderation.release')}
        </button>
      )}
    </section>
  );
}
