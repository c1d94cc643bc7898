import type { FloorDto } from '@bridgepoint/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { describeFacts } from '../../lib/errors';
import { tokenStore } from '../../lib/api';
import { useMediaSession } from '../broadcast/useMediaSession';
import { useConference } from '../conferences/context';
import { useMediaControl } from '../control/useMediaControl';
import { AgendaControl } from './AgendaControl';
import { FloorAlert } from './FloorAlert';
import { ModerationScopeContext, releaseFloor, useModerationCall, type ModerationScope } from './actions';
import { AnswerOrder } from './AnswerOrder';
import { FloorPanel } from './FloorPanel';
import { QuestionQueue } from './QuestionQueue';
import { SpeakQueue } from './SpeakQueue';
import { useModerationSnapshot } from './useModerationSnapshot';

/** `/conferences/:id/moderation`: questions on the left, the answering order, the speak queue and the floor. */
export function ModerationPage() {
  const { t } = useTranslation();
  const conference = useConference();
  const { snapshot, live } = useModerationSnapshot(conference.id);
  const scope = useMemo<ModerationScope>(() => ({ conferenceId: conference.id, live: live.status }), [conference.id, live.status]);
  const data = snapshot.data;
  const media = useMediaControl(useMediaSession(conference.id, tokenStore.get()));

  return (
    <ModerationScopeContext value={scope}>
      <div className="moderation">
        <div className="control-head">
          <h2 className="visually-hidden">{t('moderation.title')}</h2>
          <ConnectionIndicator status={live.status} testId="moderation-connection" />
          <Link
            to={`/conferences/${encodeURIComponent(conference.id)}/hall`}
            target="_blank"
            rel="noopener"
            className="btn btn-small"
            data-testid="moderation-open-hall"
          >
            {t('moderation.openHall')} ↗
          </Link>
          <Link
            to={`/conferences/${encodeURIComponent(conference.id)}/studio`}
            target="_blank"
            rel="noopener"
            className="btn btn-small"
            data-testid="moderation-open-studio"
          >
            {t('studio.openStudio')} ↗
          </Link>
        </div>
        <ModerationFloorAlert floor={data?.floor} />
        {live.status === 'refused' && live.error && (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">{t('moderation.refused')}</p>
            <p className="notice-detail">{describeFacts(t, live.error).title}</p>
          </div>
        )}
        {data ? (
          <div className="moderation-grid">
            <QuestionQueue questions={data.questions} agenda={conference.agenda} />
            <AnswerOrder questions={data.questions} currentQuestionId={data.currentQuestionId} agenda={conference.agenda} />
            <div className="moderation-side">
              <AgendaControl agenda={conference.agenda} currentId={data.currentAgendaItemId} />
              <FloorPanel floor={data.floor} media={media} />
              <SpeakQueue queue={data.speakQueue} media={media} />
            </div>
          </div>
        ) : snapshot.isError ? (
          <ErrorNotice error={snapshot.error} onRetry={() => void snapshot.refetch()} />
        ) : (
          <Loading label={t('moderation.waiting')} />
        )}
      </div>
    </ModerationScopeContext>
  );
}

function ModerationFloorAlert({ floor }: { floor: FloorDto | undefined }) {
  const call = useModerationCall();
  return <FloorAlert floor={floor} busy={call.isPending} onEnd={() => call.mutate(releaseFloor(call.conferenceId))} />;
}
