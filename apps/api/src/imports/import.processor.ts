import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { IMPORT_MAX_LISTED_ERRORS, ImportResult } from '@bridgepoint/contracts';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ImportJobData, JOB_WORKER_OPTIONS, QUEUES } from '../jobs/queues';
import { QuietWorkerHost } from '../jobs/quiet-worker-host';
import { Upload } from './entities/upload.entity';
import { ImportWriter } from './import-writer';
import { PREVIEW_ROWS } from './parse/analyze';
import { ImportParser } from './parse/import-parser';

/** Progress: reading the file (in a worker thread) is the first 20%, writing the rest. */
const READ = 20;

@Processor(QUEUES.imports, JOB_WORKER_OPTIONS)
export class ImportProcessor extends QuietWorkerHost {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly parser: ImportParser,
    private readonly writer: ImportWriter,
  ) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<ImportResult> {
    const started = Date.now();
    const { kind, uploadId, conferenceId, dryRun = false } = job.data;
    const upload = await this.dataSource.getRepository(Upload).findOneBy({ id: uploadId });
    if (!upload?.content) {
      throw new Error(upload?.expiredAt ? 'The uploaded file expired and was deleted: upload it again.' : 'The uploaded file is gone (already imported?): upload it again.');
    }
    const analysis = await this.parser.analyze(kind, upload.content, upload.filename);
    await job.updateProgress(READ);

    const progress = async (done: number, of: number) => {
      await job.updateProgress(READ + Math.floor(((100 - READ - 1) * done) / Math.max(1, of)));
    };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let outcome;
    try {
      outcome = await this.writer.write(kind, analysis, runner.manager, conferenceId, progress);
      if (dryRun) {
        // A preview runs the very writes a commit would, then undoes them: its counts are exact.
        await runner.rollbackTransaction();
      } else {
        await runner.query('UPDATE uploads SET content = NULL, committed_at = coalesce(committed_at, now()) WHERE id = $1', [uploadId]);
        await runner.commitTransaction();
      }
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }

    const errors = [...analysis.errors, ...outcome.errors].sort((a, b) => a.line - b.line);
    const result: ImportResult = {
      kind,
      total: analysis.total,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      errors: errors.slice(0, IMPORT_MAX_LISTED_ERRORS),
      errorCount: errors.length,
      durationMs: Date.now() - started,
      dryRun,
      columns: analysis.columns,
      ignoredColumns: analysis.ignoredColumns,
      keptFields: analysis.keptFields,
      warnings: [...analysis.warnings, ...outcome.warnings],
      stoppedAt: analysis.stoppedAt,
      ...(dryRun ? { preview: { uploadId, filename: upload.filename, rows: analysis.previewRows.slice(0, PREVIEW_ROWS) } } : {}),
    };
    this.logger.log(
      `${dryRun ? 'Previewed' : 'Imported'} ${kind} from "${job.data.filename}": ${result.total} rows, ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged, ${result.errorCount} errors in ${result.durationMs} ms`,
    );
    return result;
  }

  /** A commit that failed can be committed again. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportJobData> | undefined) {
    if (!job || job.data.dryRun) return;
    await this.dataSource
      .query('UPDATE uploads SET committed_at = NULL WHERE id = $1 AND content IS NOT NULL', [job.data.uploadId])
      .catch((e: Error) => this.logger.warn(`Could not reopen upload ${job.data.uploadId}: ${e.message}`));
  }
}
