import { ErrorCode, type PointSessionResponse } from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { isApiError } from '../../lib/api';
import { api } from '../../lib/endpoints';
import { backoffMs, classifyFailure } from './outbox';

/** The form the server compares: upper case, no spaces or dashes, O read as 0 and I/L as 1. */
export function normalizeJoinCode(joinCode: string): string {
  return joinCode.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const storageKey = (joinCode: string) => `bridgepoint.point.${normalizeJoinCode(joinCode)}`;

function isSession(value: unknown): value is PointSessionResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.accessToken === 'string' && typeof v.conferenceId === 'string' && typeof v.pointId === 'string';
}

/** A point operator's token, one per join code, kept apart from the organizer's sign-in. */
export const pointSessionStore = {
  get(joinCode: string): PointSessionResponse | null {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(`${storageKey(joinCode)}.session`) ?? 'null');
      return isSession(value) ? value : null;
    } catch {
      return null;
    }
  },
  set(joinCode: string, session: PointSessionResponse): void {
    localStorage.setItem(`${storageKey(joinCode)}.session`, JSON.stringify(session));
  },
  clear(joinCode: string): void {
    localStorage.removeItem(`${storageKey(joinCode)}.session`);
  },
};

export function outboxKey(joinCode: string): string {
  return `${storageKey(joinCode)}.outbox`;
}

export function isJoinCodeRefused(error: unknown): boolean {
  return isApiError(error) && (error.code === ErrorCode.JoinCodeInvalid || error.status === 401);
}

export function isRateLimited(error: unknown): boolean {
  return isApiError(error) && error.status === 429;
}

/**
 * The operator's session: the stored token if there is one (so a reload works offline), else the
 * join code exchanged for a new one. Network failures are retried until the server answers.
 * `renew()` exchanges the join code again when the server no longer accepts the token; the old
 * session stays on screen meanwhile.
 */
export function usePointSession(joinCode: string) {
  const queryClient = useQueryClient();
  const [stored] = useState(() => pointSessionStore.get(joinCode));
  const open = useQuery({
    queryKey: ['point-session', normalizeJoinCode(joinCode)],
    queryFn: async () => {
      const session = await api.openPointSession(joinCode);
      pointSessionStore.set(joinCode, session);
      void queryClient.invalidateQueries({ queryKey: ['operator', session.pointId] });
      return session;
    },
    enabled: stored === null,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: (_count, error) => classifyFailure(error) === 'retry' && !isRateLimited(error),
    retryDelay: (attempt) => backoffMs(attempt + 1),
  });

  const { refetch } = open;
  const renew = useCallback(() => {
    pointSessionStore.clear(joinCode);
    void refetch({ cancelRefetch: false });
  }, [joinCode, refetch]);

  const retry = useCallback(() => void refetch(), [refetch]);

  return {
    session: open.data ?? stored,
    error: open.error,
    failureCount: open.failureCount,
    renewing: open.isFetching,
    retry,
    renew,
  };
}
