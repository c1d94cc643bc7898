import { ErrorCode, type ModerationSnapshot } from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { signalUnauthorized, tokenStore } from '../../lib/api';
import { api, queryKeys } from '../../lib/endpoints';
import { useLive } from '../../lib/live';

/**
 * A live snapshot replaces the state, except questions the screen already holds in a newer version
 * (its own change answered before the push that includes it arrived).
 */
export function mergeSnapshot(current: ModerationSnapshot | undefined, next: ModerationSnapshot): ModerationSnapshot {
  if (!current) return next;
  const known = new Map(current.questions.map((q) => [q.id, q]));
  return {
    ...next,
    questions: next.questions.map((q) => {
      const held = known.get(q.id);
      return held && held.version > q.version ? held : q;
    }),
  };
}

/**
 * Questions, the speak queue and the floor of one conference, kept current by `/live`
 * (`moderation.snapshot` on connect, then `moderation.delta` after every change). The REST reads fill the screen if the
 * socket is slow; what the socket delivered meanwhile wins.
 */
export function useModerationSnapshot(conferenceId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.moderation(conferenceId);
  const snapshot = useQuery({
    queryKey: key,
    queryFn: async (): Promise<ModerationSnapshot> => {
      const startedAt = Date.now();
      const [questions, speakQueue, floor] = await Promise.all([
        api.questions(conferenceId),
        api.speakRequests(conferenceId),
        api.floor(conferenceId),
      ]);
      const cached = queryClient.getQueryState<ModerationSnapshot>(key);
      if (cached?.data && cached.dataUpdatedAt >= startedAt) return cached.data;
      return {
        questions,
        speakQueue,
        floor,
        currentQuestionId: cached?.data?.currentQuestionId ?? null,
        currentAgendaItemId: cached?.data?.currentAgendaItemId ?? null,
      };
    },
    staleTime: Infinity,
  });
  const live = useLive({
    token: tokenStore.get(),
    conferenceId,
    onModeration: (next) => {
      queryClient.setQueryData<ModerationSnapshot>(queryKeys.moderation(conferenceId), (current) => mergeSnapshot(current, next));
    },
    onRefused: (error) => {
      if (error.code === ErrorCode.Unauthenticated) signalUnauthorized();
    },
  });
  return { snapshot, live };
}
