import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal, ReconciliationDto, RecordStateDto } from '@bridgepoint/contracts';
import { ConferenceScoped, CurrentPrincipal, Roles } from '../auth/principal';
import { RecordService } from './record.service';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The official record's state, its lock (organizers) and unlock (admins), and the headcount-vs-roster check. */
@ApiTags('record')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id/record')
export class RecordController {
  constructor(private readonly record: RecordService) {}

  @Roles('organizer', 'moderator')
  @Get()
  state(@Param('id', uuid) id: string): Promise<RecordStateDto> {
    return this.record.state(id);
  }

  /** Signs the record off: every attendance change is refused (RECORD_LOCKED) until an admin unlocks it. */
  @Roles('organizer')
  @Post('lock')
  @HttpCode(200)
  lock(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal): Promise<RecordStateDto> {
    return this.record.lock(id, p);
  }

  @Roles('admin')
  @Post('unlock')
  @HttpCode(200)
  unlock(@Param('id', uuid) id: string): Promise<RecordStateDto> {
    return this.record.unlock(id);
  }

  /** Checked-in points whose headcount and roster check-ins differ by more than RECORD_DIFF_THRESHOLD. */
  @Roles('organizer', 'moderator')
  @Get('reconciliation')
  reconciliation(@Param('id', uuid) id: string): Promise<ReconciliationDto> {
    return this.record.reconciliation(id);
  }
}
