import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { ExportResult } from '@bridgepoint/contracts';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ExportJobData, JOB_WORKER_OPTIONS, QUEUES } from '../jobs/queues';
import { QuietWorkerHost } from '../jobs/quiet-worker-host';
import { RecordService } from '../attendance/record.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ExportTables } from './export-tables';
import { RecordReader } from './record/record-data';
import { renderRecordPdf } from './record/record-pdf';
import { renderRecordXlsx } from './record/record-xlsx';
import { localTime, toCsv, toXlsx } from './table-writers';

const FILE_STEM: Record<ExportJobData['kind'], { vi: string; en: string }> = {
  points: { vi: 'diem-danh-diem-cau', en: 'attendance-points' },
  units: { vi: 'tong-hop-theo-don-vi', en: 'attendance-by-unit' },
  delegates: { vi: 'diem-danh-dai-bieu', en: 'attendance-delegates' },
  questions: { vi: 'nhat-ky-cau-hoi', en: 'question-log' },
  record: { vi: 'bien-ban-diem-danh', en: 'attendance-record' },
};
const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

@Processor(QUEUES.exports, JOB_WORKER_OPTIONS)
export class ExportProcessor extends QuietWorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tables: ExportTables,
    private readonly records: RecordReader,
    private readonly recordState: RecordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<ExportJobData>): Promise<ExportResult> {
    const started = Date.now();
    const { conferenceId, kind, format, lang, userId } = job.data;
    let content: Buffer;
    let rows: number;
    let version: number | undefined;
    if (kind === 'record') {
      version = await this.recordState.nextVersion(conferenceId);
      const data = await this.records.load(conferenceId, job.data, this.config.record.diffThreshold);
      await job.updateProgress(10);
      let sent = 10;
      const progress = async (fraction: number) => {
        const percent = Math.floor(fraction * 100);
        if (percent >= sent + 5) await job.updateProgress((sent = percent));
      };
      content =
        format === 'pdf'
          ? await renderRecordPdf(data, { version, lang, config: this.config.record, progress })
          : await renderRecordXlsx(data, version, lang);
      rows = data.scope === 'point' ? data.delegates.length : data.points.length;
    } else {
      const table = await this.tables.build(conferenceId, kind, lang);
      await job.updateProgress(60);
      content = format === 'csv' ? toCsv(table, lang) : await toXlsx(table, lang);
      rows = table.rows.length;
    }
    await job.updateProgress(90);
    const stamp = localTime(new Date()).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
    const filename = `${FILE_STEM[kind][lang]}${version ? `-v${version}` : ''}-${stamp}.${format}`;
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO export_files (conference_id, filename, content_type, content, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [conferenceId, filename, CONTENT_TYPE[format], content, userId],
    );
    return { exportId: id, filename, rows, bytes: content.length, durationMs: Date.now() - started, ...(version ? { version } : {}) };
  }
}
