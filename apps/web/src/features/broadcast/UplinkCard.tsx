import { pointSource } from '@bridgepoint/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DevicePicker } from './DevicePicker';
import type { Publication } from './media-client';
import { describeMediaError } from './mediaErrors';
import { MediaView } from './MediaView';
import { useDevices, useDeviceStream } from './useDevices';
import type { MediaSession } from './useMediaSession';
import { usePublication } from './usePublication';

/** A point's uplink is a small picture: the control room shows many at once. */
const UPLINK_VIDEO = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };
const UPLINK = { simulcast: false, maxVideoKbps: 300 };
const ON_KEY = 'bridgepoint.uplink.on';

/**
 * The point's own camera and microphone, sent to the host site: the control room watches it, and every
 * point sees and hears it while this point holds the floor. Once turned on, it comes back on by itself.
 */
export function UplinkCard({ session, pointId, onPublication }: { session: MediaSession; pointId: string; onPublication(p: Publication | null): void }) {
  const { t } = useTranslation();
  const devices = useDevices('uplink');
  const [on, setOn] = useState(() => localStorage.getItem(ON_KEY) === '1');
  const { stream, error: deviceError } = useDeviceStream(devices, on, UPLINK_VIDEO);
  useEffect(() => localStorage.setItem(ON_KEY, on ? '1' : '0'), [on]);

  const publication = usePublication(session.client, pointSource(pointId), stream, UPLINK);
  useEffect(() => onPublication(publication.publication), [publication.publication, onPublication]);
  const holdsFloor = session.floorPointId === pointId;
  const state = !on ? 'off' : deviceError ? 'error' : publication.state === 'connected' ? 'sending' : 'starting';

  return (
    <section className="card uplink-card" data-testid="uplink" data-state={state} aria-labelledby="uplink-title">
      <h2 id="uplink-title">{t('media.uplink.title')}</h2>
      {stream && <MediaView stream={stream} muted className="uplink-preview" />}
      <p className={holdsFloor && state === 'sending' ? 'uplink-on-air' : 'muted'}>
        {holdsFloor && state === 'sending' ? t('media.uplink.onAir') : t(`media.uplink.${state}`)}
      </p>
      {(deviceError ?? publication.error) && (
        <p role="alert" className="error">
          {describeMediaError(t, (deviceError ?? publication.error)!)}
        </p>
      )}
      <DevicePicker devices={devices} />
      <button type="button" className={`btn ${on ? '' : 'btn-primary'}`} onClick={() => setOn((v) => !v)} data-testid="uplink-toggle">
        {on ? t('media.uplink.stop') : t('media.uplink.start')}
      </button>
    </section>
  );
}
