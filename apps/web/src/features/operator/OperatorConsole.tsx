import {
  ConferenceStatus,
  ErrorCode,
  type PointAttendanceDto,
  type PointModerationState,
  type PointSessionResponse,
} from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { operatorApi, queryKeys, type OperatorApi } from '../../lib/endpoints';
import { useLive } from '../../lib/live';
import { PointMedia } from '../broadcast/PointMedia';
import { NoticeBanner } from '../notices/NoticeBanner';
import { OperatorChat } from '../notices/OperatorChat';
import { PreflightSection } from '../preflight/PreflightSection';
import { useOperatorSupport } from '../notices/useSupport';
import { CheckInScreenLink } from './CheckInScreenLink';
import { ConferenceCard } from './ConferenceCard';
import { ConnectionBar } from './ConnectionBar';
import { DelegatesCard } from './DelegatesCard';
import { FailureList } from './FailureList';
import { FloorBanner } from './FloorBanner';
import { HeadcountCard } from './HeadcountCard';
import { applySent, emptyModeration, isModerationAction, sendModeration } from './moderation';
import type { OutboxAction, OutboxEntry, OutboxTransport } from './outbox';
import { PointCard } from './PointCard';
import { PointHeader } from './PointHeader';
import { QuestionsCard } from './QuestionsCard';
import { RehearsalCard } from './RehearsalCard';
import { Section } from './Section';
import { SpeakCard } from './SpeakCard';
import { useLeaveWarning } from './useLeaveWarning';
import { useOutbox } from './useOutbox';
import { keepAwakeFor, useWakeLock } from './useWakeLock';

/** A request that hangs this long is given up and retried (with the same key). */
const SEND_TIMEOUT_MS = 15_000;
const CONFERENCE_REFRESH_MS = 60_000;

function sendEntry(api: OperatorApi, entry: OutboxEntry): Promise<unknown> {
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
  const { action } = entry;
  switch (action.kind) {
    case 'check-in':
      return api.checkIn(signal);
    case 'check-out':
      return api.checkOut(signal);
    case 'headcount':
      return api.headcount(action.present, signal);
    case 'delegate':
      return api.checkInDelegate(action.delegateCode, entry.id, signal);
    case 'question':
    case 'question-withdraw':
    case 'speak':
    case 'speak-withdraw':
      return sendModeration(api, entry, action, signal);
  }
}

interface Props {
  joinCode: string;
  session: PointSessionResponse;
  renew: () => void;
  renewing: boolean;
}

/** Everything an operator does for their point; every change goes through the outbox. */
export function OperatorConsole({ joinCode, session, renew, renewing }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { pointId, conferenceId, accessToken } = session;
  const api = useMemo(() => operatorApi(session, renew), [session, renew]);
  const { outbox, snapshot } = useOutbox(joinCode);
  const stateKey = queryKeys.operator.state(pointId);
  const moderationKey = queryKeys.operator.moderation(pointId);

  const transport = useMemo<OutboxTransport>(
    () => ({
      send: (entry) => sendEntry(api, entry),
      sent: (entry, result) => {
        if (isModerationAction(entry.action)) {
          const key = queryKeys.operator.moderation(pointId);
          const current = queryClient.getQueryData<PointModerationState>(key);
          const next = current ? applySent(current, entry.action, result) : undefined;
          if (next) queryClient.setQueryData(key, next);
          else void queryClient.invalidateQueries({ queryKey: key });
          return;
        }
        const key = queryKeys.operator.state(pointId);
        if (entry.action.kind === 'delegate') {
          void queryClient.invalidateQueries({ queryKey: key });
          void queryClient.invalidateQueries({ queryKey: queryKeys.operator.roster(pointId) });
        } else {
          queryClient.setQueryData<PointAttendanceDto>(key, result as PointAttendanceDto);
        }
        if (entry.action.kind === 'headcount') {
          void queryClient.invalidateQueries({ queryKey: queryKeys.operator.headcounts(pointId) });
        }
      },
      unauthorized: renew,
    }),
    [api, pointId, queryClient, renew],
  );

  useEffect(() => {
    outbox.setTransport(transport);
    return () => outbox.setTransport(null);
  }, [outbox, transport]);

  const conference = useQuery({
    queryKey: queryKeys.operator.conference(pointId),
    queryFn: api.conference,
    refetchInterval: CONFERENCE_REFRESH_MS,
  });
  const state = useQuery({ queryKey: stateKey, queryFn: api.state });
  const headcounts = useQuery({ queryKey: queryKeys.operator.headcounts(pointId), queryFn: api.headcounts });
  // The live connection sends the whole state on connect and after changes; this fills the list if it is slow.
  const moderation = useQuery({
    queryKey: moderationKey,
    queryFn: async ({ signal }) => {
      const startedAt = Date.now();
      const questions = await api.questions(signal);
      const cached = queryClient.getQueryState<PointModerationState>(moderationKey);
      if (cached?.data && cached.dataUpdatedAt >= startedAt) return cached.data;
      return { ...(cached?.data ?? emptyModeration(conferenceId)), questions };
    },
  });

  const support = useOperatorSupport(conferenceId, pointId, accessToken);
  const live = useLive({
    ...support.live,
    token: accessToken,
    conferenceId,
    onPoint: (point) => {
      if (point.pointId !== pointId) return;
      const key = queryKeys.operator.state(pointId);
      const before = queryClient.getQueryData<PointAttendanceDto>(key);
      queryClient.setQueryData(key, point);
      if (before && before.delegatesCheckedIn !== point.delegatesCheckedIn) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.operator.roster(pointId) });
      }
    },
    onPointModeration: (next) => queryClient.setQueryData(queryKeys.operator.moderation(pointId), next),
    onRefused: (error) => {
      if (error.code === ErrorCode.Unauthenticated) renew();
    },
  });

  const enqueue = useCallback((action: OutboxAction) => void outbox.enqueue(action), [outbox]);
  const report = useCallback((present: number) => enqueue({ kind: 'headcount', present }), [enqueue]);
  const checkInDelegate = useCallback(
    (delegateCode: string, fullName: string | null) => enqueue({ kind: 'delegate', delegateCode, fullName }),
    [enqueue],
  );
  const forgetDelegate = useCallback((delegateCode: string) => outbox.forgetDelegate(delegateCode), [outbox]);
  // The point's live state says the status first (pushed on every change); the conference query follows.
  const conferenceStatus = state.data?.conferenceStatus ?? conference.data?.status;
  const ended = conferenceStatus === ConferenceStatus.Ended;
  const { refetch: refetchConference } = conference;
  const listedStatus = conference.data?.status;
  const pushedStatus = state.data?.conferenceStatus;
  useEffect(() => {
    if (listedStatus && pushedStatus && pushedStatus !== listedStatus) void refetchConference();
  }, [listedStatus, pushedStatus, refetchConference]);

  const wakeLock = useWakeLock(keepAwakeFor(conference.data));
  useLeaveWarning(snapshot.entries.length > 0);

  return (
    <div className="operator" data-wake-lock={wakeLock}>
      <PointHeader point={state.data} conference={conference.data} entries={snapshot.entries}>
        <ConnectionBar
          live={live.status}
          liveError={live.error}
          snapshot={snapshot}
          reopening={renewing && snapshot.unauthorized}
          onSendNow={() => void outbox.flush()}
        />
      </PointHeader>
      <FailureList failures={snapshot.failures} onDismiss={(id) => outbox.dismissFailure(id)} />
      <NoticeBanner notices={support.notices} />
      <FloorBanner floor={moderation.data?.floor} pointId={pointId} />
      {/* Phone order is the reading order: check-in, headcount, roster first; the broadcast and the agenda fold. */}
      <div className="operator-grid">
        <div className="operator-column">
          {conferenceStatus === ConferenceStatus.Rehearsal && <RehearsalCard api={api} rehearsal={state.data?.rehearsal} />}
          <PointCard
            query={state}
            entries={snapshot.entries}
            ended={ended}
            conferenceStatus={conferenceStatus}
            onAction={enqueue}
          />
          <HeadcountCard
            state={state.data}
            history={headcounts}
            entries={snapshot.entries}
            ended={ended}
            onReport={report}
          />
          <DelegatesCard
            api={api}
            pointId={pointId}
            checkedIn={state.data?.delegatesCheckedIn}
            snapshot={snapshot}
            ended={ended}
            onCheckIn={checkInDelegate}
            onUnmarked={forgetDelegate}
          />
        </div>
        <div className="operator-column">
          {/* Before the conference: camera, microphone, speaker and network, reported to the readiness board. */}
          <PreflightSection api={api} conferenceId={conferenceId} pointId={pointId} token={accessToken} />
          <Section title={t('operatorLayout.media')} testId="operator-media-section" className="operator-media">
            <PointMedia conferenceId={conferenceId} token={accessToken} pointId={pointId} floorPointName={moderation.data?.floor.pointName} />
          </Section>
          <SpeakCard state={moderation.data} pointId={pointId} entries={snapshot.entries} ended={ended} onAction={enqueue} />
          {/* Messages with the control room: after the point's own work on a phone; urgent words come as notices above. */}
          <OperatorChat conferenceId={conferenceId} pointId={pointId} token={accessToken} />
          <QuestionsCard
            questions={moderation}
            agenda={conference.data?.agenda}
            entries={snapshot.entries}
            ended={ended}
            onAction={enqueue}
          />
          <ConferenceCard query={conference} currentAgendaItemId={moderation.data?.currentAgendaItemId} />
          <CheckInScreenLink joinCode={joinCode} />
        </div>
      </div>
    </div>
  );
}
