import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode, EXPORT_KINDS, ExportFormat, ExportKind, ExportLanguage, ImportAccepted, Principal, RECORD_EXPORT_KIND } from '@bridgepoint/contracts';
import type { Queue } from 'bullmq';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConferenceAccess } from '../auth/conference-access';
import { ConferenceScoped, CurrentPrincipal, Roles } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConferencesService } from '../conferences/conferences.service';
import { ExportJobData, JOB_RETENTION, QUEUES } from '../jobs/queues';
import { RecordReader } from './record/record-data';

const KINDS = [...EXPORT_KINDS, RECORD_EXPORT_KIND] as const;

export class ExportRequestDto {
  @ApiProperty({ enum: KINDS, description: '`record`: the official attendance record (PDF or XLSX)' })
  @IsIn(KINDS)
  kind!: ExportKind | typeof RECORD_EXPORT_KIND;

  @ApiProperty({ enum: ['csv', 'xlsx', 'pdf'], description: 'Tables: csv or xlsx; the record: pdf or xlsx' })
  @IsIn(['csv', 'xlsx', 'pdf'])
  format!: ExportFormat | 'pdf';

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi', description: 'Language of headers and values' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: ExportLanguage;

  @ApiPropertyOptional({ format: 'uuid', description: 'The record of one district' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The record of one point, with its delegates' })
  @IsOptional()
  @IsUUID()
  pointId?: string;
}

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('exports')
@ApiBearerAuth()
@ConferenceScoped()
@Controller()
export class ExportsController {
  constructor(
    @InjectQueue(QUEUES.exports) private readonly queue: Queue<ExportJobData>,
    private readonly conferences: ConferencesService,
    private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly records: RecordReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queues an export of the attendance record; poll `GET /api/jobs/:jobId`, then download `result.exportId`. */
  @Roles('organizer')
  @Post('conferences/:id/exports')
  @HttpCode(202)
  async start(@Param('id', uuid) id: string, @Body() body: ExportRequestDto, @CurrentPrincipal() p: Principal): Promise<ImportAccepted> {
    await this.conferences.require(id);
    const record = body.kind === RECORD_EXPORT_KIND;
    if (record ? body.format === 'csv' : body.format === 'pdf') {
      throw DomainError.badRequest(
        ErrorCode.ExportFormatUnsupported,
        record ? 'The record comes as "pdf" or "xlsx".' : `The ${body.kind} table comes as "csv" or "xlsx"; the record (kind "record") as "pdf".`,
      );
    }
    if (!record && (body.districtId || body.pointId)) {
      throw DomainError.badRequest(ErrorCode.ValidationFailed, 'districtId and pointId choose the scope of the record (kind "record") only.');
    }
    if (record) await this.records.checkScope(id, body);
    const jobId = randomUUID();
    await this.queue.add(
      `export-${body.kind}`,
      {
        conferenceId: id,
        kind: body.kind,
        format: body.format,
        lang: body.lang ?? 'vi',
        userId: p.kind === 'user' ? p.userId : null,
        districtId: body.districtId ?? null,
        pointId: body.pointId ?? null,
      },
      { jobId, ...JOB_RETENTION },
    );
    return { jobId };
  }

  @Roles('organizer')
  @Get('exports/:exportId')
  @ApiResponse({ status: 410, description: 'The file was deleted after its retention period (`EXPORT_EXPIRED`): export again' })
  async download(
    @Param('exportId', uuid) exportId: string,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const hours = this.config.imports.exportRetentionHours;
    const rows: { conference_id: string; filename: string; content_type: string; content: Buffer | Uint8Array | null; expired: boolean }[] =
      await this.dataSource.query(
        `SELECT conference_id, filename, content_type, content, (expired_at IS NOT NULL OR created_at < now() - make_interval(hours => $2)) AS expired
           FROM export_files WHERE id = $1`,
        [exportId, hours],
      );
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.ExportNotFound, 'No export with this id.');
    const { conference_id: conferenceId, filename, content_type, content, expired } = rows[0];
    await this.access.assert(p, conferenceId);
    if (expired || content === null) {
      throw new DomainError(
        ErrorCode.ExportExpired,
        `This export was deleted ${hours} hours after it was made, as personal data is not kept longer. Generate it again.`,
        410,
      );
    }
    res.setHeader('Content-Type', content_type);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return new StreamableFile(Buffer.from(content));
  }
}
