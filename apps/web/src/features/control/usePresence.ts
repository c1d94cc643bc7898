import type { PresenceChanged, PresenceDto, PresenceReadiness } from '@bridgepoint/contracts';
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

/** Applies one `presence.readiness` (a point's new pre-flight result) to a presence list. */
export function applyReadiness(current: PresenceDto | undefined, change: PresenceReadiness): PresenceDto | undefined {
  if (!current) return current;
  const points = current.points.map((p) =>
    p.pointId === change.pointId ? { ...p, readiness: change.readiness, readinessDetail: change.readinessDetail } : p,
  );
  return { ...current, points };
}

/**
 * Which points are online: the REST list, then every `presence.changed` from the page's `/live`
 * socket (pass `onPresence`, `onReadiness` and `onConnect` to it); reloaded on each reconnection and
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
  const onReadiness = useCallback(
    (change: PresenceReadiness) => queryClient.setQueryData<PresenceDto>(presenceKey(conferenceId), (current) => applyReadiness(current, change)),
    [queryClient, conferenceId],
  );
  const onConnect = useCallback(() => void queryClient.invalidateQueries({ queryKey: presenceKey(conferenceId) }), [queryClient, conferenceId]);
  return { query, onPresence, onReadiness, onConnect };
}
