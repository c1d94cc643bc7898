import { isApiError } from '../../lib/api';
import { randomUuid } from '../../lib/uuid';

export type OutboxAction =
  | { kind: 'check-in' }
  | { kind: 'check-out' }
  | { kind: 'headcount'; present: number }
  | { kind: 'delegate'; delegateCode: string; fullName: string | null }
  | { kind: 'question'; text: string; askedBy: string | null; agendaItemId: string | null }
  | { kind: 'question-withdraw'; questionId: string }
  | { kind: 'speak'; topic: string | null }
  | { kind: 'speak-withdraw'; requestId: string };

export interface OutboxEntry {
  /** Also the request's Idempotency-Key: every retry of this entry is the same request. */
  id: string;
  action: OutboxAction;
  queuedAt: string;
  attempts: number;
}

export type DelegateOutcome =
  | { state: 'checked-in' | 'already'; fullName: string; at: string }
  | { state: 'failed'; code: string; message: string; at: string };

/** What is kept of an error: enough to explain it again after a reload. */
export interface FailureFacts {
  status: number;
  code: string;
  message: string;
}

/** An action the server refused for good (a 4xx): shown to the operator, no longer retried. */
export interface OutboxFailure {
  id: string;
  action: OutboxAction;
  error: FailureFacts;
  at: string;
}

export interface OutboxSnapshot {
  entries: readonly OutboxEntry[];
  /** Final outcome of each delegate check-in sent from this device, by delegate code. */
  delegates: Readonly<Record<string, DelegateOutcome>>;
  failures: readonly OutboxFailure[];
  sending: boolean;
  /** When the next attempt is due after a network failure; null when nothing waits on the network. */
  retryAt: number | null;
  /** The token was refused: sending waits for a new one. */
  unauthorized: boolean;
}

/** How the outbox reaches the server; replaced when the operator's token changes. */
export interface OutboxTransport {
  send(entry: OutboxEntry): Promise<unknown>;
  sent(entry: OutboxEntry, result: unknown): void;
  unauthorized(): void;
}

type Verdict = 'retry' | 'unauthorized' | 'failed';

/** Sending a question or a request to speak again after "too many" only adds to the flood: that answer is final. */
const FINAL_WHEN_RATE_LIMITED: ReadonlySet<OutboxAction['kind']> = new Set(['question', 'speak']);

/** Network failures, 5xx, 408 and 429 are worth another try; any other answer is final. */
export function classifyFailure(error: unknown, action?: OutboxAction): Verdict {
  if (!isApiError(error)) return 'retry';
  const { status } = error;
  if (status === 429 && action && FINAL_WHEN_RATE_LIMITED.has(action.kind)) return 'failed';
  if (status === 0 || status >= 500 || status === 408 || status === 429) return 'retry';
  if (status === 401) return 'unauthorized';
  return 'failed';
}

/** 1 s, 2 s, 4 s … up to 30 s, with a little jitter so a hundred points do not retry in step. */
export function backoffMs(failures: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.85 + Math.random() * 0.3));
}

interface Stored {
  entries: OutboxEntry[];
  delegates: Record<string, DelegateOutcome>;
  failures: OutboxFailure[];
}

const MAX_OUTCOMES = 1000;
const MAX_FAILURES = 20;
const EMPTY: Stored = { entries: [], delegates: {}, failures: [] };

/** The same action asked for twice (a double tap, a button pressed again while offline) is queued once. */
function duplicates(a: OutboxAction, b: OutboxAction): boolean {
  switch (a.kind) {
    case 'delegate':
      return b.kind === 'delegate' && b.delegateCode === a.delegateCode;
    case 'question':
      return b.kind === 'question' && b.text === a.text;
    case 'question-withdraw':
      return b.kind === 'question-withdraw' && b.questionId === a.questionId;
    case 'speak':
      return b.kind === 'speak';
    case 'speak-withdraw':
      return b.kind === 'speak-withdraw' && b.requestId === a.requestId;
    default:
      return false;
  }
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Stored>;
  return Array.isArray(v.entries) && typeof v.delegates === 'object' && v.delegates !== null && Array.isArray(v.failures);
}

function errorFacts(error: unknown): FailureFacts {
  if (isApiError(error)) return { status: error.status, code: error.code, message: error.message };
  return { status: 0, code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Actions a point operator takes, kept in localStorage and sent one at a time, in order. A network
 * failure leaves the entry queued for a later try (backoff, or at once when the device comes back
 * online); a refusal drops it and records why. A reload picks the queue up again, and the Web Locks
 * API keeps two tabs of the same point from sending the same entry at once.
 */
export class Outbox {
  private snapshot: OutboxSnapshot;
  private readonly listeners = new Set<() => void>();
  private transport: OutboxTransport | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private networkFailures = 0;
  private running = false;
  private again = false;
  private started = false;

  constructor(private readonly storageKey: string) {
    this.snapshot = this.toSnapshot(this.read(), { sending: false, retryAt: null, unauthorized: false });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): OutboxSnapshot => this.snapshot;

  start(): void {
    if (this.started) return;
    this.started = true;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('storage', this.onStorage);
    void this.flush();
  }

  stop(): void {
    this.started = false;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('storage', this.onStorage);
    this.clearTimer();
  }

  setTransport(transport: OutboxTransport | null): void {
    this.transport = transport;
    if (transport && this.snapshot.unauthorized) this.publish({ unauthorized: false });
    if (transport) void this.flush();
  }

  /** Queues an action; one already waiting in the queue (the same delegate, question…) is not queued twice. */
  enqueue(action: OutboxAction): OutboxEntry {
    let entry: OutboxEntry | undefined;
    this.write((stored) => {
      entry = stored.entries.find((e) => duplicates(action, e.action));
      if (entry) return stored;
      if (action.kind === 'delegate') {
        const { [action.delegateCode]: _previous, ...delegates } = stored.delegates;
        stored = { ...stored, delegates };
      }
      entry = { id: randomUuid(), action, queuedAt: new Date().toISOString(), attempts: 0 };
      return { ...stored, entries: [...stored.entries, entry] };
    });
    this.networkFailures = 0;
    this.clearTimer();
    void this.flush();
    if (!entry) throw new Error('The outbox did not record the entry.');
    return entry;
  }

  /** Forgets what this device knows of a delegate's check-in (after it was undone on the server). */
  forgetDelegate(delegateCode: string): void {
    this.write((stored) => {
      const { [delegateCode]: _undone, ...delegates } = stored.delegates;
      return { ...stored, delegates };
    });
  }

  dismissFailure(id: string): void {
    this.write((stored) => ({ ...stored, failures: stored.failures.filter((f) => f.id !== id) }));
  }

  /** Sends every queued entry, in order, until the queue is empty or the network fails. */
  async flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.withLock(() => this.drain());
      } while (this.again && this.started);
    } finally {
      this.running = false;
      this.publish({ sending: false });
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const transport = this.transport;
      const entry = this.read().entries[0];
      if (!transport || !entry || !this.started) return;
      this.clearTimer();
      this.publish({ sending: true, retryAt: null });
      this.write((stored) => ({
        ...stored,
        entries: stored.entries.map((e) => (e.id === entry.id ? { ...e, attempts: e.attempts + 1 } : e)),
      }));
      let result: unknown;
      try {
        result = await transport.send(entry);
      } catch (error) {
        const verdict = classifyFailure(error, entry.action);
        if (verdict === 'retry') {
          this.networkFailures += 1;
          this.schedule(backoffMs(this.networkFailures));
          return;
        }
        if (verdict === 'unauthorized') {
          this.publish({ unauthorized: true });
          transport.unauthorized();
          return;
        }
        this.settle(entry, { failedWith: error });
        continue;
      }
      this.networkFailures = 0;
      this.settle(entry, { result });
      transport.sent(entry, result);
    }
  }

  private settle(entry: OutboxEntry, outcome: { result: unknown } | { failedWith: unknown }): void {
    const at = new Date().toISOString();
    this.write((stored) => {
      const next: Stored = { ...stored, entries: stored.entries.filter((e) => e.id !== entry.id) };
      if ('failedWith' in outcome) {
        const failure = { id: entry.id, action: entry.action, error: errorFacts(outcome.failedWith), at };
        next.failures = [...stored.failures, failure].slice(-MAX_FAILURES);
      }
      if (entry.action.kind === 'delegate') {
        next.delegates = trimOutcomes({ ...stored.delegates, [entry.action.delegateCode]: delegateOutcome(entry, outcome, at) });
      }
      return next;
    });
  }

  private schedule(delay: number): void {
    this.clearTimer();
    const retryAt = Date.now() + delay;
    this.publish({ retryAt });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly onOnline = () => {
    this.networkFailures = 0;
    void this.flush();
  };

  private readonly onStorage = (event: StorageEvent) => {
    if (event.key === this.storageKey) this.publish({});
  };

  private async withLock(work: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return work();
    await locks.request(`${this.storageKey}.lock`, work);
  }

  private read(): Stored {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null');
      return isStored(parsed) ? parsed : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  private write(change: (stored: Stored) => Stored): void {
    const next = change(this.read());
    localStorage.setItem(this.storageKey, JSON.stringify(next));
    this.publish({});
  }

  private publish(change: Partial<Pick<OutboxSnapshot, 'sending' | 'retryAt' | 'unauthorized'>>): void {
    const { sending, retryAt, unauthorized } = { ...this.snapshot, ...change };
    this.snapshot = this.toSnapshot(this.read(), { sending, retryAt, unauthorized });
    for (const listener of this.listeners) listener();
  }

  private toSnapshot(stored: Stored, flags: Pick<OutboxSnapshot, 'sending' | 'retryAt' | 'unauthorized'>): OutboxSnapshot {
    return {
      entries: stored.entries,
      delegates: stored.delegates,
      failures: stored.failures,
      ...flags,
      retryAt: stored.entries.length > 0 ? flags.retryAt : null,
    };
  }
}

function delegateOutcome(entry: OutboxEntry, outcome: { result: unknown } | { failedWith: unknown }, at: string): DelegateOutcome {
  if ('failedWith' in outcome) {
    const { code, message } = errorFacts(outcome.failedWith);
    return { state: 'failed', code, message, at };
  }
  const result = outcome.result as { fullName?: string; alreadyCheckedIn?: boolean } | undefined;
  const fullName = result?.fullName ?? (entry.action.kind === 'delegate' ? (entry.action.fullName ?? '') : '');
  return { state: result?.alreadyCheckedIn ? 'already' : 'checked-in', fullName, at };
}

function trimOutcomes(outcomes: Record<string, DelegateOutcome>): Record<string, DelegateOutcome> {
  const keys = Object.keys(outcomes);
  if (keys.length <= MAX_OUTCOMES) return outcomes;
  return Object.fromEntries(keys.slice(keys.length - MAX_OUTCOMES).map((key) => [key, outcomes[key]!]));
}
