import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AttendanceCorrectionDto, CorrectionOutcome, DelegateUnmarkResponse, Principal } from '@bridgepoint/contracts';
import { AllowPointOperator, assertConferenceScope, ConferenceScoped, CurrentPrincipal, Roles } from '../auth/principal';
import { CorrectionsService } from './corrections.service';
import { CorrectionDto, UnmarkDto } from './dto/corrections.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Undoing a check-in, and organizers' corrections of any attendance entry, each kept with a reason. */
@ApiTags('attendance')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  /** Unmarks a delegate: that delegate's point operator while the conference runs, or an organizer any time. Repeating it changes nothing. */
  @Roles('organizer')
  @AllowPointOperator()
  @Delete('attendance/:delegateCode')
  @HttpCode(200)
  unmark(
    @Param('id', uuid) id: string,
    @Param('delegateCode') delegateCode: string,
    @Body() body: UnmarkDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DelegateUnmarkResponse> {
    assertConferenceScope(p, id);
    return this.corrections.unmark(id, delegateCode.slice(0, 64), body.reason, p);
  }

  /** Corrects one entry (a delegate present or absent, a point's headcount, whether a point checked in), after the event too. */
  @Roles('organizer')
  @Post('corrections')
  @HttpCode(200)
  correct(@Param('id', uuid) id: string, @Body() body: CorrectionDto, @CurrentPrincipal() p: Principal): Promise<CorrectionOutcome> {
    if (body.kind === 'delegate') return this.corrections.correctDelegate(id, body.delegateCode!, body.present as boolean, body.reason, p);
    if (body.kind === 'headcount') return this.corrections.correctHeadcount(id, body.pointId!, body.present as number, body.reason, p);
    return this.corrections.correctPointStatus(id, body.pointId!, body.checkedIn!, body.reason, p);
  }

  @Roles('organizer')
  @Get('corrections')
  list(@Param('id', uuid) id: string): Promise<AttendanceCorrectionDto[]> {
    return this.corrections.list(id);
  }
}
