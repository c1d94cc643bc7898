import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PointReadinessDto, PresenceDto, Principal } from '@bridgepoint/contracts';
import { assertMayActForPoint } from '../attendance/attendance.service';
import { AllowPointOperator, ConferenceScoped, CurrentPrincipal, NoUsers, Roles } from '../auth/principal';
import { PresenceService } from './presence.service';
import { ReadinessReportDto } from './readiness.dto';
import { ReadinessService } from './readiness.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('presence')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class PresenceController {
  constructor(
    private readonly presence: PresenceService,
    private readonly readiness: ReadinessService,
  ) {}

  /** Which points are online now (an operator page holds `/live`), with their readiness and uplink. */
  @Roles('organizer', 'moderator')
  @Get('presence')
  list(@Param('id', uuid) id: string): Promise<PresenceDto> {
    return this.presence.list(id);
  }

  /** The point's last pre-flight result and what it measured (its operator: only its own point). */
  @Roles('organizer', 'moderator')
  @AllowPointOperator()
  @Get('points/:pointId/readiness')
  getReadiness(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<PointReadinessDto> {
    if (p.kind === 'point') assertMayActForPoint(p, id, pointId);
    return this.readiness.get(id, pointId);
  }

  /** The point's operator stores the result of its pre-flight (devices and network test); the control room hears of it. */
  @NoUsers()
  @AllowPointOperator()
  @Put('points/:pointId/readiness')
  putReadiness(
    @Param('id', uuid) id: string,
    @Param('pointId', uuid) pointId: string,
    @Body() body: ReadinessReportDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<PointReadinessDto> {
    assertMayActForPoint(p, id, pointId);
    return this.readiness.store(id, pointId, body);
  }
}
