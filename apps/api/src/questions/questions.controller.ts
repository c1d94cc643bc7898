import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { CurrentQuestionResponse, Principal, QuestionDto, QuestionEventDto } from '@bridgepoint/contracts';
import { AllowDelegate, AllowPointOperator, assertConferenceScope, ConferenceScoped, CurrentPrincipal, NoUsers, Roles } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { parseIdempotencyKey } from '../common/idempotency';
import { RateLimiter } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CreateQuestionDto, CurrentQuestionDto, ModerateQuestionDto, QuestionsQueryDto, ReorderQuestionsDto } from './dto/questions.dto';
import { QuestionsService } from './questions.service';

const uuid = new ParseUUIDPipe({ version: '4' });
const DELEGATE_QUESTIONS_PER_MINUTE = 2;

export function asOperator(p: Principal, conferenceId: string): Principal & { kind: 'point' } {
  assertConferenceScope(p, conferenceId);
  if (p.kind !== 'point') throw DomainError.forbidden('Only a point operator can do this, for their own point.');
  return p;
}

@ApiTags('questions')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id/questions')
export class QuestionsController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A question from a point's operator, or from a delegate's phone (through the point's moderation, tagged
   * with the delegate's name; limited per delegate and per point).
   */
  @NoUsers()
  @AllowPointOperator()
  @AllowDelegate()
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried send with the same key returns the first result' })
  async create(
    @Param('id', uuid) id: string,
    @Body() body: CreateQuestionDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<QuestionDto> {
    const idempotencyKey = parseIdempotencyKey(key);
    if (p.kind === 'delegate') {
      await this.limiter.hit(`questions-delegate:${id}:${p.delegateId}`, DELEGATE_QUESTIONS_PER_MINUTE, 60, 'You can send two questions a minute; wait a moment.');
      await this.limiter.hit(`questions-delegates:${id}:${p.pointId}`, this.config.questionsPerMinute * 4, 60, 'Many questions from this room right now; wait a minute.');
      const askedBy = await this.questions.delegateName(p.delegateId);
      return this.questions.create(id, p.pointId, { ...body, askedBy }, p, idempotencyKey);
    }
    const op = asOperator(p, id);
    await this.limiter.hit(`questions:${id}:${op.pointId}`, this.config.questionsPerMinute, 60, 'Too many questions from this point; wait a minute.');
    return this.questions.create(id, op.pointId, body, p, idempotencyKey);
  }

  /** Moderators see every question; presenters the approved and answered ones; an operator its own. */
  @Roles('organizer', 'moderator', 'presenter')
  @AllowPointOperator()
  @Get()
  list(@Param('id', uuid) id: string, @Query() q: QuestionsQueryDto, @CurrentPrincipal() p: Principal): Promise<QuestionDto[]> {
    assertConferenceScope(p, id);
    if (p.kind === 'point') return this.questions.list(id, { pointId: p.pointId, status: q.status });
    if (p.kind === 'user' && p.role === 'presenter') {
      const visible = (q.status ?? ['approved', 'answered']).filter((s) => s === 'approved' || s === 'answered');
      return this.questions.list(id, { status: visible });
    }
    return this.questions.list(id, { status: q.status });
  }

  @Roles('organizer', 'moderator')
  @Put('order')
  reorder(@Param('id', uuid) id: string, @Body() body: ReorderQuestionsDto, @CurrentPrincipal() p: Principal): Promise<QuestionDto[]> {
    return this.questions.reorder(id, body.order, p);
  }

  @Roles('organizer', 'moderator', 'presenter')
  @Get('current')
  async getCurrent(@Param('id', uuid) id: string): Promise<{ currentQuestionId: string | null }> {
    return { currentQuestionId: await this.questions.currentQuestionId(id) };
  }

  @Roles('organizer', 'moderator')
  @Put('current')
  current(@Param('id', uuid) id: string, @Body() body: CurrentQuestionDto): Promise<CurrentQuestionResponse> {
    return this.questions.setCurrent(id, body.questionId ?? null);
  }

  @Roles('organizer', 'moderator')
  @Patch(':qid')
  moderate(
    @Param('id', uuid) id: string,
    @Param('qid', uuid) qid: string,
    @Body() body: ModerateQuestionDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<QuestionDto> {
    return this.questions.moderate(id, qid, body, p);
  }

  @NoUsers()
  @AllowPointOperator()
  @Post(':qid/withdraw')
  @HttpCode(200)
  withdraw(@Param('id', uuid) id: string, @Param('qid', uuid) qid: string, @CurrentPrincipal() p: Principal): Promise<QuestionDto> {
    return this.questions.withdraw(id, qid, asOperator(p, id));
  }

  @Roles('organizer', 'moderator')
  @Get(':qid/history')
  history(@Param('id', uuid) id: string, @Param('qid', uuid) qid: string): Promise<QuestionEventDto[]> {
    return this.questions.history(id, qid);
  }
}
