import type { MediaUplinkState } from '@bridgepoint/contracts';
import { useTranslation } from 'react-i18next';
import { LevelMeter } from '../broadcast/LevelMeter';

/**
 * What the host site knows of a point's uplink at a glance: sending or not, camera, microphone, host mute,
 * sound reaching the server, and its level where the engine measures it.
 */
export function UplinkBadges({ state }: { state: MediaUplinkState | undefined }) {
  const { t } = useTranslation();
  if (!state?.live) {
    return (
      <span className="uplink-badges" data-testid="uplink-state" data-live="false" data-audio="false">
        <span className="badge badge-muted">{t('mediaControl.uplink.off')}</span>
      </span>
    );
  }
  const audible = state.microphone && !state.hostMuted && state.audio;
  return (
    <span className="uplink-badges" data-testid="uplink-state" data-live="true" data-audio={audible} data-host-muted={state.hostMuted}>
      <span className={`badge ${state.camera ? 'badge-ok' : 'badge-muted'}`}>{state.camera ? t('mediaControl.uplink.camera') : t('mediaControl.uplink.cameraOff')}</span>
      {state.hostMuted ? (
        <span className="badge badge-danger">{t('mediaControl.uplink.hostMuted')}</span>
      ) : (
        <span className={`badge ${state.microphone ? 'badge-ok' : 'badge-muted'}`}>{state.microphone ? t('mediaControl.uplink.mic') : t('mediaControl.uplink.micOff')}</span>
      )}
      <span className={`badge ${audible ? 'badge-ok' : 'badge-warning'}`}>{audible ? t('mediaControl.uplink.sound') : t('mediaControl.uplink.noSound')}</span>
      {state.level !== null && <LevelMeter level={state.hostMuted ? 0 : state.level} />}
    </span>
  );
}
