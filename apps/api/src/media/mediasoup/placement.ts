import { MediaErrorCode } from '@bridgepoint/contracts';
import { MediaEngineError } from '../media-engine';

/** What one object costs a worker: a transport (ICE, DTLS, bandwidth estimation) weighs most. */
export const LOAD_WEIGHTS = { transports: 10, producers: 5, consumers: 2 } as const;
export type LoadKind = keyof typeof LOAD_WEIGHTS;
export type WorkerCounts = Record<LoadKind, number>;

const emptyCounts = (): WorkerCounts => ({ transports: 0, producers: 0, consumers: 0 });

/**
 * Weighted load of each worker of the pool, and where a new transport goes: the least-loaded worker
 * that is up and under budget. A worker at or over the budget keeps what it has (its transports may
 * still get consumers) but takes no new transports.
 */
export class Placement {
  private readonly counts: WorkerCounts[];
  private readonly down = new Set<number>();

  constructor(
    workers: number,
    readonly budget: number,
  ) {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError('A pool needs at least one worker.');
    this.counts = Array.from({ length: workers }, emptyCounts);
  }

  get workers(): number {
    return this.counts.length;
  }

  add(worker: number, kind: LoadKind, n = 1) {
    const c = this.counts[worker];
    if (c) c[kind] += n;
  }

  remove(worker: number, kind: LoadKind, n = 1) {
    const c = this.counts[worker];
    if (c) c[kind] = Math.max(0, c[kind] - n);
  }

  countsOf(worker: number): Readonly<WorkerCounts> {
    return { ...(this.counts[worker] ?? emptyCounts()) };
  }

  load(worker: number): number {
    const c = this.counts[worker];
    if (!c) return 0;
    return c.transports * LOAD_WEIGHTS.transports + c.producers * LOAD_WEIGHTS.producers + c.consumers * LOAD_WEIGHTS.consumers;
  }

  loads(): number[] {
    return this.counts.map((_, i) => this.load(i));
  }

  full(worker: number): boolean {
    return this.load(worker) >= this.budget;
  }

  /** A worker that died forgets its load; it takes nothing until it is marked up again. */
  reset(worker: number) {
    if (worker >= 0 && worker < this.counts.length) this.counts[worker] = emptyCounts();
  }

  setUp(worker: number, up: boolean) {
    if (up) this.down.delete(worker);
    else this.down.add(worker);
  }

  isUp(worker: number): boolean {
    return worker >= 0 && worker < this.counts.length && !this.down.has(worker);
  }

  /**
   * The worker for a new transport: least loaded first; among equals, one in `preferred` (a worker the
   * conference already uses, which saves a pipe), then the lowest index.
   * @throws MediaEngineError(Full) when every worker is down or at its budget.
   */
  choose(preferred: ReadonlySet<number> = new Set()): number {
    let best = -1;
    for (let i = 0; i < this.counts.length; i++) {
      if (!this.isUp(i) || this.full(i)) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const diff = this.load(i) - this.load(best);
      if (diff < 0 || (diff === 0 && preferred.has(i) && !preferred.has(best))) best = i;
    }
    if (best < 0) {
      throw new MediaEngineError(
        MediaErrorCode.Full,
        'The media server is at capacity right now. Try again in a minute, or ask the organizers to add media capacity.',
      );
    }
    return best;
  }
}
