import { pointSource } from '@bridgepoint/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DevicePicker } from './DevicePicker';
import { LevelMeter } from './LevelMeter';
import type { Publication } from './media-client';
import { describeMediaError } from './mediaErrors';
import { MediaView } from './MediaView';
import { request } from './signaling';
import { microphoneOpen, setUplinkControls, useUplinkControls } from './uplinkControls';
import { PushToTalk } from './PushToTalk';
import { useAudioLevel } from './useAudioLevel';
import { useDevices, useDeviceStream } from './useDevices';
import type { MediaSession } from './useMediaSession';
import { usePublication } from './usePublication';

/** A point's uplink is a small picture: the control room shows many at once. */
const UPLINK_VIDEO = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };
const UPLINK = { simulcast: false, maxVideoKbps: 300 };

/**
 * The point's own camera and microphone, sent to the host site: the control room watches it, and every
 * point sees and hears it while this point holds the floor. Once turned on, it comes back on by itself.
 * The microphone and camera switch without renegotiating (the track is disabled: silence, black); the
 * host site's mute disables the microphone here too and the server drops the sound whatever this page does.
 */
export function UplinkCard({ session, pointId, onPublication }: { session: MediaSession; pointId: string; onPublication(p: Publication | null): void }) {
  const { t } = useTranslation();
  const devices = useDevices('uplink');
  const controls = useUplinkControls();
  const { on, camera, microphone, hostMuted, pushToTalk } = controls;
  const open = microphoneOpen(controls);
  const { stream, error: deviceError } = useDeviceStream(devices, on, UPLINK_VIDEO);
  const serverMuted = session.uplinks.get(pointId)?.hostMuted ?? false;
  const level = useAudioLevel(stream && open && !hostMuted ? stream : null);

  useEffect(() => {
    if (serverMuted !== hostMuted) setUplinkControls({ hostMuted: serverMuted });
  }, [serverMuted, hostMuted]);
  useEffect(() => {
    for (const track of stream?.getVideoTracks() ?? []) track.enabled = camera;
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = open && !hostMuted;
  }, [stream, camera, open, hostMuted]);
  // The host site sees the switches (and whether the microphone can be heard) in the floor panel.
  const { socket, client } = session;
  useEffect(() => {
    if (socket && client) void request(socket, 'media.devices', { camera, microphone: open }).catch(() => undefined);
  }, [socket, client, camera, open]);

  const publication = usePublication(session.client, pointSource(pointId), stream, UPLINK);
  useEffect(() => onPublication(publication.publication), [publication.publication, onPublication]);
  const holdsFloor = session.floorPointId === pointId;
  const state = !on ? 'off' : deviceError ? 'error' : publication.state === 'connected' ? 'sending' : 'starting';
  const heard = open && !hostMuted;

  return (
    <section
      className="card uplink-card"
      data-testid="uplink"
      data-state={state}
      data-microphone={heard ? 'on' : hostMuted ? 'host-muted' : 'off'}
      aria-labelledby="uplink-title"
    >
      <h2 id="uplink-title">{t('media.uplink.title')}</h2>
      {stream && <MediaView stream={stream} muted className={`uplink-preview ${camera ? '' : 'is-dark'}`} />}
      <p className={holdsFloor && state === 'sending' ? 'uplink-on-air' : 'muted'}>
        {holdsFloor && state === 'sending' ? t('media.uplink.onAir') : t(`media.uplink.${state}`)}
      </p>
      {hostMuted && (
        <p className="notice notice-warning uplink-host-muted" role="status" data-testid="uplink-host-muted">
          {t('mediaControl.hostMuted')}
        </p>
      )}
      {(deviceError ?? publication.error) && (
        <p role="alert" className="error">
          {describeMediaError(t, (deviceError ?? publication.error)!)}
        </p>
      )}
      {on && (
        <>
          <LevelMeter level={heard ? level : 0} label={t('mediaControl.micLevel')} testId="uplink-level" />
          <div className="uplink-switches">
            {pushToTalk ? (
              <PushToTalk talking={controls.talking} disabled={hostMuted} />
            ) : (
              <button
                type="button"
                className={`btn ${heard ? '' : 'btn-outline-danger'}`}
                aria-pressed={!microphone}
                disabled={hostMuted}
                title={hostMuted ? t('mediaControl.hostMuted') : undefined}
                onClick={() => setUplinkControls({ microphone: !microphone })}
                data-testid="uplink-mic"
              >
                {hostMuted ? t('mediaControl.micHostMuted') : microphone ? t('mediaControl.micOff') : t('mediaControl.micOn')}
              </button>
            )}
            <button
              type="button"
              className={`btn ${camera ? '' : 'btn-outline-danger'}`}
              aria-pressed={!camera}
              onClick={() => setUplinkControls({ camera: !camera })}
              data-testid="uplink-camera"
            >
              {camera ? t('mediaControl.cameraOff') : t('mediaControl.cameraOn')}
            </button>
            <label className="uplink-ptt-switch">
              <input
                type="checkbox"
                checked={pushToTalk}
                onChange={(e) => setUplinkControls({ pushToTalk: e.target.checked, talking: false })}
                data-testid="uplink-ptt"
              />
              {t('mediaControl.pushToTalk')}
            </label>
          </div>
        </>
      )}
      <DevicePicker devices={devices} />
      <button type="button" className={`btn ${on ? '' : 'btn-primary'}`} onClick={() => setUplinkControls({ on: !on })} data-testid="uplink-toggle">
        {on ? t('media.uplink.stop') : t('media.uplink.start')}
      </button>
    </section>
  );
}
