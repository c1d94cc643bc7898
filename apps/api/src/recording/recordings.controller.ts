import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type RecordingDto } from '@bridgepoint/contracts';
import type { Response } from 'express';
import { ConferenceScoped, Roles } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConferencesService } from '../conferences/conferences.service';
import { recordingPath, RecordingsStore } from './recordings.store';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The server's recordings of a conference: the broadcast and each speaking turn, for its organizers. */
@ApiTags('recordings')
@ApiBearerAuth()
@ConferenceScoped()
@Roles('organizer')
@Controller('conferences/:id/recordings')
export class RecordingsController {
  constructor(
    private readonly store: RecordingsStore,
    private readonly conferences: ConferencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every recording of the conference, newest first, with its speaking point and agenda item. */
  @Get()
  async list(@Param('id', uuid) id: string): Promise<RecordingDto[]> {
    await this.conferences.require(id);
    return this.store.list(id);
  }

  /**
   * The file (WebM or Matroska); one still being written comes as far as it is. 404 `RECORDING_NOT_FOUND`:
   * no such recording in this conference, or its file is gone.
   */
  @Get(':recordingId/file')
  async file(
    @Param('id', uuid) id: string,
    @Param('recordingId', uuid) recordingId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const recording = await this.store.get(id, recordingId);
    if (!recording) throw DomainError.notFound(ErrorCode.RecordingNotFound, 'No recording with this id in this conference.');
    const path = recordingPath(this.config, id, recording.fileName);
    const found = await stat(path).catch(() => null);
    if (!found?.isFile()) throw DomainError.notFound(ErrorCode.RecordingNotFound, 'The file of this recording is no longer on the server.');
    res.setHeader('Content-Type', recording.fileName.endsWith('.webm') ? 'video/webm' : 'video/x-matroska');
    res.setHeader('Content-Disposition', `attachment; filename="${recording.fileName}"`);
    res.setHeader('Content-Length', String(found.size));
    return new StreamableFile(createReadStream(path));
  }
}
