import type { UserRole } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../../lib/endpoints';

/** The signed-in user (already loaded by `RequireAuth`). */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: api.me, staleTime: 5 * 60_000 }).data;
}

/** Organizers run the conference; moderators run questions and speakers; presenters only watch the hall. */
export function canOrganize(role: UserRole | undefined): boolean {
  return role === 'admin' || role === 'organizer';
}

export function canModerate(role: UserRole | undefined): boolean {
  return canOrganize(role) || role === 'moderator';
}
