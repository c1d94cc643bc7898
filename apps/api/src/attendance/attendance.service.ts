import { Injectable } from '@nestjs/common';
import {
  ConferenceStatus,
  ErrorCode,
  foldText,
  HeadcountReport,
  PointAttendanceDto,
  PointRehearsal,
  PointStatus,
  Principal,
  RosterDelegate,
} from '@bridgepoint/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { LiveNotifier } from '../live/live-notifier';
import { CheckInBatcher } from './check-in-batcher';
import { recordLocked } from './record-lock';

interface PointStateRow {
  code: string;
  name: string;
  unit_name: string | null;
  status: PointStatus;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  present: number | null;
  present_at: Date | null;
  expected_delegates: number;
  conference_status: ConferenceStatus;
  record_locked: boolean;
}

export const actorOf = (p: Principal) =>
  p.kind === 'user' ? `user:${p.username}` : p.kind === 'point' ? `point:${p.pointId}` : `delegate:${p.delegateCode}`;

/** Who may act for a point: its own operator, or an organizer. */
export function assertMayActForPoint(p: Principal, conferenceId: string, pointId: string) {
  if (p.kind === 'point') {
    if (p.conferenceId !== conferenceId || p.pointId !== pointId) {
      throw DomainError.forbidden('This join code is for another point.');
    }
    return;
  }
  if (p.kind !== 'user' || (p.role !== 'admin' && p.role !== 'organizer')) {
    throw DomainError.forbidden('Only the point operator or an organizer can do this.');
  }
}

/** Point check-in and out, headcounts, delegate check-ins: each written to Postgres before it is announced. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveNotifier,
    private readonly batcher: CheckInBatcher,
  ) {}

  async pointState(conferenceId: string, pointId: string, m: EntityManager = this.dataSource.manager): Promise<PointAttendanceDto> {
    const [state] = await this.pointStates(conferenceId, [pointId], m);
    if (!state) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
    return state;
  }

  /** Several points' states in one query (live updates after a burst touch hundreds of points). */
  async pointStates(conferenceId: string, pointIds: string[], m: EntityManager = this.dataSource.manager): Promise<PointAttendanceDto[]> {
    if (pointIds.length === 0) return [];
    const rows: (PointStateRow & { point_id: string; n: number; rehearsal: PointRehearsal | null })[] = await m.query(
      `SELECT cp.point_id, p.code, p.name, u.name AS unit_name, cp.status, cp.checked_in_at, cp.checked_out_at, cp.present,
              cp.present_at, p.expected_delegates, c.status AS conference_status,
              cp.delegates_checked_in AS n, pp.rehearsal
         FROM conference_points cp
         JOIN bridge_points p ON p.id = cp.point_id
         JOIN conferences c ON c.id = cp.conference_id
         LEFT JOIN units u ON u.id = p.unit_id
         LEFT JOIN point_presence pp ON pp.conference_id = cp.conference_id AND pp.point_id = cp.point_id
        WHERE cp.conference_id = $1 AND cp.point_id::text = ANY(string_to_array($2, ','))`,
      [conferenceId, pointIds.join(',')],
    );
    return rows.map((r) => toDto(conferenceId, r.point_id, r, r.n, r.rehearsal ?? 'unconfirmed'));
  }

  async checkIn(conferenceId: string, pointId: string, by: Principal): Promise<PointAttendanceDto> {
    return this.changePoint(conferenceId, pointId, async (m, row) => {
      if (row.status === 'checked_in') return false;
      await m.query(
        `UPDATE conference_points SET status = 'checked_in', checked_in_at = now(), checked_out_at = NULL
          WHERE conference_id = $1 AND point_id = $2`,
        [conferenceId, pointId],
      );
      await pointEvent(m, conferenceId, pointId, 'check_in', null, by);
      return true;
    });
  }

  async checkOut(conferenceId: string, pointId: string, by: Principal): Promise<PointAttendanceDto> {
    return this.changePoint(conferenceId, pointId, async (m, row) => {
      if (row.status !== 'checked_in') return false;
      await m.query(
        `UPDATE conference_points SET status = 'checked_out', checked_out_at = now()
          WHERE conference_id = $1 AND point_id = $2`,
        [conferenceId, pointId],
      );
      await pointEvent(m, conferenceId, pointId, 'check_out', null, by);
      return true;
    });
  }

  /** "N present": kept with its history; reporting a headcount checks the point in. */
  async headcount(conferenceId: string, pointId: string, present: number, by: Principal): Promise<PointAttendanceDto> {
    return this.changePoint(conferenceId, pointId, async (m, row) => {
      await m.query(
        `UPDATE conference_points SET present = $3, present_at = now(),
                status = 'checked_in',
                checked_in_at = CASE WHEN status = 'checked_in' THEN checked_in_at ELSE now() END,
                checked_out_at = CASE WHEN status = 'checked_in' THEN checked_out_at ELSE NULL END
          WHERE conference_id = $1 AND point_id = $2`,
        [conferenceId, pointId, present],
      );
      if (row.status !== 'checked_in') await pointEvent(m, conferenceId, pointId, 'check_in', null, by);
      await pointEvent(m, conferenceId, pointId, 'headcount', present, by);
      return true;
    });
  }

  /** The point's own delegates with whether each is checked in; `search` matches names with or without diacritics, and codes. */
  async roster(conferenceId: string, pointId: string, search: string | undefined): Promise<RosterDelegate[]> {
    await this.lockPoint(this.dataSource.manager, conferenceId, pointId, false);
    const needle = search ? foldText(search) : '';
    const rows: { id: string; code: string; full_name: string; title: string | null; unit: string | null; checked_in_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT d.id, d.code, d.full_name, d.title, d.unit, dc.checked_in_at
           FROM delegates d
           LEFT JOIN delegate_checkins dc ON dc.conference_id = $1 AND dc.delegate_id = d.id
          WHERE d.point_id = $2 AND ($3 = '' OR d.search_name LIKE '%' || $3 || '%' OR lower(d.code) LIKE '%' || $3 || '%')
          ORDER BY d.search_name, d.code
          LIMIT 1000`,
        [conferenceId, pointId, needle],
      );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      fullName: r.full_name,
      title: r.title,
      unit: r.unit,
      checkedIn: r.checked_in_at !== null,
      checkedInAt: r.checked_in_at?.toISOString() ?? null,
    }));
  }

  async headcountHistory(conferenceId: string, pointId: string): Promise<HeadcountReport[]> {
    const rows: { present: number; actor: string; at: Date }[] = await this.dataSource.query(
      `SELECT present, actor, at FROM point_events
        WHERE conference_id = $1 AND point_id = $2 AND kind = 'headcount' ORDER BY at, id`,
      [conferenceId, pointId],
    );
    return rows.map((r) => ({ present: r.present, by: r.actor, at: r.at.toISOString() }));
  }

  /**
   * Marks a delegate present, once per conference whatever the retries: an operator checks in for
   * its own point (another point's delegates only where the organizer allows it); an organizer
   * checks in against the delegate's own point.
   */
  async checkInDelegate(conferenceId: string, delegateCode: string, by: Principal, idempotencyKey: string | null) {
    const code = delegateCode.trim().toUpperCase();
    const outcome = await this.batcher.submit({
      conference: conferenceId,
      code,
      operatorPoint: by.kind === 'point' ? by.pointId : null,
      actor: actorOf(by),
      scope: `delegate-checkin:${conferenceId}:${by.kind === 'user' ? by.userId : by.kind === 'point' ? by.pointId : by.delegateId}`,
      key: idempotencyKey,
      hash: idempotencyKey ? createHash('sha256').update(code).digest('hex') : null,
    });
    if ('refused' in outcome) throw checkInRefusal(outcome.refused, code);
    const { replayed, result } = outcome.ok;
    if (!replayed && !result.alreadyCheckedIn) this.live.changed(conferenceId, result.pointId);
    return result;
  }

  /** A delegate's own phone: checked in at the room's point, once whatever the retries and processes. */
  async checkInSelf(conferenceId: string, by: Principal & { kind: 'delegate' }, idempotencyKey: string | null) {
    const outcome = await this.batcher.submit({
      conference: conferenceId,
      code: by.delegateCode,
      operatorPoint: by.pointId,
      actor: actorOf(by),
      scope: `delegate-self:${conferenceId}:${by.delegateId}`,
      key: idempotencyKey,
      hash: idempotencyKey ? createHash('sha256').update(by.delegateCode).digest('hex') : null,
    });
    if ('refused' in outcome) throw checkInRefusal(outcome.refused, by.delegateCode);
    const { replayed, result } = outcome.ok;
    if (!replayed && !result.alreadyCheckedIn) this.live.changed(conferenceId, result.pointId);
    return { result, replayed };
  }

  private async changePoint(
    conferenceId: string,
    pointId: string,
    change: (m: EntityManager, row: PointStateRow) => Promise<boolean>,
  ): Promise<PointAttendanceDto> {
    const { dto, changed } = await this.dataSource.transaction(async (m) => {
      const row = await this.lockPoint(m, conferenceId, pointId, true);
      if (row.record_locked) throw recordLocked();
      if (row.conference_status === 'ended') throw DomainError.conflict(ErrorCode.ConferenceEnded, 'The conference has ended.');
      const changed = await change(m, row);
      return { dto: await this.pointState(conferenceId, pointId, m), changed };
    });
    if (changed) this.live.changed(conferenceId, pointId);
    return dto;
  }

  private async lockPoint(m: EntityManager, conferenceId: string, pointId: string, forUpdate: boolean): Promise<PointStateRow> {
    const rows: PointStateRow[] = await m.query(
      `SELECT p.code, p.name, u.name AS unit_name, cp.status, cp.checked_in_at, cp.checked_out_at, cp.present, cp.present_at,
              p.expected_delegates, c.status AS conference_status, c.record_locked_at IS NOT NULL AS record_locked
         FROM conference_points cp
         JOIN bridge_points p ON p.id = cp.point_id
         JOIN conferences c ON c.id = cp.conference_id
         LEFT JOIN units u ON u.id = p.unit_id
        WHERE cp.conference_id = $1 AND cp.point_id = $2 ${forUpdate ? 'FOR UPDATE OF cp FOR KEY SHARE OF c' : ''}`,
      [conferenceId, pointId],
    );
    if (rows.length === 0) {
      throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
    }
    return rows[0];
  }

}

/** One line of a point's history (check-in, check-out, headcount), with who did it. */
export function pointEvent(m: EntityManager, conferenceId: string, pointId: string, kind: string, present: number | null, by: Principal) {
  return m.query('INSERT INTO point_events (conference_id, point_id, kind, present, actor) VALUES ($1, $2, $3, $4, $5)', [
    conferenceId,
    pointId,
    kind,
    present,
    actorOf(by),
  ]);
}

function toDto(
  conferenceId: string,
  pointId: string,
  r: PointStateRow,
  delegatesCheckedIn: number,
  rehearsal: PointRehearsal,
): PointAttendanceDto {
  return {
    conferenceId,
    pointId,
    code: r.code,
    name: r.name,
    unit: r.unit_name,
    status: r.status,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    checkedOutAt: r.checked_out_at?.toISOString() ?? null,
    present: r.present,
    presentAt: r.present_at?.toISOString() ?? null,
    expectedDelegates: r.expected_delegates,
    delegatesCheckedIn,
    conferenceStatus: r.conference_status,
    rehearsal,
  };
}

/** The database function's refusals (raised with the error code as message) as domain errors. */
function checkInRefusal(refusal: string, code: string): DomainError {
  switch (refusal) {
    case 'IDEMPOTENCY_KEY_REUSED':
      return new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used for a different request.', 422);
    case 'CONFERENCE_NOT_FOUND':
      return DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    case 'CONFERENCE_ENDED':
      return DomainError.conflict(ErrorCode.ConferenceEnded, 'The conference has ended.');
    case 'RECORD_LOCKED':
      return recordLocked();
    case 'DELEGATE_NOT_FOUND':
      return DomainError.notFound(ErrorCode.DelegateNotFound, `No delegate with code "${code}" is registered for this conference.`);
    case 'DELEGATE_OF_ANOTHER_POINT':
      return new DomainError(ErrorCode.DelegateOfAnotherPoint, `Delegate ${code} is registered to another point.`, 403);
    default:
      return new DomainError(ErrorCode.Internal, 'The check-in could not be recorded. Try again.', 500);
  }
}
