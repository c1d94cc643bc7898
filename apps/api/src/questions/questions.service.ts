import { Injectable } from '@nestjs/common';
import {
  CurrentQuestionResponse,
  ErrorCode,
  ModerateQuestionRequest,
  Principal,
  QUESTION_TRANSITIONS,
  QuestionDto,
  QuestionEventDto,
  QuestionStatus,
} from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf } from '../attendance/attendance.service';
import { LiveNotifier } from '../live/live-notifier';
import { DomainError } from '../common/domain-error';
import { onceByKey } from '../common/idempotency';
import { returned } from '../common/returned';
import { assertPointMayAsk, QUESTION_ORDER, QUESTION_SELECT, toQuestionDto } from './question-sql';

/** Written questions from points, moderated pending → approved → answered (or rejected, merged, withdrawn). */
@Injectable()
export class QuestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveNotifier,
  ) {}

  async list(
    conferenceId: string,
    filter: { pointId?: string; pointIds?: string[]; status?: QuestionStatus[] } = {},
    m: EntityManager = this.dataSource.manager,
  ) {
    const params: unknown[] = [conferenceId];
    let where = 'q.conference_id = $1';
    const points = filter.pointIds ?? (filter.pointId ? [filter.pointId] : null);
    if (points) {
      params.push(points.join(','));
      where += ` AND q.point_id::text = ANY(string_to_array($${params.length}, ','))`;
    }
    if (filter.status) {
      params.push(filter.status.join(','));
      where += ` AND q.status = ANY(string_to_array($${params.length}, ','))`;
    }
    const rows: Record<string, unknown>[] = await m.query(`${QUESTION_SELECT} WHERE ${where} ${QUESTION_ORDER}`, params);
    return rows.map(toQuestionDto);
  }

  async get(conferenceId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<QuestionDto> {
    const rows: Record<string, unknown>[] = await m.query(`${QUESTION_SELECT} WHERE q.conference_id = $1 AND q.id = $2`, [conferenceId, id]);
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.QuestionNotFound, 'No question with this id in this conference.');
    return toQuestionDto(rows[0]);
  }

  /** A question from a point; with an Idempotency-Key, a retried send returns the first result. */
  async create(
    conferenceId: string,
    pointId: string,
    input: { text: string; askedBy?: string | null; agendaItemId?: string | null },
    by: Principal,
    idempotencyKey: string | null = null,
  ): Promise<QuestionDto> {
    const { result, replayed } = await onceByKey(this.dataSource, `question:${conferenceId}:${pointId}`, idempotencyKey, input, async (m) => {
      await assertPointMayAsk(m, conferenceId, pointId);
      if (input.agendaItemId) {
        const item: unknown[] = await m.query('SELECT 1 FROM agenda_items WHERE id = $1 AND conference_id = $2', [input.agendaItemId, conferenceId]);
        if (item.length === 0) throw DomainError.notFound(ErrorCode.AgendaItemNotFound, 'No such agenda item in this conference.');
      }
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO questions (conference_id, point_id, asked_by, agenda_item_id, text) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [conferenceId, pointId, input.askedBy ?? null, input.agendaItemId ?? null, input.text],
      );
      await this.event(m, row.id, 'created', by, null);
      return this.get(conferenceId, row.id, m);
    });
    if (!replayed) this.live.changed(conferenceId, pointId, 'moderation');
    return result;
  }

  /** How a delegate's question is tagged: their name and title as the registry has them. */
  async delegateName(delegateId: string): Promise<string> {
    const [row]: { full_name: string; title: string | null }[] = await this.dataSource.query('SELECT full_name, title FROM delegates WHERE id = $1', [delegateId]);
    if (!row) throw DomainError.unauthenticated('This delegate no longer exists.');
    return (row.title ? `${row.full_name} (${row.title})` : row.full_name).slice(0, 255);
  }

  /** The point takes back its own question while it is still pending. */
  async withdraw(conferenceId: string, id: string, by: Principal & { kind: 'point' }) {
    return this.change(conferenceId, id, by, async (m, q) => {
      if (q.pointId !== by.pointId) throw DomainError.forbidden('This question was sent by another point.');
      if (q.status === 'withdrawn') return null;
      this.assertTransition(q.status, 'withdrawn');
      await m.query(`UPDATE questions SET status = 'withdrawn', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      return { kind: 'withdrawn', data: null };
    });
  }

  /**
   * A moderator's change: a new status (with a reason when rejecting, a target when merging) and/or
   * edited text (pending questions only; the point's original is kept). Repeating a move that already
   * happened is accepted and changes nothing, so two moderators approving at once agree.
   */
  async moderate(conferenceId: string, id: string, input: ModerateQuestionRequest, by: Principal) {
    return this.change(conferenceId, id, by, async (m, q) => {
      if (input.version !== undefined && input.version !== q.version && input.status !== q.status) {
        throw DomainError.conflict(ErrorCode.QuestionStale, 'Someone changed this question meanwhile; reload it and try again.', { current: q });
      }
      if (input.status === 'withdrawn') throw DomainError.forbidden('Only the point can withdraw its question.');
      const events: { kind: string; data: unknown }[] = [];
      if (input.text !== undefined && input.text !== q.text) {
        if (q.status !== 'pending' && input.status !== 'approved') {
          throw DomainError.conflict(ErrorCode.QuestionInvalidTransition, 'Only a pending question can be edited.');
        }
        await m.query(
          `UPDATE questions SET original_text = coalesce(original_text, text), text = $2, version = version + 1, updated_at = now() WHERE id = $1`,
          [id, input.text],
        );
        events.push({ kind: 'edited', data: { from: q.text, to: input.text } });
      }
      if (input.status !== undefined && input.status !== q.status) {
        this.assertTransition(q.status, input.status);
        if (input.status === 'merged') {
          if (!input.mergeInto || input.mergeInto === id) {
            throw DomainError.badRequest(ErrorCode.ValidationFailed, 'mergeInto must name another question of this conference.');
          }
          const target = await this.get(conferenceId, input.mergeInto, m);
          if (['merged', 'withdrawn', 'rejected'].includes(target.status)) {
            throw DomainError.conflict(ErrorCode.QuestionInvalidTransition, `Cannot merge into a ${target.status} question.`);
          }
        }
        const position = input.status === 'approved' ? await this.nextPosition(m, conferenceId) : null;
        await m.query(
          `UPDATE questions SET status = $2, position = $3, reject_reason = $4, merged_into = $5, version = version + 1, updated_at = now()
            WHERE id = $1`,
          [id, input.status, position, input.status === 'rejected' ? (input.rejectReason ?? null) : null, input.status === 'merged' ? input.mergeInto : null],
        );
        events.push({ kind: input.status, data: input.status === 'rejected' ? { reason: input.rejectReason ?? null } : input.status === 'merged' ? { into: input.mergeInto } : null });
        if (q.status === 'approved') {
          await m.query('UPDATE conferences SET current_question_id = NULL WHERE id = $1 AND current_question_id = $2', [conferenceId, id]);
        }
      }
      for (const e of events) await this.event(m, id, e.kind, by, e.data);
      return events.length > 0 ? events[events.length - 1] : null;
    });
  }

  /** Sets the order of approved questions: the listed ones first, in that order; the rest keep theirs after. */
  async reorder(conferenceId: string, order: string[], by: Principal) {
    await this.dataSource.transaction(async (m) => {
      const approved: { id: string; position: number }[] = await m.query(
        `SELECT id, position FROM questions WHERE conference_id = $1 AND status = 'approved' ORDER BY position, created_at FOR UPDATE`,
        [conferenceId],
      );
      const known = new Set(approved.map((r) => r.id));
      const unknown = order.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw DomainError.badRequest(ErrorCode.QuestionInvalidTransition, 'Only approved questions of this conference can be ordered.', { unknown });
      }
      const listed = new Set(order);
      const final = [...order, ...approved.map((r) => r.id).filter((id) => !listed.has(id))];
      for (let i = 0; i < final.length; i++) {
        if (approved[i]?.id === final[i] && approved[i].position === i + 1) continue;
        await m.query('UPDATE questions SET position = $2, version = version + 1, updated_at = now() WHERE id = $1', [final[i], i + 1]);
        await this.event(m, final[i], 'reordered', by, { position: i + 1 });
      }
    });
    this.live.changed(conferenceId, undefined, 'moderation');
    return this.list(conferenceId, { status: ['approved'] });
  }

  /** The question the presidium is answering now (an approved one), or none. */
  async setCurrent(conferenceId: string, questionId: string | null): Promise<CurrentQuestionResponse> {
    if (questionId) {
      const q = await this.get(conferenceId, questionId);
      if (q.status !== 'approved') throw DomainError.conflict(ErrorCode.QuestionInvalidTransition, 'Only an approved question can be the current one.');
    }
    const res = returned(await this.dataSource.query('UPDATE conferences SET current_question_id = $2 WHERE id = $1 RETURNING id', [conferenceId, questionId]));
    if (res.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    this.live.changed(conferenceId, undefined, 'moderation');
    return { currentQuestionId: questionId };
  }

  async currentQuestionId(conferenceId: string): Promise<string | null> {
    const rows: { current_question_id: string | null }[] = await this.dataSource.query('SELECT current_question_id FROM conferences WHERE id = $1', [conferenceId]);
    return rows[0]?.current_question_id ?? null;
  }

  async history(conferenceId: string, id: string): Promise<QuestionEventDto[]> {
    await this.get(conferenceId, id);
    const rows: { kind: string; actor: string; at: Date; data: unknown }[] = await this.dataSource.query(
      'SELECT kind, actor, at, data FROM question_events WHERE question_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((r) => ({ kind: r.kind, actor: r.actor, at: r.at.toISOString(), data: r.data }));
  }

  private async change(
    conferenceId: string,
    id: string,
    by: Principal,
    apply: (m: EntityManager, q: QuestionDto) => Promise<{ kind: string; data: unknown } | null>,
  ): Promise<QuestionDto> {
    const { result, changed } = await this.dataSource.transaction(async (m) => {
      const locked: unknown[] = await m.query('SELECT id FROM questions WHERE id = $1 AND conference_id = $2 FOR UPDATE', [id, conferenceId]);
      if (locked.length === 0) throw DomainError.notFound(ErrorCode.QuestionNotFound, 'No question with this id in this conference.');
      const before = await this.get(conferenceId, id, m);
      const changed = (await apply(m, before)) !== null;
      return { result: await this.get(conferenceId, id, m), changed };
    });
    if (changed) this.live.changed(conferenceId, result.pointId, 'moderation');
    return result;
  }

  private assertTransition(from: QuestionStatus, to: QuestionStatus) {
    if (!QUESTION_TRANSITIONS[from].includes(to)) {
      throw DomainError.conflict(ErrorCode.QuestionInvalidTransition, `A ${from} question cannot become ${to}.`, {
        from,
        to,
        allowed: QUESTION_TRANSITIONS[from],
      });
    }
  }

  private async nextPosition(m: EntityManager, conferenceId: string): Promise<number> {
    const [{ max }]: { max: number | null }[] = await m.query(
      `SELECT max(position) AS max FROM questions WHERE conference_id = $1 AND status = 'approved'`,
      [conferenceId],
    );
    return (max ?? 0) + 1;
  }

  private event(m: EntityManager, questionId: string, kind: string, by: Principal, data: unknown) {
    return m.query('INSERT INTO question_events (question_id, kind, actor, data) VALUES ($1, $2, $3, $4)', [
      questionId,
      kind,
      actorOf(by),
      data === null ? null : JSON.stringify(data),
    ]);
  }
}
