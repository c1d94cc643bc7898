import { Processor } from '@nestjs/bullmq';
import type { ExportResult } from '@bridgepoint/contracts';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ExportJobData, JOB_WORKER_OPTIONS, QUEUES } from '../jobs/queues';
import { QuietWorkerHost } from '../jobs/quiet-worker-host';
import { ExportTables } from './export-tables';
import { localTime, toCsv, toXlsx } from './table-writers';

const FILE_STEM: Record<ExportJobData['kind'], { vi: string; en: string }> = {
  points: { vi: 'diem-danh-diem-cau', en: 'attendance-points' },
  units: { vi: 'tong-hop-theo-don-vi', en: 'attendance-by-unit' },
  delegates: { vi: 'diem-danh-dai-bieu', en: 'attendance-delegates' },
  questions: { vi: 'nhat-ky-cau-hoi', en: 'question-log' },
};
const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

@Processor(QUEUES.exports, JOB_WORKER_OPTIONS)
export class ExportProcessor extends QuietWorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tables: ExportTables,
  ) {
    super();
  }

  async process(job: Job<ExportJobData>): Promise<ExportResult> {
    const started = Date.now();
    const { conferenceId, kind, format, lang, userId } = job.data;
    const table = await this.tables.build(conferenceId, kind, lang);
    await job.updateProgress(60);
    const content = format === 'csv' ? toCsv(table, lang) : await toXlsx(table, lang);
    await job.updateProgress(90);
    const stamp = localTime(new Date()).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
    const filename = `${FILE_STEM[kind][lang]}-${stamp}.${format}`;
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO export_files (conference_id, filename, content_type, content, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [conferenceId, filename, CONTENT_TYPE[format], content, userId],
    );
    return { exportId: id, filename, rows: table.rows.length, bytes: content.length, durationMs: Date.now() - started };
  }
}
