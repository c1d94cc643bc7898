import type { DelegateSessionResponse } from '@bridgepoint/contracts';
import { randomUuid } from '../../lib/uuid';

const SESSION_KEY = 'bridgepoint.delegate.session';
const DEVICE_KEY = 'bridgepoint.delegate.device';

/** This phone's id: the same phone opening the conference again gets its session back. */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = randomUuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function isSession(v: unknown): v is DelegateSessionResponse {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.accessToken === 'string' && typeof s.conferenceId === 'string' && typeof s.pointId === 'string' && typeof s.delegateId === 'string';
}

/** A phone belongs to one delegate at a time: one stored session, kept across reloads and expired room codes. */
export const delegateSessionStore = {
  get(): DelegateSessionResponse | null {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
      return isSession(v) ? v : null;
    } catch {
      return null;
    }
  },
  set(session: DelegateSessionResponse): void {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  },
  clear(): void {
    localStorage.removeItem(SESSION_KEY);
  },
};
