import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FloorDto, Principal, SpeakRequestDto } from '@bridgepoint/contracts';
import { AllowPointOperator, assertConferenceScope, ConferenceScoped, CurrentPrincipal, NoUsers, Roles } from '../auth/principal';
import { parseIdempotencyKey } from '../common/idempotency';
import { RateLimiter } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GrantFloorDto, SpeakRequestCreateDto } from './dto/questions.dto';
import { asOperator } from './questions.controller';
import { SpeakService } from './speak.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('speak')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class SpeakController {
  constructor(
    private readonly speak: SpeakService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @NoUsers()
  @AllowPointOperator()
  @Post('speak-requests')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the first result' })
  async request(
    @Param('id', uuid) id: string,
    @Body() body: SpeakRequestCreateDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<SpeakRequestDto> {
    const op = asOperator(p, id);
    const idempotencyKey = parseIdempotencyKey(key);
    await this.limiter.hit(`speak:${id}:${op.pointId}`, this.config.speakRequestsPerMinute, 60, 'Too many requests to speak from this point; wait a minute.');
    return this.speak.request(id, op.pointId, body.topic ?? null, idempotencyKey);
  }

  /** The queue in arrival order; an operator sees only its own request. */
  @Roles('organizer', 'moderator', 'presenter')
  @AllowPointOperator()
  @Get('speak-requests')
  async queue(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal): Promise<SpeakRequestDto[]> {
    assertConferenceScope(p, id);
    const queue = await this.speak.queue(id);
    return p.kind === 'point' ? queue.filter((r) => r.pointId === p.pointId) : queue;
  }

  @NoUsers()
  @AllowPointOperator()
  @Post('speak-requests/:rid/withdraw')
  @HttpCode(200)
  withdraw(@Param('id', uuid) id: string, @Param('rid', uuid) rid: string, @CurrentPrincipal() p: Principal): Promise<SpeakRequestDto> {
    return this.speak.withdraw(id, rid, asOperator(p, id));
  }

  @Roles('organizer', 'moderator')
  @Post('speak-requests/:rid/grant')
  @HttpCode(200)
  grant(@Param('id', uuid) id: string, @Param('rid', uuid) rid: string, @CurrentPrincipal() p: Principal): Promise<SpeakRequestDto> {
    return this.speak.grant(id, rid, p);
  }

  @Roles('organizer', 'moderator')
  @Post('speak-requests/:rid/skip')
  @HttpCode(200)
  skip(@Param('id', uuid) id: string, @Param('rid', uuid) rid: string, @CurrentPrincipal() p: Principal): Promise<SpeakRequestDto> {
    return this.speak.skip(id, rid, p);
  }

  @Roles('organizer', 'moderator')
  @Post('speak-requests/:rid/remove')
  @HttpCode(200)
  remove(@Param('id', uuid) id: string, @Param('rid', uuid) rid: string, @CurrentPrincipal() p: Principal): Promise<SpeakRequestDto> {
    return this.speak.remove(id, rid, p);
  }

  @Roles('organizer', 'moderator', 'presenter')
  @AllowPointOperator()
  @Get('floor')
  floor(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal): Promise<FloorDto> {
    assertConferenceScope(p, id);
    return this.speak.floor(id);
  }

  @Roles('organizer', 'moderator')
  @Post('floor')
  @HttpCode(200)
  grantPoint(@Param('id', uuid) id: string, @Body() body: GrantFloorDto, @CurrentPrincipal() p: Principal): Promise<FloorDto> {
    return this.speak.grantPoint(id, body.pointId, p);
  }

  @Roles('organizer', 'moderator')
  @Post('floor/release')
  @HttpCode(200)
  release(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal): Promise<FloorDto> {
    return this.speak.release(id, p);
  }
}
