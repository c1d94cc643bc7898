import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, ImportAccepted, ImportKind } from '@bridgepoint/contracts';
import type { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConferencesService } from '../conferences/conferences.service';
import { ImportJobData, JOB_RETENTION, QUEUES } from '../jobs/queues';
import { Upload } from './entities/upload.entity';
import { ImportParser } from './parse/import-parser';
import { TabularError } from './tabular';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A file that is too big or too complex to read is a 413; anything else wrong with it a 400. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.ImportUncompressedTooLarge]: 413,
  [ErrorCode.ImportTooManyRows]: 413,
  [ErrorCode.ImportTooManyColumns]: 413,
  [ErrorCode.ImportTooComplex]: 413,
};

/** Accepts an import file, checks it looks like the right table (in a worker thread), and queues the job that applies or previews it. */
@Injectable()
export class ImportsService {
  constructor(
    @InjectQueue(QUEUES.imports) private readonly queue: Queue<ImportJobData>,
    @InjectRepository(Upload) private readonly uploads: Repository<Upload>,
    private readonly conferences: ConferencesService,
    private readonly parser: ImportParser,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(
    kind: ImportKind,
    file: UploadedFile | undefined,
    conferenceId: string | null,
    userId: string | null,
    dryRun = false,
  ): Promise<ImportAccepted> {
    if (!file || file.size === 0) {
      throw DomainError.badRequest(ErrorCode.ImportFileMissing, 'Attach a spreadsheet (.xlsx, .xls, .ods) or a CSV file in the form field "file".');
    }
    const { maxBytes } = this.config.imports;
    if (file.size > maxBytes) {
      throw new DomainError(ErrorCode.ImportFileTooLarge, `The file is larger than ${mb(maxBytes)}. Split the list into several files.`, 413, { maxBytes });
    }
    if (conferenceId) await this.conferences.require(conferenceId);
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    try {
      await this.parser.check(kind, file.buffer, filename);
    } catch (e) {
      if (e instanceof TabularError) throw new DomainError(e.code as ErrorCode, e.message, STATUS[e.code] ?? 400, e.details);
      throw e;
    }
    const upload = await this.uploads.save(
      this.uploads.create({ kind, filename, content: file.buffer, conferenceId, createdBy: userId, committedAt: dryRun ? null : new Date() }),
    );
    const jobId = randomUUID();
    await this.queue.add(`import-${kind}`, { kind, uploadId: upload.id, conferenceId, filename, dryRun }, { jobId, ...JOB_RETENTION });
    return dryRun ? { jobId, uploadId: upload.id } : { jobId };
  }

  /** Applies a previewed upload: at most once, and only while it is kept. */
  /** `allowed` checks who may write into the upload's conference (its staff), before anything changes. */
  async commit(uploadId: string, allowed: (conferenceId: string | null) => Promise<void>): Promise<ImportAccepted> {
    const upload = await this.uploads.findOneBy({ id: uploadId });
    if (!upload) throw DomainError.notFound(ErrorCode.ImportUploadNotFound, 'No uploaded file with this id. Upload the file again.');
    await allowed(upload.conferenceId);
    if (upload.expiredAt || !upload.content || this.expired(upload.createdAt)) {
      if (upload.committedAt && !upload.expiredAt) {
        throw DomainError.conflict(ErrorCode.ImportAlreadyCommitted, 'This file was already imported.');
      }
      throw new DomainError(
        ErrorCode.ImportUploadExpired,
        `The uploaded file was deleted after ${this.config.imports.uploadRetentionHours} hours, as personal data is not kept longer. Upload it again.`,
        410,
      );
    }
    const claimed: unknown[] = await this.uploads.query(
      'UPDATE uploads SET committed_at = now() WHERE id = $1 AND committed_at IS NULL AND content IS NOT NULL RETURNING id',
      [uploadId],
    );
    if (claimedCount(claimed) === 0) throw DomainError.conflict(ErrorCode.ImportAlreadyCommitted, 'This file was already imported (or its import is running).');
    const jobId = randomUUID();
    await this.queue.add(
      `import-${upload.kind}`,
      { kind: upload.kind, uploadId, conferenceId: upload.conferenceId, filename: upload.filename, dryRun: false },
      { jobId, ...JOB_RETENTION },
    );
    return { jobId };
  }

  private expired(createdAt: Date): boolean {
    return Date.now() - createdAt.getTime() > this.config.imports.uploadRetentionHours * 3600_000;
  }
}

/** UPDATE … RETURNING comes back as rows, or as [rows, count] depending on the driver. */
function claimedCount(result: unknown[]): number {
  if (Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return result.length;
}
