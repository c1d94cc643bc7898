import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MediaStats } from '@bridgepoint/contracts';
import { Roles } from '../auth/principal';
import { MEDIA_ENGINE, type MediaEngine } from './media-engine';

@ApiTags('media')
@ApiBearerAuth()
@Controller('media')
export class MediaController {
  constructor(@Inject(MEDIA_ENGINE) private readonly engine: MediaEngine) {}

  /** What this process's engine holds open: rooms, publishers, subscribers. */
  @Roles('organizer')
  @Get('stats')
  stats(): MediaStats {
    return this.engine.stats();
  }
}
