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
import { RateLimiter } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AllowPointOperator, assertConferenceScope, CurrentPrincipal, Public, Roles } from '../auth/principal';
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

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(
    private readonly conferences: ConferencesService,
    private readonly points: ConferencePointsService,
  ) {}

  @Roles('organizer', 'moderator', 'presenter')
  @Get()
  list(): Promise<ConferenceDto[]> {
    return this.conferences.list();
  }

  @Roles('organizer')
  @Post()
  create(@Body() body: CreateConferenceDto, @CurrentPrincipal() principal: Principal): Promise<ConferenceDto> {
    return this.conferences.create(body, principal.kind === 'user' ? principal.userId : null);
  }

  @Roles('organizer', 'moderator', 'presenter')
  @AllowPointOperator()
  @Get(':id')
  get(@Param('id', uuid) id: string, @CurrentPrincipal() principal: Principal): Promise<ConferenceDto> {
    assertConferenceScope(principal, id);
    return this.conferences.get(id);
  }

  @Roles('organizer')
  @Patch(':id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateConferenceDto): Promise<ConferenceDto> {
    return this.conferences.update(id, body);
  }

  @Roles('organizer')
  @Put(':id/agenda')
  agenda(@Param('id', uuid) id: string, @Body() body: ReplaceAgendaDto): Promise<AgendaItemDto[]> {
    return this.conferences.replaceAgenda(id, body.items);
  }

  @Roles('organizer')
  @Get(':id/points')
  listPoints(@Param('id', uuid) id: string, @Query() query: ConferencePointsQueryDto): Promise<ConferencePointDto[]> {
    return this.points.list(id, query);
  }

  @Roles('organizer')
  @Post(':id/points')
  @HttpCode(200)
  addPoints(@Param('id', uuid) id: string, @Body() body: AddPointsDto): Promise<{ added: number; unknown: string[] }> {
    return this.points.addByCodes(id, body.codes);
  }

  @Roles('organizer')
  @Delete(':id/points/:pointId')
  @HttpCode(204)
  removePoint(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string): Promise<void> {
    return this.points.remove(id, pointId);
  }

  @Roles('organizer')
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

  /** Join codes are guessable only by brute force: attempts are limited per address. */
  @Public()
  @Post()
  async open(@Body() body: PointSessionDto, @Ip() ip: string): Promise<PointSessionResponse> {
    await this.limiter.hit(`join:${ip}`, this.config.joinAttemptsPerMinute, 60, 'Too many join attempts from this address. Wait a minute and try again.');
    return this.points.openSession(body.joinCode);
  }
}
