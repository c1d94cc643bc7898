import { Body, Controller, Delete, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type DelegateMe, type DelegateSessionResponse, type Principal, type RoomCodeResponse, type RoomInfo, type RoomRosterEntry } from '@bridgepoint/contracts';
import { assertMayActForPoint } from '../attendance/attendance.service';
import { AllowDelegate, AllowPointOperator, ConferenceScoped, CurrentPrincipal, NoUsers, Public, Roles } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { DelegateSessionsService } from './delegate-sessions.service';
import { DelegateSessionDto, RoomCodeParamDto, RosterQueryDto } from './dto/delegate-sessions.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Delegates on their own phones: the room's code, who they are, their session. */
@ApiTags('delegates')
@Controller()
export class DelegateSessionsController {
  constructor(private readonly sessions: DelegateSessionsService) {}

  /** The code the room's check-in screen shows now; it changes every minute. */
  @ApiBearerAuth()
  @Roles('organizer')
  @AllowPointOperator()
  @ConferenceScoped()
  @Get('conferences/:id/points/:pointId/room-code')
  roomCode(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<RoomCodeResponse> {
    assertMayActForPoint(p, id, pointId);
    return this.sessions.roomCode(id, pointId);
  }

  /** Frees a delegate's session (a lost or changed phone): that phone is signed out, another may open. */
  @ApiBearerAuth()
  @Roles('organizer')
  @AllowPointOperator()
  @ConferenceScoped()
  @Delete('conferences/:id/points/:pointId/delegate-sessions/:delegateCode')
  @HttpCode(204)
  release(
    @Param('id', uuid) id: string,
    @Param('pointId', uuid) pointId: string,
    @Param('delegateCode') delegateCode: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    assertMayActForPoint(p, id, pointId);
    return this.sessions.release(id, delegateCode.slice(0, 64), p.kind === 'point' ? p.pointId : null);
  }

  @Public()
  @Get('rooms/:roomCode')
  room(@Param() params: RoomCodeParamDto): Promise<RoomInfo> {
    return this.sessions.room(params.roomCode);
  }

  /** Delegates of the room's point by name (at least two letters), for those without their invitation. */
  @Public()
  @Get('rooms/:roomCode/roster')
  roster(@Param() params: RoomCodeParamDto, @Query() q: RosterQueryDto): Promise<RoomRosterEntry[]> {
    return this.sessions.roster(params.roomCode, q.search);
  }

  @Public()
  @Post('delegate-sessions')
  open(@Body() body: DelegateSessionDto, @Ip() ip: string): Promise<DelegateSessionResponse> {
    if (!body.delegateCode === !body.ref) {
      throw DomainError.badRequest(ErrorCode.ValidationFailed, 'Send either delegateCode (from the invitation) or ref (found by name).');
    }
    return this.sessions.openSession(body, ip);
  }

  @ApiBearerAuth()
  @NoUsers()
  @AllowDelegate()
  @Get('delegate-sessions/me')
  me(@CurrentPrincipal() p: Principal): Promise<DelegateMe> {
    if (p.kind !== 'delegate') throw DomainError.forbidden('This is for a delegate\'s own phone.');
    return this.sessions.me(p);
  }
}
