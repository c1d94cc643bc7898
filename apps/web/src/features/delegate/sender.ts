import { useEffect, useState, useSyncExternalStore } from 'react';
import { randomUuid } from '../../lib/uuid';
import { backoffMs, classifyFailure } from '../operator/outbox';

/** What a delegate's phone sends: its check-in and its questions. */
export type DelegateAction = { kind: 'check-in' } | { kind: 'question'; text: string };

export interface Pending {
  /** Also the request's Idempotency-Key. */
  id: string;
  action: DelegateAction;
  attempts: number;
}

export interface SenderSnapshot {
  pending: readonly Pending[];
  /** The last final refusal, to show. */
  failed: { action: DelegateAction; error: unknown } | null;
  waitingForNetwork: boolean;
}

const EMPTY: SenderSnapshot = { pending: [], failed: null, waitingForNetwork: false };

/**
 * Sends the delegate's actions in order, through network drops: kept in the phone's storage (a reload
 * resumes them with the same keys), retried with growing back-off on network errors, 5xx and 429, given
 * up on any other refusal.
 */
export class DelegateSender {
  private snapshot: SenderSnapshot;
  private readonly listeners = new Set<() => void>();
  private send: ((p: Pending) => Promise<unknown>) | null = null;
  private onSent: (p: Pending, result: unknown) => void = () => undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(private readonly storageKey: string) {
    let pending: Pending[] = [];
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
      if (Array.isArray(stored)) pending = stored as Pending[];
    } catch {
      // a damaged entry is dropped
    }
    this.snapshot = { ...EMPTY, pending };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  connect(send: (p: Pending) => Promise<unknown>, onSent: (p: Pending, result: unknown) => void) {
    this.send = send;
    this.onSent = onSent;
    void this.flush();
  }

  disconnect() {
    this.send = null;
    if (this.timer) clearTimeout(this.timer);
  }

  enqueue(action: DelegateAction) {
    // A second tap on "check in" while the first is still on its way adds nothing.
    if (action.kind === 'check-in' && this.snapshot.pending.some((p) => p.action.kind === 'check-in')) return;
    this.update({ pending: [...this.snapshot.pending, { id: randomUuid(), action, attempts: 0 }], failed: null });
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.running || !this.send) return;
    this.running = true;
    try {
      while (this.snapshot.pending.length > 0 && this.send) {
        const next = this.snapshot.pending[0];
        try {
          const result = await this.send(next);
          this.update({ pending: this.snapshot.pending.slice(1), waitingForNetwork: false });
          this.onSent(next, result);
        } catch (error) {
          if (classifyFailure(error) === 'retry') {
            const attempts = next.attempts + 1;
            this.update({ pending: [{ ...next, attempts }, ...this.snapshot.pending.slice(1)], waitingForNetwork: true });
            this.timer = setTimeout(() => void this.flush(), backoffMs(attempts));
            return;
          }
          this.update({ pending: this.snapshot.pending.slice(1), failed: { action: next.action, error }, waitingForNetwork: false });
        }
      }
    } finally {
      this.running = false;
    }
  }

  private update(patch: Partial<SenderSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    localStorage.setItem(this.storageKey, JSON.stringify(this.snapshot.pending));
    for (const l of this.listeners) l();
  }
}

/** The sender of this delegate's phone, retrying when the network comes back. */
export function useDelegateSender(delegateId: string) {
  const [sender] = useState(() => new DelegateSender(`bridgepoint.delegate.${delegateId}.pending`));
  useEffect(() => {
    const online = () => void sender.flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [sender]);
  const snapshot = useSyncExternalStore(sender.subscribe, sender.getSnapshot);
  return { sender, snapshot };
}
