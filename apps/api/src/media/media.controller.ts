import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MediaAudienceDto, MediaLinkDto, MediaStats } from '@bridgepoint/contracts';
import { ConferenceScoped, Roles } from '../auth/principal';
import { MEDIA_ENGINE, type MediaEngine } from './media-engine';
import { audienceOf, MediaLinksService } from './media-links.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('media')
@ApiBearerAuth()
@ConferenceScoped()
@Controller()
export class MediaController {
  constructor(
    @Inject(MEDIA_ENGINE) private readonly engine: MediaEngine,
    private readonly links: MediaLinksService,
  ) {}

  /** What this process's engine holds open: rooms, transports, producers, consumers. */
  @Roles('organizer')
  @Get('media/stats')
  stats(): MediaStats {
    return this.engine.stats();
  }

  /** Each point's last link report: bitrates, loss, round trip, when it reported. */
  @Roles('organizer', 'moderator')
  @Get('conferences/:id/media/links')
  linkReports(@Param('id', uuid) id: string): Promise<MediaLinkDto[]> {
    return this.links.list(id);
  }

  /** How many points receive the broadcast now (they reported incoming media in the last seconds). */
  @Roles('organizer', 'moderator', 'presenter')
  @Get('conferences/:id/media/audience')
  async audience(@Param('id', uuid) id: string): Promise<MediaAudienceDto> {
    return audienceOf(await this.links.list(id), Date.now());
  }
}
