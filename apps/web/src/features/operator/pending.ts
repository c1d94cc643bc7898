import type { PointStatus } from '@bridgepoint/contracts';
import type { OutboxEntry } from './outbox';

/**
 * The point's status as the operator expects it once the queue is sent: a queued check-in or
 * headcount means checked in, a queued check-out means left.
 */
export function expectedStatus(server: PointStatus | undefined, entries: readonly OutboxEntry[]) {
  let status = server;
  let pending = false;
  for (const { action } of entries) {
    if (action.kind === 'check-in' || action.kind === 'headcount') status = 'checked_in';
    else if (action.kind === 'check-out') status = 'checked_out';
    else continue;
    pending = true;
  }
  return { status, pending };
}

/** Headcounts still waiting to be sent, newest first. */
export function pendingHeadcounts(entries: readonly OutboxEntry[]) {
  const out: Array<{ id: string; present: number; at: string }> = [];
  for (const entry of entries) {
    if (entry.action.kind === 'headcount') out.unshift({ id: entry.id, present: entry.action.present, at: entry.queuedAt });
  }
  return out;
}

export function isDelegatePending(entries: readonly OutboxEntry[], delegateCode: string): boolean {
  return entries.some((entry) => entry.action.kind === 'delegate' && entry.action.delegateCode === delegateCode);
}
