import { Body, Controller, Delete, Get, HttpCode, Inject, Ip, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  AgendaItemDto,
  ConferenceDto,
  ConferencePointDto,
  PointSessionResponse,
  Principal,
  RotateJoinCodeResponse,
} from '@bridgepoint/contracts';
import { ErrorCode } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { RateLimiter } from '../common/rate-limit';
import { hashJoinCode } from './join-codes';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AllowPointOperator, ConferenceScoped, CurrentPrincipal, Public, Roles } from '../auth/principal';
import { ConferencePointsService } from './conference-points.service';
import { ConferencesService } from './conferences.service';
import {
  AddPointsDto,
  ConferencePointsQueryDto,
  CreateConferenceDto,
  PointSessionDto,
  ReplaceAgendaDto,
  UpdateConferenceDto,
} from './dto/conference.dto';

const uuid = new ParseUUIDPipe({ version: '4' });
const SAME_CODE_FAILURES_PER_MINUTE = 10;

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(
    private readonly conferences: ConferencesService,
    private readonly points: ConferencePointsService,
  ) {}

  /** The conferences the user is staff of (admins: all). */
  @Roles('organizer', 'moderator', 'presenter')
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<ConferenceDto[]> {
    return this.conferences.list(principal.kind === 'user' && principal.role !== 'admin' ? principal.userId : null);
  }

  @Roles('organizer')
  @Post()
  create(@Body() body: CreateConferenceDto, @CurrentPrincipal() principal: Principal): Promise<ConferenceDto> {
    return this.conferences.create(body, principal.kind === 'user' ? principal.userId : null);
  }

  @Roles('organizer', 'moderator', 'presenter')
  @AllowPointOperator()
  @ConferenceScoped()
  @Get(':id')
  get(@Param('id', uuid) id: string): Promise<ConferenceDto> {
    return this.conferences.get(id);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Patch(':id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateConferenceDto): Promise<ConferenceDto> {
    return this.conferences.update(id, body);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Put(':id/agenda')
  agenda(@Param('id', uuid) id: string, @Body() body: ReplaceAgendaDto): Promise<AgendaItemDto[]> {
    return this.conferences.replaceAgenda(id, body.items);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Get(':id/points')
  listPoints(@Param('id', uuid) id: string, @Query() query: ConferencePointsQueryDto): Promise<ConferencePointDto[]> {
    return this.points.list(id, query);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Post(':id/points')
  @HttpCode(200)
  addPoints(@Param('id', uuid) id: string, @Body() body: AddPointsDto): Promise<{ added: number; unknown: string[] }> {
    return this.points.addByCodes(id, body.codes);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Delete(':id/points/:pointId')
  @HttpCode(204)
  removePoint(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string): Promise<void> {
    return this.points.remove(id, pointId);
  }

  @Roles('organizer')
  @ConferenceScoped()
  @Post(':id/points/:pointId/join-code')
  @HttpCode(200)
  async rotate(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string): Promise<RotateJoinCodeResponse> {
    return { pointId, joinCode: await this.points.rotate(id, pointId) };
  }
}

@ApiTags('auth')
@Controller('point-sessions')
export class PointSessionsController {
  constructor(
    private readonly points: ConferencePointsService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Join codes are guessable only by brute force: failed attempts are limited per address and per code
   * tried; correct codes never count, so 649 points behind one office NAT all join at once.
   */
  @Public()
  @Post()
  async open(@Body() body: PointSessionDto, @Ip() ip: string): Promise<PointSessionResponse> {
    const address = `join-fail:${ip}`;
    // The same wrong code tried again and again (from anywhere): a script, or a code misread from paper.
    const code = `join-fail-code:${hashJoinCode(body.joinCode.toUpperCase().replace(/[\s-]/g, ''))}`;
    const message = 'Too many wrong join codes from this address. Wait a minute, then check the code with the organizers.';
    await this.limiter.check([address], this.config.joinFailuresPerMinute, 60, message);
    await this.limiter.check([code], SAME_CODE_FAILURES_PER_MINUTE, 60, message);
    try {
      return await this.points.openSession(body.joinCode);
    } catch (e) {
      if (e instanceof DomainError && e.code === ErrorCode.JoinCodeInvalid) await this.limiter.count([address, code], 60);
      throw e;
    }
  }
}
