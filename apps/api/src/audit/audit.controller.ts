import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { AuditPage, ExportFormat, ExportLanguage } from '@bridgepoint/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { ConferenceScoped, Roles } from '../auth/principal';
import { localTime, toCsv, toXlsx, type ExportTable } from '../exports/table-writers';
import { AuditService } from './audit.service';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Continue below this entry id (from `nextBefore`)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be an entry id' })
  before?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

export class AuditAllQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;
}

export class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: ExportLanguage;
}

export class AuditAllExportQueryDto extends AuditExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;
}

const uuid = new ParseUUIDPipe({ version: '4' });
/** An export holds at most this many entries, newest first. */
const EXPORT_MAX = 100_000;

const TABLE_COLUMNS: ExportTable['columns'] = [
  { key: 'at', vi: 'Thời điểm', en: 'Time', width: 20 },
  { key: 'actor', vi: 'Người thực hiện', en: 'Actor', width: 24 },
  { key: 'action', vi: 'Thao tác', en: 'Action', width: 26 },
  { key: 'conferenceId', vi: 'Hội nghị', en: 'Conference', width: 38 },
  { key: 'target', vi: 'Đối tượng', en: 'Target', width: 40 },
  { key: 'before', vi: 'Trước', en: 'Before', width: 40 },
  { key: 'after', vi: 'Sau', en: 'After', width: 40 },
  { key: 'ip', vi: 'Địa chỉ IP', en: 'IP address', width: 18 },
];

/** The audit log: admins see every entry; a conference's organizers see that conference's. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @Get('audit')
  all(@Query() q: AuditAllQueryDto): Promise<AuditPage> {
    return this.audit.list({ conferenceId: q.conferenceId, before: q.before, limit: q.limit });
  }

  @Roles('admin')
  @Get('audit/export')
  exportAll(@Query() q: AuditAllExportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.file(res, q, q.conferenceId);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Get('conferences/:id/audit')
  conference(@Param('id', uuid) id: string, @Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list({ conferenceId: id, before: q.before, limit: q.limit });
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Get('conferences/:id/audit/export')
  exportConference(@Param('id', uuid) id: string, @Query() q: AuditExportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.file(res, q, id);
  }

  private async file(res: Response, q: AuditExportQueryDto, conferenceId?: string): Promise<StreamableFile> {
    const { items } = await this.audit.list({ conferenceId, limit: EXPORT_MAX });
    const lang = q.lang ?? 'vi';
    const table: ExportTable = {
      title: { vi: 'Nhật ký thao tác', en: 'Audit log' },
      columns: TABLE_COLUMNS,
      rows: items.map((e) => ({
        at: localTime(new Date(e.at)),
        actor: e.actor,
        action: e.action,
        conferenceId: e.conferenceId,
        target: e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : null,
        before: e.before === null ? null : JSON.stringify(e.before),
        after: e.after === null ? null : JSON.stringify(e.after),
        ip: e.ip,
      })),
    };
    const format = q.format ?? 'csv';
    const body = format === 'csv' ? toCsv(table, lang) : await toXlsx(table, lang);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${conferenceId ?? 'all'}.${format}"`);
    return new StreamableFile(body);
  }
}
