import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IMPORT_MAX_BYTES, ImportAccepted, ImportKind, Principal } from '@bridgepoint/contracts';
import { IsOptional, IsUUID } from 'class-validator';
import { ConferenceAccess } from '../auth/conference-access';
import { CurrentPrincipal, Roles } from '../auth/principal';
import { ImportsService, UploadedFile as File } from './imports.service';

export class ImportFormDto {
  @ApiPropertyOptional({ description: 'Points: also register them for this conference' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;
}

const upload = FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES + 1, files: 1 } });
const body = ApiBody({
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary' }, conferenceId: { type: 'string', format: 'uuid' } },
  },
});

@ApiTags('imports')
@ApiBearerAuth()
@ApiConsumes('multipart/form-data')
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly access: ConferenceAccess,
  ) {}

  @Roles('organizer')
  @Post('bridge-points/import')
  @HttpCode(202)
  @UseInterceptors(upload)
  @body
  points(@UploadedFile() file: File | undefined, @Body() form: ImportFormDto, @CurrentPrincipal() p: Principal): Promise<ImportAccepted> {
    return this.start('points', file, form, p);
  }

  @Roles('organizer')
  @Post('delegates/import')
  @HttpCode(202)
  @UseInterceptors(upload)
  @body
  delegates(@UploadedFile() file: File | undefined, @Body() form: ImportFormDto, @CurrentPrincipal() p: Principal): Promise<ImportAccepted> {
    return this.start('delegates', file, form, p);
  }

  private async start(kind: ImportKind, file: File | undefined, form: ImportFormDto, p: Principal) {
    // Importing into a conference is for its staff; the registry alone, for every organizer.
    if (form.conferenceId) await this.access.assert(p, form.conferenceId);
    return this.imports.enqueue(kind, file, form.conferenceId ?? null, p.kind === 'user' ? p.userId : null);
  }
}
