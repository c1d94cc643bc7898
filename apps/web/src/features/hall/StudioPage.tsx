import { PRESENTER_SOURCE, pointSource, type FloorDto, type ModerationSnapshot } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Logo } from '../../components/Logo';
import { MicIcon } from '../../components/MicIcon';
import { tokenStore } from '../../lib/api';
import { formatElapsed, since, useNow } from '../../lib/elapsed';
import { api, queryKeys } from '../../lib/endpoints';
import { useFullscreen } from '../../lib/useFullscreen';
import { canModerate, useMe } from '../auth/useMe';
import { LevelMeter } from '../broadcast/LevelMeter';
import { MediaView } from '../broadcast/MediaView';
import { useAudioLevel } from '../broadcast/useAudioLevel';
import { useMediaSession } from '../broadcast/useMediaSession';
import { useSubscription } from '../broadcast/useSubscription';
import { useModerationSnapshot } from '../moderation/useModerationSnapshot';
import { AgendaNow } from './AgendaNow';

const BOTH = ['audio', 'video'] as const;
const VIDEO = ['video'] as const;
/** The floor holder at the top simulcast layer; the presenter's preview at the lowest. */
const TOP_LAYER = 2;

/**
 * `/conferences/:id/studio`: the host site's projector and sound system. The point holding the floor
 * large, with its sound; the presenter's own picture as a preview (never its sound: it is in this hall);
 * the agenda item and question; a speaking timer. `?kiosk=1` hides every control. Reconnects by itself.
 */
export function StudioPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const kiosk = search.get('kiosk') === '1';
  const me = useMe();
  const allowed = canModerate(me?.role);
  const { container, fullscreen, toggleFullscreen } = useFullscreen();

  if (me && !allowed) {
    return (
      <div className="hall studio">
        <div className="notice notice-error hall-notice" role="alert" data-testid="studio-forbidden">
          <p className="notice-title">{t('studio.forbidden')}</p>
        </div>
      </div>
    );
  }
  return (
    <div className={`hall studio ${kiosk ? 'is-kiosk' : ''}`} ref={container} data-testid="studio">
      {allowed && <StudioScreen conferenceId={id} kiosk={kiosk} fullscreen={fullscreen} toggleFullscreen={toggleFullscreen} />}
    </div>
  );
}

interface ScreenProps {
  conferenceId: string;
  kiosk: boolean;
  fullscreen: boolean;
  toggleFullscreen(): void;
}

function StudioScreen({ conferenceId, kiosk, fullscreen, toggleFullscreen }: ScreenProps) {
  const { t } = useTranslation();
  const conference = useQuery({ queryKey: queryKeys.conference(conferenceId), queryFn: () => api.conference(conferenceId) });
  const { snapshot, live } = useModerationSnapshot(conferenceId);
  const session = useMediaSession(conferenceId, tokenStore.get());
  const floorSource = session.floorPointId ? pointSource(session.floorPointId) : null;
  const floorMedia = useSubscription(session.client, floorSource, [...BOTH], floorSource ? session.live.get(floorSource) : undefined, TOP_LAYER);
  const presenter = useSubscription(session.client, PRESENTER_SOURCE, [...VIDEO], session.live.get(PRESENTER_SOURCE), 0);
  const level = useAudioLevel(floorMedia.stream);
  const data = snapshot.data;
  const floor = data?.floor;

  return (
    <>
      <header className="hall-head">
        <Logo size={40} />
        <h1 className="hall-title">{conference.data?.title ?? t('studio.title')}</h1>
        <ConnectionIndicator status={live.status} testId="studio-connection" />
        {!kiosk && !fullscreen && <LanguageSwitch />}
        {!kiosk && document.fullscreenEnabled && (
          <button type="button" className="btn btn-small hall-button" onClick={toggleFullscreen}>
            {fullscreen ? t('control.exitFullscreen') : t('control.fullscreen')}
          </button>
        )}
      </header>
      {conference.data && data && <AgendaNow agenda={conference.data.agenda} currentId={data.currentAgendaItemId} />}
      <main className="studio-main">
        <section
          className={`studio-stage ${floor?.interruptedAt ? 'is-interrupted' : ''}`}
          data-testid="studio-stage"
          data-floor={session.floorPointId ?? ''}
          data-state={floorMedia.stream ? 'playing' : 'idle'}
        >
          {floorSource ? (
            floorMedia.stream ? (
              <MediaView stream={floorMedia.stream} testId="studio-floor" className="studio-floor" />
            ) : (
              <p className="studio-empty">{t('studio.waitingPicture')}</p>
            )
          ) : presenter.stream ? (
            <MediaView stream={presenter.stream} muted testId="studio-presenter-large" label={t('studio.presenter')} className="studio-floor" />
          ) : (
            <p className="studio-empty">{t('studio.noFloor')}</p>
          )}
          {floor && <FloorCaption floor={floor} level={floorMedia.stream ? level : null} />}
        </section>
        <aside className="studio-side">
          {floorSource && (
            <section className="studio-preview">
              <h2 className="hall-label">{t('studio.presenter')}</h2>
              {presenter.stream ? <MediaView stream={presenter.stream} muted testId="studio-presenter" /> : <p className="hall-empty">{t('broadcast.noSignal')}</p>}
            </section>
          )}
          {data && <CurrentQuestion snapshot={data} />}
        </aside>
      </main>
    </>
  );
}

function FloorCaption({ floor, level }: { floor: FloorDto; level: number | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!floor.pointId) return null;
  return (
    <div className="studio-caption" data-testid="studio-caption">
      <p className="studio-caption-name">
        <MicIcon size={32} />
        {floor.pointName}
      </p>
      {floor.grantedAt && (
        <p className="studio-timer" data-testid="studio-timer">
          {t('studio.speakingFor', { time: formatElapsed(t, since(floor.grantedAt, now)) })}
        </p>
      )}
      {floor.interruptedAt && (
        <p className="studio-interrupted" role="status" data-testid="studio-interrupted">
          {t('studio.interrupted')}
        </p>
      )}
      {level !== null && <LevelMeter level={level} testId="studio-level" />}
    </div>
  );
}

function CurrentQuestion({ snapshot }: { snapshot: ModerationSnapshot }) {
  const { t } = useTranslation();
  const current = snapshot.questions.find((q) => q.id === snapshot.currentQuestionId);
  if (!current) return null;
  return (
    <section className="studio-question" data-testid="studio-question">
      <h2 className="hall-label">{t('studio.currentQuestion')}</h2>
      <p className="hall-queue-point">{current.pointName}</p>
      <p className="studio-question-text">{current.text}</p>
    </section>
  );
}
