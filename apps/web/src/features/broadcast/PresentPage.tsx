import { PRESENTER_SOURCE, type MediaAudienceDto } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { tokenStore } from '../../lib/api';
import { api } from '../../lib/endpoints';
import { DevicePicker } from './DevicePicker';
import { describeMediaError } from './mediaErrors';
import { MediaView } from './MediaView';
import { useDevices, useDeviceStream } from './useDevices';
import { useMediaSession } from './useMediaSession';
import { usePublication } from './usePublication';

export type PresenterStatus = 'preparing' | 'ready' | 'starting' | 'live' | 'error';

/** The presenter's top layer; the lower simulcast layers are a half and a quarter of it. */
const PRESENTER_VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
const PUBLISH = { simulcast: true, maxVideoKbps: 1500 };

/**
 * `/conferences/:id/present`: choose camera and microphone, preview, share the screen, go live and
 * stop, and see how many points receive the broadcast.
 */
export function PresentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useMediaSession(id, tokenStore.get());
  const devices = useDevices('present');
  const { stream: camera, error: deviceError } = useDeviceStream(devices, true, PRESENTER_VIDEO);
  const [screen, setScreen] = useState<MediaStream | null>(null);
  const [wantLive, setWantLive] = useState(false);

  /** The screen's picture with the microphone's sound; the camera again when sharing ends. */
  const outgoing = useMemo(
    () => (screen && camera ? new MediaStream([...screen.getVideoTracks(), ...camera.getAudioTracks()]) : camera),
    [camera, screen],
  );
  const sent = wantLive ? outgoing : null;
  const publication = usePublication(session.client, PRESENTER_SOURCE, sent, PUBLISH);

  const shareScreen = async () => {
    if (screen) {
      screen.getTracks().forEach((tr) => tr.stop());
      setScreen(null);
      return;
    }
    try {
      const s = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
      s.getVideoTracks()[0]?.addEventListener('ended', () => setScreen(null));
      setScreen(s);
    } catch {
      // The presenter cancelled the browser's picker.
    }
  };

  const audience = useQuery<MediaAudienceDto>({
    queryKey: ['media', id, 'audience'],
    queryFn: () => api.mediaAudience(id),
    refetchInterval: 5000,
    enabled: wantLive,
  });

  const status: PresenterStatus = deviceError
    ? 'error'
    : !camera || !session.client
      ? 'preparing'
      : !wantLive
        ? 'ready'
        : publication.state === 'connected'
          ? 'live'
          : 'starting';
  const error = deviceError ?? publication.error ?? session.error;

  return (
    <main className="present" data-testid="present" data-state={status}>
      <h1>{t('broadcast.title')}</h1>
      <MediaView stream={screen ?? camera} muted className="present-preview" />
      <p data-testid="present-status">
        {t(`broadcast.status.${status}`)}
        {status === 'live' && audience.data && ` · ${t('media.audience', { count: audience.data.receiving })}`}
      </p>
      {error && (
        <p role="alert" className="error">
          {t('broadcast.failed', { message: describeMediaError(t, error) })}
        </p>
      )}
      <DevicePicker devices={devices} />
      <div className="present-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="present-toggle"
          disabled={status === 'preparing' || status === 'error'}
          onClick={() => setWantLive((v) => !v)}
        >
          {wantLive ? t('broadcast.stop') : t('broadcast.start')}
        </button>
        <button type="button" className="btn" onClick={() => void shareScreen()} disabled={!camera} data-testid="present-screen">
          {screen ? t('media.stopScreen') : t('media.shareScreen')}
        </button>
      </div>
    </main>
  );
}
