import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, SNAPSHOT_EVERY_MS, SNAPSHOT_SCHEDULER_ID } from '../jobs/queues';

/**
 * Once a minute, records each scheduled or live conference's totals, so the timeline can show how
 * the reported headcount grew (check-ins are already timestamped; headcounts change in place).
 */
@Processor(QUEUES.snapshots, { concurrency: 1 })
export class SnapshotProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SnapshotProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.snapshots) private readonly queue: Queue,
  ) {
    super();
  }

  /** One scheduler for the whole deployment: every jobs process upserts the same id. */
  async onApplicationBootstrap() {
    await this.queue
      .upsertJobScheduler(SNAPSHOT_SCHEDULER_ID, { every: SNAPSHOT_EVERY_MS }, { name: 'snapshot', opts: { removeOnComplete: true, removeOnFail: 100 } })
      .catch((e: Error) => this.logger.warn(`Snapshots not scheduled: ${e.message}`));
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
            (SELECT count(*) FROM delegate_checkins dc WHERE dc.conference_id = c.id)
       FROM conferences c WHERE c.status IN ('scheduled', 'live')
     ON CONFLICT (conference_id, minute) DO UPDATE SET
       points_checked_in = EXCLUDED.points_checked_in, present = EXCLUDED.present, delegates_checked_in = EXCLUDED.delegates_checked_in
     RETURNING conference_id`,
  );
  return rows.length;
}
