import { InjectQueue, Processor } from '@nestjs/bullmq';
import { DynamicModule, Inject, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { expireFiles, type RetentionOutcome } from './file-retention';
import { CLEANUP_EVERY_MS, CLEANUP_SCHEDULER_ID, QUEUES } from './queues';
import { QuietWorkerHost } from './quiet-worker-host';

const SCHEDULE_REFRESH_MS = 60_000;

/** Every 15 minutes, on a jobs process: uploads and exports past UPLOAD_/EXPORT_RETENTION_HOURS are deleted. */
@Processor(QUEUES.cleanup, { concurrency: 1 })
export class FileRetentionProcessor extends QuietWorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FileRetentionProcessor.name);
  private keeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.cleanup) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** One scheduler per deployment (same id from every jobs process), upserted again in case Redis restarted empty. */
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
      .upsertJobScheduler(CLEANUP_SCHEDULER_ID, { every: CLEANUP_EVERY_MS }, { name: 'expire-files', opts: { removeOnComplete: 10, removeOnFail: 100 } })
      .then(() => undefined)
      .catch((e: Error) => this.logger.debug(`Retention cleanup not scheduled yet: ${e.message}`));
  }

  async process(_job: Job): Promise<RetentionOutcome> {
    const { uploadRetentionHours, exportRetentionHours } = this.config.imports;
    const outcome = await expireFiles(this.dataSource, uploadRetentionHours, exportRetentionHours);
    if (outcome.uploadsExpired + outcome.exportsExpired > 0) {
      this.logger.log(`Deleted ${outcome.uploadsExpired} upload(s) and ${outcome.exportsExpired} export(s) past their retention`);
    }
    return outcome;
  }
}

@Module({})
export class FileRetentionModule {
  static register(opts: { runJobs: boolean }): DynamicModule {
    return { module: FileRetentionModule, providers: opts.runJobs ? [FileRetentionProcessor] : [] };
  }
}
