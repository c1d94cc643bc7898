import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PresenceDto } from '@bridgepoint/contracts';
import { ConferenceScoped, Roles } from '../auth/principal';
import { PresenceService } from './presence.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('presence')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  /** Which points are online now (an operator page holds `/live`), with their readiness and uplink. */
  @Roles('organizer', 'moderator')
  @Get('presence')
  list(@Param('id', uuid) id: string): Promise<PresenceDto> {
    return this.presence.list(id);
  }
}
