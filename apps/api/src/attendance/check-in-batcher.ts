import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { DelegateCheckInResponse } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { asDatabaseFailure } from '../common/outage';
import { Metrics } from '../metrics/metrics.service';

export interface CheckInItem {
  conference: string;
  code: string;
  operatorPoint: string | null;
  actor: string;
  scope: string;
  key: string | null;
  hash: string | null;
}

export type CheckInOutcome = { ok: { replayed: boolean; result: DelegateCheckInResponse } } | { refused: string };

const order = (item: CheckInItem) => `${item.operatorPoint ?? ''}|${item.code}`;

/** Requests arriving within this window share one transaction (and one WAL flush). */
const WINDOW_MS = 2;
const MAX_BATCH = 200;
/** Deadlock or serialization failure between two batches touching the same rows: the batch is redone. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Groups concurrent delegate check-ins into one database call: under a burst, hundreds of check-ins
 * commit together instead of one commit each. Each item keeps its own outcome (and idempotency).
 */
@Injectable()
export class CheckInBatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CheckInBatcher.name);
  private queue: { item: CheckInItem; resolve: (o: CheckInOutcome) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Batches sent to the database and not yet answered. */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  submit(item: CheckInItem): Promise<CheckInOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), WINDOW_MS);
    });
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) {
      const run = this.run(batch, 0).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  /** Before the database closes: check-ins waiting for their window are sent, and every batch is answered. */
  async beforeApplicationShutdown() {
    this.flush();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(batch: typeof this.queue, attempt: number): Promise<void> {
    // Every batch takes its row locks (the points' counters, then the delegates) in the same order, so two
    // batches running at once on two processes wait for each other instead of deadlocking.
    if (attempt === 0) batch.sort((a, b) => order(a.item).localeCompare(order(b.item)));
    try {
      const [row]: { r: CheckInOutcome[] | string }[] = await this.dataSource.query('SELECT bp_delegate_checkins($1::jsonb) AS r', [
        JSON.stringify(batch.map((b) => b.item)),
      ]);
      const outcomes = typeof row.r === 'string' ? (JSON.parse(row.r) as CheckInOutcome[]) : row.r;
      this.metrics.checkInBatch.observe(batch.length);
      for (const o of outcomes) {
        this.metrics.checkIns.inc({ result: 'refused' in o ? 'refused' : o.ok.replayed ? 'replayed' : o.ok.result.alreadyCheckedIn ? 'already' : 'new' });
      }
      batch.forEach((b, i) => b.resolve(outcomes[i]));
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (RETRYABLE.has(code) && attempt < 5) {
        this.logger.debug(`Check-in batch of ${batch.length} redone after ${code}`);
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
        return this.run(batch, attempt + 1);
      }
      this.metrics.checkIns.inc({ result: 'failed' }, batch.length);
      // Only the database is asked here: a connection reset is its outage (503), not a bug (500).
      const failure = asDatabaseFailure(e);
      for (const b of batch) b.reject(failure);
    }
  }
}
