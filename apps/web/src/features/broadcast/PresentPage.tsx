import { PRESENTER_SOURCE, type MediaAudienceDto } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StandaloneHeader } from '../../components/StandaloneHeader';
import { tokenStore } from '../../lib/api';
import { formatElapsed, useNow } from '../../lib/elapsed';
import { api, queryKeys } from '../../lib/endpoints';
import { DevicePicker } from './DevicePicker';
import { LevelMeter } from './LevelMeter';
import { describeMediaError } from './mediaErrors';
import { MediaView } from './MediaView';
import { useAudioLevel } from './useAudioLevel';
import { useDevices, useDeviceStream } from './useDevices';
import { useMediaSession } from './useMediaSession';
import { usePublication } from './usePublication';

export type PresenterStatus = 'preparing' | 'ready' | 'starting' | 'live' | 'error';

/** The presenter's top layer; the lower simulcast layers are a half and a quarter of it. */
const PRESENTER_VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
const PUBLISH = { simulcast: true, maxVideoKbps: 1500 };

/**
 * `/conferences/:id/present`: choose camera and microphone (also while on air, without interrupting the
 * points), preview with the microphone's level, share the screen, go live, stop (confirmed), and see how
 * many points receive the broadcast. Closing the tab while live asks first.
 */
export function PresentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const conference = useQuery({ queryKey: queryKeys.conference(id), queryFn: () => api.conference(id) });
  const session = useMediaSession(id, tokenStore.get());
  const devices = useDevices('present');
  const { stream: camera, error: deviceError } = useDeviceStream(devices, true, PRESENTER_VIDEO);
  const [screen, setScreen] = useState<MediaStream | null>(null);
  const [wantLive, setWantLive] = useState(false);
  const [confirmStop, setConfirmStop] = useState(false);
  const level = useAudioLevel(camera);

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
  const onAirSince = useOnAirSince(status === 'live');

  // Closing the tab (or reloading) while on air asks first.
  useEffect(() => {
    if (!wantLive) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = t('presenter.leaveWarning');
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [wantLive, t]);

  return (
    <div className="app operator-app">
      <StandaloneHeader title={conference.data?.title} />
      <main className="present" data-testid="present" data-state={status}>
        <div className="present-head">
          <h1>{t('broadcast.title')}</h1>
          {status === 'live' && <OnAirBadge since={onAirSince} />}
        </div>
        <div className="present-stage">
          <MediaView stream={screen ?? camera} muted className="present-preview" />
          <LevelMeter level={camera ? level : null} label={t('presenter.micLevel')} testId="present-level" />
        </div>
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
        {wantLive && <p className="muted small">{t('presenter.devicesLive')}</p>}
        <div className="present-actions">
          <button
            type="button"
            className={`btn ${wantLive ? 'btn-outline-danger' : 'btn-primary'}`}
            data-testid="present-toggle"
            disabled={status === 'preparing' || status === 'error'}
            onClick={() => (wantLive ? setConfirmStop(true) : setWantLive(true))}
          >
            {wantLive ? t('broadcast.stop') : t('broadcast.start')}
          </button>
          <button type="button" className="btn" onClick={() => void shareScreen()} disabled={!camera} data-testid="present-screen">
            {screen ? t('media.stopScreen') : t('media.shareScreen')}
          </button>
        </div>
        <ConfirmDialog
          open={confirmStop}
          title={t('presenter.stopTitle')}
          confirmLabel={t('presenter.stopConfirm')}
          danger
          onConfirm={() => {
            setWantLive(false);
            setConfirmStop(false);
          }}
          onCancel={() => setConfirmStop(false)}
        >
          <p>{t('presenter.stopBody')}</p>
        </ConfirmDialog>
      </main>
    </div>
  );
}

/** When the broadcast went on air (null while off air). */
function useOnAirSince(live: boolean): number | null {
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSince((s) => (live ? (s ?? Date.now()) : null)), 0);
    return () => clearTimeout(timer);
  }, [live]);
  return live ? since : null;
}

function OnAirBadge({ since }: { since: number | null }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <span className="badge badge-live on-air" role="status" data-testid="present-on-air">
      {since === null ? t('presenter.onAir') : t('presenter.onAirFor', { time: formatElapsed(t, now - since) })}
    </span>
  );
}
