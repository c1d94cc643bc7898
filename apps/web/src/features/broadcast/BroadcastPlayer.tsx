import { MediaErrorCode, PRESENTER_SOURCE, pointSource } from '@bridgepoint/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFullscreen } from '../../lib/useFullscreen';
import type { Subscription } from './media-client';
import { MediaView } from './MediaView';
import { MediaRequestError } from './signaling';
import type { MediaSession } from './useMediaSession';
import { useSubscription } from './useSubscription';

const BOTH = ['audio', 'video'] as const;

interface Props {
  session: MediaSession;
  /** The point watching: it does not receive its own uplink when it holds the floor. */
  ownPointId?: string | null;
  /** Name of the point holding the floor, for its caption. */
  floorPointName?: string | null;
  /** Told which subscriptions are open (for the point's link reports). */
  onReceiving?(subscriptions: Subscription[]): void;
}

/**
 * What a point sees and hears: the presenter's broadcast, and next to it the point holding the floor.
 * Full screen on demand; reconnects by itself.
 */
export function BroadcastPlayer({ session, ownPointId = null, floorPointName, onReceiving }: Props) {
  const { t } = useTranslation();
  const { container, fullscreen, toggleFullscreen } = useFullscreen<HTMLElement>();
  const { client, live, floorPointId } = session;
  const floorSource = floorPointId && floorPointId !== ownPointId ? pointSource(floorPointId) : null;
  const presenter = useSubscription(client, PRESENTER_SOURCE, [...BOTH], live.get(PRESENTER_SOURCE));
  const floor = useSubscription(client, floorSource, [...BOTH], floorSource ? live.get(floorSource) : undefined);
  const playing = presenter.stream !== null;
  useEffect(() => {
    onReceiving?.([presenter.subscription, floor.subscription].filter((s) => s !== null));
  }, [presenter.subscription, floor.subscription, onReceiving]);

  return (
    <section
      ref={container}
      className={`card broadcast-player ${fullscreen ? 'is-fullscreen' : ''}`}
      data-testid="broadcast-player"
      data-state={playing ? 'playing' : 'idle'}
      data-floor={floor.stream ? floorPointId : ''}
    >
      <div className={`broadcast-stage ${floor.stream ? 'with-floor' : ''}`}>
        {playing ? (
          <MediaView stream={presenter.stream} testId="broadcast-presenter" label={floor.stream ? t('media.presenter') : undefined} />
        ) : (
          <p className="muted broadcast-idle">{client ? t('broadcast.noSignal') : t('media.connecting')}</p>
        )}
        {floor.stream && <MediaView stream={floor.stream} testId="broadcast-floor" label={t('media.floorHolder', { name: floorPointName ?? '' })} />}
      </div>
      {presenter.state !== 'connected' && playing && <p className="muted">{t('media.connecting')}</p>}
      {!playing && presenter.error instanceof MediaRequestError && presenter.error.code === MediaErrorCode.Full && (
        <p className="notice notice-warning" role="alert" data-testid="broadcast-full">
          {t('media.errors.MEDIA_FULL')}
        </p>
      )}
      <button type="button" className="btn" onClick={toggleFullscreen} data-testid="broadcast-fullscreen">
        {fullscreen ? t('media.exitFullscreen') : t('media.fullscreen')}
      </button>
    </section>
  );
}
