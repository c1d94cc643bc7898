import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ConferenceScoped, Roles } from '../auth/principal';
import { LiveAgendaService } from './live-agenda.service';

const uuid = new ParseUUIDPipe({ version: '4' });

export class CurrentAgendaItemDto {
  @ApiProperty({ nullable: true, description: 'The agenda item the conference is on now; null for none' })
  @IsOptional()
  @IsUUID()
  agendaItemId!: string | null;
}

/** Moderators advance the live agenda; screens read it from the moderation state (`currentAgendaItemId`). */
@ApiTags('agenda')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id/agenda')
export class LiveAgendaController {
  constructor(private readonly agenda: LiveAgendaService) {}

  @Roles('organizer', 'moderator')
  @Put('current')
  current(@Param('id', uuid) id: string, @Body() body: CurrentAgendaItemDto): Promise<{ currentAgendaItemId: string | null }> {
    return this.agenda.setCurrent(id, body.agendaItemId ?? null);
  }
}
