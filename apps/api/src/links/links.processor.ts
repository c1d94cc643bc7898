import { Processor } from '@nestjs/bullmq';
import type { SendLinksResult } from '@bridgepoint/contracts';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ConferencesService } from '../conferences/conferences.service';
import { LinksJobData, QUEUES } from '../jobs/queues';
import { QuietWorkerHost } from '../jobs/quiet-worker-host';
import { DeliveryError, LinkSenders } from './link-senders';
import { LinksService } from './links.service';

/** Messages in flight at once: a mail server or gateway should not see 649 connections at the same moment. */
const PARALLEL = 4;

/** Sends the queued links one by one, recording each outcome as it happens (a crash loses no record). */
@Processor(QUEUES.links, { concurrency: 1 })
export class LinksProcessor extends QuietWorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: LinksService,
    private readonly senders: LinkSenders,
    private readonly conferences: ConferencesService,
  ) {
    super();
  }

  async process(job: Job<LinksJobData>): Promise<SendLinksResult> {
    const { conferenceId, channel, pointIds } = job.data;
    const conference = await this.conferences.get(conferenceId);
    const listed = await this.links.list(conferenceId, '');
    const byId = new Map(listed.points.map((p) => [p.pointId, p]));
    const todo = pointIds.map((id) => byId.get(id)).filter((p) => p !== undefined);
    let sent = 0;
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const p = todo[next++];
        const to = channel === 'email' ? p.operatorEmail : p.operatorPhone;
        let error: string | null = null;
        try {
          if (!to) throw new DeliveryError('No address for this channel any more.');
          const message = { conference: conference.title, pointName: p.name, pointCode: p.code, operatorName: p.operatorName, link: p.link, joinCode: p.joinCode };
          await (channel === 'email' ? this.senders.email(to, message) : this.senders.sms(to, message));
          sent++;
        } catch (e) {
          failed++;
          error = e instanceof DeliveryError ? e.message : `Not sent: ${(e as Error).message}`;
        }
        await this.dataSource.query(
          `UPDATE link_deliveries SET status = $4, error = $5, attempts = attempts + 1, updated_at = now()
            WHERE conference_id = $1 AND point_id = $2 AND channel = $3`,
          [conferenceId, p.pointId, channel, error ? 'failed' : 'sent', error],
        );
        await job.updateProgress(Math.round(((sent + failed) / todo.length) * 100));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
    return { channel, sent, failed };
  }
}
