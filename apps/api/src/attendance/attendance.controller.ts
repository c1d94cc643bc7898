import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type {
  AttendanceSummary,
  DelegateCheckInResponse,
  HeadcountReport,
  PointAttendanceDto,
  Principal,
  RosterDelegate,
  SelfCheckInResponse,
} from '@bridgepoint/contracts';
import { AllowDelegate, AllowPointOperator, assertConferenceScope, ConferenceScoped, CurrentPrincipal, NoUsers, Roles } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { parseIdempotencyKey } from '../common/idempotency';
import { AttendanceService, assertMayActForPoint } from './attendance.service';
import { DelegateCheckInDto, HeadcountDto, RosterQueryDto } from './dto/attendance.dto';
import { SummaryService } from './summary.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('attendance')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly summaries: SummaryService,
  ) {}

  @Roles('organizer', 'moderator')
  @Get('attendance/summary')
  summary(@Param('id', uuid) id: string): Promise<AttendanceSummary> {
    return this.summaries.compute(id);
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Get('points/:pointId/attendance')
  point(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<PointAttendanceDto> {
    assertMayActForPoint(p, id, pointId);
    return this.attendance.pointState(id, pointId);
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Post('points/:pointId/check-in')
  @HttpCode(200)
  checkIn(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<PointAttendanceDto> {
    assertMayActForPoint(p, id, pointId);
    return this.attendance.checkIn(id, pointId, p);
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Post('points/:pointId/check-out')
  @HttpCode(200)
  checkOut(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<PointAttendanceDto> {
    assertMayActForPoint(p, id, pointId);
    return this.attendance.checkOut(id, pointId, p);
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Put('points/:pointId/headcount')
  headcount(
    @Param('id', uuid) id: string,
    @Param('pointId', uuid) pointId: string,
    @Body() body: HeadcountDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<PointAttendanceDto> {
    assertMayActForPoint(p, id, pointId);
    return this.attendance.headcount(id, pointId, body.present, p);
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Get('points/:pointId/headcount')
  headcounts(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<HeadcountReport[]> {
    assertMayActForPoint(p, id, pointId);
    return this.attendance.headcountHistory(id, pointId);
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Get('points/:pointId/delegates')
  roster(
    @Param('id', uuid) id: string,
    @Param('pointId', uuid) pointId: string,
    @Query() q: RosterQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RosterDelegate[]> {
    assertMayActForPoint(p, id, pointId);
    return this.attendance.roster(id, pointId, q.search);
  }

  /** A delegate checks themself in from their own phone, in the room their session was opened in. */
  @NoUsers()
  @AllowDelegate()
  @Post('attendance/self')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat a request with the same key to get the same result' })
  async selfCheckIn(
    @Param('id', uuid) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<SelfCheckInResponse> {
    if (p.kind !== 'delegate') throw DomainError.forbidden('Delegates check themselves in from their own phone; operators use the roster.');
    const { result, replayed } = await this.attendance.checkInSelf(id, p, parseIdempotencyKey(key));
    return { delegateCode: result.delegateCode, checkedInAt: result.checkedInAt, replayed: replayed || result.alreadyCheckedIn };
  }

  @Roles('organizer')
  @AllowPointOperator()
  @Post('attendance')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat a request with the same key to get the same result' })
  checkInDelegate(
    @Param('id', uuid) id: string,
    @Body() body: DelegateCheckInDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<DelegateCheckInResponse> {
    assertConferenceScope(p, id);
    return this.attendance.checkInDelegate(id, body.delegateCode, p, parseIdempotencyKey(key));
  }
}
