import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, SNAPSHOT_EVERY_MS, SNAPSHOT_SCHEDULER_ID } from '../jobs/queues';
import { QuietWorkerHost } from '../jobs/quiet-worker-host';

/**
 * Once a minute, records each scheduled or live conference's totals, so the timeline can show how
 * the reported headcount grew (check-ins are already timestamped; headcounts change in place).
 */
const SCHEDULE_REFRESH_MS = 15_000;

@Processor(QUEUES.snapshots, { concurrency: 1 })
export class SnapshotProcessor extends QuietWorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SnapshotProcessor.name);
  private keeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.snapshots) private readonly queue: Queue,
  ) {
    super();
  }

  /**
   * One scheduler for the whole deployment: every jobs process upserts the same id. The schedule
   * lives in Redis, so it is upserted again every few seconds: a Redis that restarted empty gets it back.
   */
  async onApplicationBootstrap() {
    await this.schedule();
    this.keeper = setInterval(() => void this.schedule(), SCHEDULE_REFRESH_MS);
    this.keeper.unref();
  }

  onModuleDestroy() {
    if (this.keeper) clearInterval(this.keeper);
  }

  private schedule() {
    return this.queue
      .upsertJobScheduler(SNAPSHOT_SCHEDULER_ID, { every: SNAPSHOT_EVERY_MS }, { name: 'snapshot', opts: { removeOnComplete: true, removeOnFail: 100 } })
      .then(() => undefined)
      .catch((e: Error) => this.logger.debug(`Snapshots not scheduled yet: ${e.message}`));
  }

  async process(_job: Job): Promise<{ conferences: number }> {
    return { conferences: await takeSnapshots(this.dataSource) };
  }
}

export async function takeSnapshots(dataSource: DataSource): Promise<number> {
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO attendance_snapshots (conference_id, minute, points_checked_in, present, delegates_checked_in)
     SELECT c.id, date_trunc('minute', now()),
            (SELECT count(*) FROM conference_points cp WHERE cp.conference_id = c.id AND cp.status = 'checked_in'),
            (SELECT coalesce(sum(cp.present), 0) FROM conference_points cp WHERE cp.conference_id = c.id AND cp.status = 'checked_in'),
            (SELECT coalesce(sum(cp.delegates_checked_in), 0) FROM conference_points cp WHERE cp.conference_id = c.id)
       FROM conferences c WHERE c.status IN ('scheduled', 'rehearsal', 'live')
     ON CONFLICT (conference_id, minute) DO UPDATE SET
       points_checked_in = EXCLUDED.points_checked_in, present = EXCLUDED.present, delegates_checked_in = EXCLUDED.delegates_checked_in
     RETURNING conference_id`,
  );
  return rows.length;
}
