import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '@bridgepoint/contracts';

/** What a request carries through everything it calls: who asks (set by the auth guard) and from where. */
export interface RequestContext {
  ip: string | null;
  principal?: Principal;
  /** The request's id (from a trusted proxy's X-Request-Id, or made here): in every log line of the request. */
  requestId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Who is acting right now, as the audit log names them. */
export function currentActor(): { id: string | null; name: string; ip: string | null } {
  const ctx = requestContext.getStore();
  const p = ctx?.principal;
  if (!p) return { id: null, name: 'system', ip: ctx?.ip ?? null };
  if (p.kind === 'user') return { id: p.userId, name: `user:${p.username}`, ip: ctx?.ip ?? null };
  if (p.kind === 'point') return { id: null, name: `point:${p.pointId}`, ip: ctx?.ip ?? null };
  return { id: null, name: `delegate:${p.delegateCode}`, ip: ctx?.ip ?? null };
}
