import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, IMPORT_COLUMNS, IMPORT_MAX_BYTES, ImportAccepted, ImportKind } from '@bridgepoint/contracts';
import type { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { ConferencesService } from '../conferences/conferences.service';
import { ImportJobData, JOB_RETENTION, QUEUES } from '../jobs/queues';
import { Upload } from './entities/upload.entity';
import { checkTable, TabularError } from './tabular';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** Accepts an import file, checks it looks like the right table, and queues the job that applies it. */
@Injectable()
export class ImportsService {
  constructor(
    @InjectQueue(QUEUES.imports) private readonly queue: Queue<ImportJobData>,
    @InjectRepository(Upload) private readonly uploads: Repository<Upload>,
    private readonly conferences: ConferencesService,
  ) {}

  async enqueue(kind: ImportKind, file: UploadedFile | undefined, conferenceId: string | null, userId: string | null): Promise<ImportAccepted> {
    if (!file || file.size === 0) {
      throw DomainError.badRequest(ErrorCode.ImportFileMissing, 'Attach a CSV or XLSX file in the form field "file".');
    }
    if (file.size > IMPORT_MAX_BYTES) {
      throw new DomainError(ErrorCode.PayloadTooLarge, `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`, 413);
    }
    if (conferenceId) await this.conferences.require(conferenceId);
    try {
      await checkTable(file.buffer, IMPORT_COLUMNS[kind], file.originalname);
    } catch (e) {
      if (e instanceof TabularError) throw DomainError.badRequest(e.code as ErrorCode, e.message, e.details);
      throw e;
    }
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    const upload = await this.uploads.save(
      this.uploads.create({ kind, filename, content: file.buffer, conferenceId, createdBy: userId }),
    );
    const jobId = randomUUID();
    await this.queue.add(`import-${kind}`, { kind, uploadId: upload.id, conferenceId, filename }, { jobId, ...JOB_RETENTION });
    return { jobId };
  }
}
