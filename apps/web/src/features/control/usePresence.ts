import type { PointRehearsalDto, PresenceChanged, PresenceDto, PresencePointDto, PresenceReadiness } from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../lib/endpoints';

export const presenceKey = (conferenceId: string) => ['conferences', conferenceId, 'presence'] as const;

/** Applies one `presence.changed` to a presence list (a repeated one changes nothing). */
export function applyPresence(current: PresenceDto | undefined, change: PresenceChanged): PresenceDto | undefined {
  if (!current) return current;
  let online = current.online;
  const points = current.points.map((p) => {
    if (p.pointId !== change.pointId || p.online === change.online) return p;
    online += change.online ? 1 : -1;
    return { ...p, online: change.online, lastSeenAt: change.at, sending: change.online ? p.sending : false };
  });
  return { ...current, online, points };
}

/** Applies what one event says of one point (its pre-flight result, its rehearsal answer) to a presence list. */
export function patchPoint(current: PresenceDto | undefined, pointId: string, patch: Partial<PresencePointDto>): PresenceDto | undefined {
  if (!current) return current;
  return { ...current, points: current.points.map((p) => (p.pointId === pointId ? { ...p, ...patch } : p)) };
}

/**
 * Which points are online: the REST list, then every `presence.changed` from the page's `/live`
 * socket (pass `onPresence`, `onReadiness`, `onRehearsal` and `onConnect` to it); reloaded on each reconnection and
 * every minute (uplinks change without an event).
 */
export function usePresence(conferenceId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: presenceKey(conferenceId),
    queryFn: () => api.presence(conferenceId),
    staleTime: Infinity,
    refetchInterval: 60_000,
  });
  const onPresence = useCallback(
    (change: PresenceChanged) => queryClient.setQueryData<PresenceDto>(presenceKey(conferenceId), (current) => applyPresence(current, change)),
    [queryClient, conferenceId],
  );
  const patch = useCallback(
    (pointId: string, change: Partial<PresencePointDto>) =>
      queryClient.setQueryData<PresenceDto>(presenceKey(conferenceId), (current) => patchPoint(current, pointId, change)),
    [queryClient, conferenceId],
  );
  const onReadiness = useCallback(
    (change: PresenceReadiness) => patch(change.pointId, { readiness: change.readiness, readinessDetail: change.readinessDetail }),
    [patch],
  );
  const onRehearsal = useCallback(
    (answer: PointRehearsalDto) => patch(answer.pointId, { rehearsal: answer.rehearsal, rehearsalProblem: answer.problem, rehearsalNote: answer.note }),
    [patch],
  );
  const onConnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: presenceKey(conferenceId) }), [queryClient, conferenceId]);
  return { query, onPresence, onReadiness, onRehearsal, onConnect };
}
