import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { IMPORT_COLUMNS, IMPORT_MAX_LISTED_ERRORS, ImportResult, ImportRowError } from '@bridgepoint/contracts';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { BridgePointsService } from '../bridge-points/bridge-points.service';
import { ConferencePointsService } from '../conferences/conference-points.service';
import { DelegatesService, DelegateWrite } from '../delegates/delegates.service';
import { ImportJobData, JOB_LOCK_MS, QUEUES } from '../jobs/queues';
import { QuietWorkerHost } from '../jobs/quiet-worker-host';
import { readTable } from './tabular';
import { DelegateRow, PointRow, RowResult, validateDelegateRow, validatePointRow } from './tabular/rows';
import type { TableRow } from './tabular';
import { Upload } from './entities/upload.entity';

/** Progress: reading the file is the first 10%, checking rows up to 20%, writing the rest. */
const READ = 10;
const CHECK = 20;

@Processor(QUEUES.imports, { concurrency: 1, lockDuration: JOB_LOCK_MS })
export class ImportProcessor extends QuietWorkerHost {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly points: BridgePointsService,
    private readonly delegates: DelegatesService,
    private readonly conferencePoints: ConferencePointsService,
  ) {
    super();
  }

  async process(job: Job<ImportJobData>): Promise<ImportResult> {
    const started = Date.now();
    const { kind, uploadId, conferenceId } = job.data;
    const upload = await this.dataSource.getRepository(Upload).findOneByOrFail({ id: uploadId });
    const { rows } = await readTable(upload.content, IMPORT_COLUMNS[kind], upload.filename);
    await job.updateProgress(READ);

    const errors: ImportRowError[] = [];
    const validate = kind === 'points' ? validatePointRow : validateDelegateRow;
    const valid = uniqueByCode(rows, validate as (r: TableRow) => RowResult<PointRow | DelegateRow>, errors);
    await job.updateProgress(CHECK);

    const progress = async (done: number) => {
      await job.updateProgress(CHECK + Math.floor(((100 - CHECK - 1) * done) / Math.max(1, valid.length)));
    };
    const outcome = await this.dataSource.transaction(async (m) => {
      if (kind === 'points') {
        const res = await this.points.upsert(valid as PointRow[], m, progress);
        if (conferenceId) await this.conferencePoints.addPoints(conferenceId, [...res.ids.values()], m);
        return res;
      }
      const pointIds = await this.points.idsByCode(m);
      const writes: DelegateWrite[] = [];
      for (const r of valid as (DelegateRow & { line: number })[]) {
        const pointId = r.pointCode ? pointIds.get(r.pointCode) : null;
        if (pointId === undefined) {
          errors.push({ line: r.line, field: 'pointCode', message: `Point "${r.pointCode}" is not registered: import the points first.` });
          continue;
        }
        writes.push({ code: r.code, fullName: r.fullName, title: r.title, unit: r.unit, pointId });
      }
      return this.delegates.upsert(writes, m, progress);
    });
    await this.dataSource.getRepository(Upload).delete({ id: uploadId });

    errors.sort((a, b) => a.line - b.line);
    const result: ImportResult = {
      kind,
      total: rows.length,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      errors: errors.slice(0, IMPORT_MAX_LISTED_ERRORS),
      errorCount: errors.length,
      durationMs: Date.now() - started,
    };
    this.logger.log(
      `Imported ${kind} from "${job.data.filename}": ${result.total} rows, ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged, ${result.errorCount} errors in ${result.durationMs} ms`,
    );
    return result;
  }
}

/** Valid rows, each code once (the first occurrence wins; later ones are reported). */
function uniqueByCode<T extends { code: string }>(
  rows: TableRow[],
  validate: (r: TableRow) => RowResult<T>,
  errors: ImportRowError[],
): (T & { line: number })[] {
  const firstLine = new Map<string, number>();
  const out: (T & { line: number })[] = [];
  for (const row of rows) {
    const res = validate(row);
    if (!res.ok) {
      errors.push(...res.errors);
      continue;
    }
    const seen = firstLine.get(res.value.code);
    if (seen !== undefined) {
      errors.push({ line: row.line, field: 'code', message: `Code "${res.value.code}" already appears on line ${seen}; this row was skipped.` });
      continue;
    }
    firstLine.set(res.value.code, row.line);
    out.push({ ...res.value, line: row.line });
  }
  return out;
}
