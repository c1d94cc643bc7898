import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ImportAccepted, ImportKind, Principal } from '@bridgepoint/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ConferenceAccess } from '../auth/conference-access';
import { CurrentPrincipal, Roles } from '../auth/principal';
import { ImportsService, UploadedFile as File } from './imports.service';
import { ImportUploadInterceptor } from './upload.interceptor';

export class ImportFormDto {
  @ApiPropertyOptional({ description: 'Points: also register them for this conference' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;
}

export class ImportQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Preview only: the job reads the file and counts what would change; nothing is written until `POST /api/imports/{uploadId}/commit`.',
  })
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'])
  dryRun?: string;
}

const body = ApiBody({
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary' }, conferenceId: { type: 'string', format: 'uuid' } },
  },
});
const uuid = new ParseUUIDPipe({ version: '4' });
const isDryRun = (q: ImportQueryDto) => q.dryRun === 'true' || q.dryRun === '1';

@ApiTags('imports')
@ApiBearerAuth()
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly access: ConferenceAccess,
  ) {}

  @Roles('organizer')
  @Post('bridge-points/import')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(ImportUploadInterceptor)
  @body
  points(@UploadedFile() file: File | undefined, @Body() form: ImportFormDto, @Query() q: ImportQueryDto, @CurrentPrincipal() p: Principal): Promise<ImportAccepted> {
    return this.start('points', file, form, q, p);
  }

  @Roles('organizer')
  @Post('delegates/import')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(ImportUploadInterceptor)
  @body
  delegates(@UploadedFile() file: File | undefined, @Body() form: ImportFormDto, @Query() q: ImportQueryDto, @CurrentPrincipal() p: Principal): Promise<ImportAccepted> {
    return this.start('delegates', file, form, q, p);
  }

  @Roles('organizer')
  @Post('imports/:uploadId/commit')
  @HttpCode(202)
  @ApiResponse({ status: 410, description: 'The previewed upload was deleted after its retention period: upload it again' })
  @ApiOperation({ summary: 'Apply a previewed upload (from a dryRun import); returns the job that writes it' })
  commit(@Param('uploadId', uuid) uploadId: string, @CurrentPrincipal() p: Principal): Promise<ImportAccepted> {
    return this.imports.commit(uploadId, async (conferenceId) => {
      if (conferenceId) await this.access.assert(p, conferenceId);
    });
  }

  private async start(kind: ImportKind, file: File | undefined, form: ImportFormDto, q: ImportQueryDto, p: Principal) {
    // Importing into a conference is for its staff; the registry alone, for every organizer.
    if (form.conferenceId) await this.access.assert(p, form.conferenceId);
    return this.imports.enqueue(kind, file, form.conferenceId ?? null, p.kind === 'user' ? p.userId : null, isDryRun(q));
  }
}
