import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, ExportResult, ImportResult, JobDto, JobState, Principal, SendLinksResult } from '@bridgepoint/contracts';
import type { Job, Queue } from 'bullmq';
import { ConferenceAccess } from '../auth/conference-access';
import { DomainError } from '../common/domain-error';
import { withRedisDeadline } from '../common/outage';
import { BULLMQ_STALLED_REASON, QUEUES, STALLED_REASON } from './queues';
import { throttledWarning } from './quiet-worker-host';

const STATES: readonly string[] = Object.values(JobState);

/** Reads jobs of every queue by id, in the shape of the public contract. */
@Injectable()
export class JobsService {
  private readonly queues: Queue[];

  constructor(
    @InjectQueue(QUEUES.imports) imports: Queue,
    @InjectQueue(QUEUES.exports) exports: Queue,
    @InjectQueue(QUEUES.snapshots) snapshots: Queue,
    @InjectQueue(QUEUES.cleanup) cleanup: Queue,
    @InjectQueue(QUEUES.links) links: Queue,
    private readonly access: ConferenceAccess,
  ) {
    this.queues = [imports, exports, links];
    const warn = throttledWarning(new Logger(JobsService.name), 'Job queues cannot reach Redis');
    for (const q of [imports, exports, snapshots, cleanup, links]) q.on('error', warn);
  }

  async get(jobId: string, asker: Principal): Promise<JobDto<ImportResult | ExportResult | SendLinksResult>> {
    for (const queue of this.queues) {
      // State first: a job read before its state could have finished in between without its result.
      // Reads are safe to give up on: while Redis is away the client gets 503 and asks again.
      const state = await withRedisDeadline('read a job state', queue.getJobState(jobId));
      if (state === 'unknown') continue;
      const job = await withRedisDeadline('read a job', queue.getJob(jobId));
      if (!job) continue;
      const conferenceId = (job.data as { conferenceId?: unknown }).conferenceId;
      if (typeof conferenceId === 'string') await this.access.assert(asker, conferenceId);
      return toDto(job, state);
    }
    throw DomainError.notFound(ErrorCode.JobNotFound, 'No job with this id (finished jobs are kept for 7 days).');
  }
}

function toDto(job: Job, state: string): JobDto<ImportResult | ExportResult | SendLinksResult> {
  const progress = typeof job.progress === 'number' ? job.progress : 0;
  return {
    id: job.id!,
    name: job.name,
    state: (STATES.includes(state) ? state : state === 'prioritized' || state === 'waiting-children' ? 'waiting' : 'unknown') as JobState,
    progress: state === 'completed' ? 100 : Math.max(0, Math.min(100, Math.round(progress))),
    result: (job.returnvalue as ImportResult | ExportResult | SendLinksResult | undefined) ?? null,
    failedReason: job.failedReason === BULLMQ_STALLED_REASON ? STALLED_REASON : (job.failedReason ?? null),
    createdAt: job.timestamp ? new Date(job.timestamp).toISOString() : null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
