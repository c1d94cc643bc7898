import { Injectable } from '@nestjs/common';
import {
  AttendanceCorrectionDto,
  CorrectionKind,
  CorrectionOutcome,
  DelegateUnmarkResponse,
  ErrorCode,
  Principal,
} from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { LiveNotifier } from '../live/live-notifier';
import { actorOf, pointEvent } from './attendance.service';
import { openConference } from './record-lock';

interface DelegateRow {
  id: string;
  code: string;
  full_name: string;
  point_id: string;
}

interface CheckInRow {
  point_id: string;
  checked_in_at: Date;
  actor: string;
}

interface PointRow {
  code: string;
  status: string;
  present: number | null;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
}

interface CorrectionRow {
  id: string;
  kind: CorrectionKind;
  point_id: string | null;
  delegate_id: string | null;
  target: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason: string;
  actor: string;
  actor_name: string | null;
  at: Date;
}

type Change = Omit<CorrectionRow, 'id' | 'actor' | 'actor_name' | 'at'>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Undoing and correcting attendance after the fact. Each change locks the row it changes, reads its
 * "before" under that lock, and is kept with who, when, before, after and why; repeating a change that
 * is already in place writes nothing. Two organizers correcting one entry at once are serialized by the
 * row lock, so the second correction's "before" is the first one's "after".
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveNotifier,
    private readonly audit: AuditService,
  ) {}

  /** An operator (its own point, while the conference has not ended) or an organizer (any time) unmarks a delegate. */
  async unmark(conferenceId: string, delegateCode: string, reason: string, by: Principal): Promise<DelegateUnmarkResponse> {
    const { response, pointId } = await this.dataSource.transaction(async (m) => {
      const conference = await openConference(m, conferenceId);
      const delegate = await this.delegate(m, conferenceId, delegateCode);
      const [checkIn] = await this.lockCheckIn(m, conferenceId, delegate.id);
      if (by.kind === 'point') {
        const own = by.pointId === delegate.point_id || by.pointId === checkIn?.point_id;
        if (by.conferenceId !== conferenceId || !own) {
          throw new DomainError(ErrorCode.CorrectionNotAllowed, `Delegate ${delegate.code} belongs to another point: ask an organizer.`, 403);
        }
        if (conference.status === 'ended') {
          throw new DomainError(ErrorCode.CorrectionNotAllowed, 'The conference has ended: an organizer corrects the record now.', 403);
        }
      } else if (by.kind !== 'user') {
        throw DomainError.forbidden('Only the point operator or an organizer can unmark a delegate.');
      }
      const base = { delegateId: delegate.id, delegateCode: delegate.code, fullName: delegate.full_name, checkedIn: false as const };
      if (!checkIn) return { response: { ...base, pointId: delegate.point_id, changed: false, correctionId: null }, pointId: null };
      const correction = await this.removeCheckIn(m, conferenceId, delegate, checkIn, reason, by);
      return { response: { ...base, pointId: checkIn.point_id, changed: true, correctionId: correction.id }, pointId: checkIn.point_id };
    });
    if (pointId) this.live.changed(conferenceId, pointId);
    return response;
  }

  /** An organizer marks a delegate present or absent, after the event too. */
  async correctDelegate(conferenceId: string, delegateCode: string, present: boolean, reason: string, by: Principal): Promise<CorrectionOutcome> {
    const outcome = await this.dataSource.transaction(async (m) => {
      await openConference(m, conferenceId);
      const delegate = await this.delegate(m, conferenceId, delegateCode);
      const [checkIn] = await this.lockCheckIn(m, conferenceId, delegate.id);
      if (!present) {
        if (!checkIn) return { changed: false, correction: null, pointId: null };
        return { changed: true, correction: await this.removeCheckIn(m, conferenceId, delegate, checkIn, reason, by), pointId: checkIn.point_id };
      }
      if (checkIn) return { changed: false, correction: null, pointId: null };
      const inserted: { checked_in_at: Date }[] = await m.query(
        `INSERT INTO delegate_checkins (conference_id, delegate_id, point_id, actor) VALUES ($1, $2, $3, $4)
         ON CONFLICT (conference_id, delegate_id) DO NOTHING RETURNING checked_in_at`,
        [conferenceId, delegate.id, delegate.point_id, actorOf(by)],
      );
      if (inserted.length === 0) return { changed: false, correction: null, pointId: null };
      await m.query('UPDATE conference_points SET delegates_checked_in = delegates_checked_in + 1 WHERE conference_id = $1 AND point_id = $2', [
        conferenceId,
        delegate.point_id,
      ]);
      const correction = await this.keep(m, conferenceId, by, {
        kind: 'delegate_mark',
        point_id: delegate.point_id,
        delegate_id: delegate.id,
        target: delegate.code,
        before: { checkedIn: false },
        after: { checkedIn: true, checkedInAt: iso(inserted[0].checked_in_at), pointId: delegate.point_id },
        reason,
      });
      return { changed: true, correction, pointId: delegate.point_id };
    });
    if (outcome.pointId) this.live.changed(conferenceId, outcome.pointId);
    return { changed: outcome.changed, correction: outcome.correction };
  }

  /** An organizer corrects a point's headcount (which, like any report, checks the point in). */
  async correctHeadcount(conferenceId: string, pointId: string, present: number, reason: string, by: Principal): Promise<CorrectionOutcome> {
    return this.changePoint(conferenceId, pointId, by, async (m, row) => {
      if (row.present === present && row.status === 'checked_in') return null;
      await m.query(
        `UPDATE conference_points SET present = $3, present_at = now(), status = 'checked_in',
                checked_in_at = COALESCE(checked_in_at, now()),
                checked_out_at = CASE WHEN status = 'checked_in' THEN checked_out_at ELSE NULL END
          WHERE conference_id = $1 AND point_id = $2`,
        [conferenceId, pointId, present],
      );
      await pointEvent(m, conferenceId, pointId, 'headcount', present, by);
      return {
        kind: 'headcount',
        point_id: pointId,
        delegate_id: null,
        target: row.code,
        before: { present: row.present, status: row.status },
        after: { present, status: 'checked_in' },
        reason,
      };
    });
  }

  /** An organizer corrects whether a point checked in: a point that did take part, or one checked in by mistake. */
  async correctPointStatus(conferenceId: string, pointId: string, checkedIn: boolean, reason: string, by: Principal): Promise<CorrectionOutcome> {
    return this.changePoint(conferenceId, pointId, by, async (m, row) => {
      if ((row.status === 'checked_in') === checkedIn) return null;
      await m.query(
        checkedIn
          ? `UPDATE conference_points SET status = 'checked_in', checked_in_at = COALESCE(checked_in_at, now()), checked_out_at = NULL
              WHERE conference_id = $1 AND point_id = $2`
          : `UPDATE conference_points SET status = 'expected', checked_in_at = NULL, checked_out_at = NULL
              WHERE conference_id = $1 AND point_id = $2`,
        [conferenceId, pointId],
      );
      // (an UPDATE's RETURNING comes back in a driver-specific shape: read the row again)
      const [after]: { status: string; checked_in_at: Date | null }[] = await m.query(
        'SELECT status, checked_in_at FROM conference_points WHERE conference_id = $1 AND point_id = $2',
        [conferenceId, pointId],
      );
      await pointEvent(m, conferenceId, pointId, checkedIn ? 'check_in' : 'check_out', null, by);
      return {
        kind: 'point_status',
        point_id: pointId,
        delegate_id: null,
        target: row.code,
        before: { status: row.status, checkedInAt: iso(row.checked_in_at), checkedOutAt: iso(row.checked_out_at) },
        after: { status: after.status, checkedInAt: iso(after.checked_in_at), checkedOutAt: null },
        reason,
      };
    });
  }

  /** Every correction of a conference (or of one point), oldest first. */
  async list(conferenceId: string, m: EntityManager = this.dataSource.manager, pointIds?: string[]): Promise<AttendanceCorrectionDto[]> {
    const rows: CorrectionRow[] = await m.query(
      `SELECT id::text, kind, point_id, delegate_id, target, before, after, reason, actor, actor_name, at
         FROM attendance_corrections
        WHERE conference_id = $1 AND ($2::text IS NULL OR point_id::text = ANY(string_to_array($2, ',')))
        ORDER BY at, id`,
      [conferenceId, pointIds ? pointIds.join(',') : null],
    );
    return rows.map(toDto);
  }

  private async changePoint(
    conferenceId: string,
    pointId: string,
    by: Principal,
    change: (m: EntityManager, row: PointRow) => Promise<Change | null>,
  ): Promise<CorrectionOutcome> {
    const outcome = await this.dataSource.transaction(async (m) => {
      await openConference(m, conferenceId);
      const rows: PointRow[] = await m.query(
        `SELECT p.code, cp.status, cp.present, cp.checked_in_at, cp.checked_out_at
           FROM conference_points cp JOIN bridge_points p ON p.id = cp.point_id
          WHERE cp.conference_id = $1 AND cp.point_id = $2 FOR UPDATE OF cp`,
        [conferenceId, pointId],
      );
      if (rows.length === 0) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
      const change2 = await change(m, rows[0]);
      if (!change2) return { changed: false, correction: null };
      return { changed: true, correction: await this.keep(m, conferenceId, by, change2) };
    });
    if (outcome.changed) this.live.changed(conferenceId, pointId);
    return outcome;
  }

  private async delegate(m: EntityManager, conferenceId: string, delegateCode: string): Promise<DelegateRow> {
    const code = delegateCode.trim().toUpperCase();
    const rows: DelegateRow[] = await m.query(
      `SELECT d.id, d.code, d.full_name, d.point_id
         FROM delegates d JOIN conference_points cp ON cp.conference_id = $1 AND cp.point_id = d.point_id
        WHERE d.code = $2`,
      [conferenceId, code],
    );
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.DelegateNotFound, `No delegate with code "${code}" is registered for this conference.`);
    return rows[0];
  }

  private lockCheckIn(m: EntityManager, conferenceId: string, delegateId: string): Promise<CheckInRow[]> {
    return m.query('SELECT point_id, checked_in_at, actor FROM delegate_checkins WHERE conference_id = $1 AND delegate_id = $2 FOR UPDATE', [
      conferenceId,
      delegateId,
    ]);
  }

  private async removeCheckIn(m: EntityManager, conferenceId: string, delegate: DelegateRow, checkIn: CheckInRow, reason: string, by: Principal) {
    await m.query('DELETE FROM delegate_checkins WHERE conference_id = $1 AND delegate_id = $2', [conferenceId, delegate.id]);
    await m.query('UPDATE conference_points SET delegates_checked_in = delegates_checked_in - 1 WHERE conference_id = $1 AND point_id = $2', [
      conferenceId,
      checkIn.point_id,
    ]);
    return this.keep(m, conferenceId, by, {
      kind: 'delegate_unmark',
      point_id: checkIn.point_id,
      delegate_id: delegate.id,
      target: delegate.code,
      before: { checkedIn: true, checkedInAt: iso(checkIn.checked_in_at), pointId: checkIn.point_id, by: checkIn.actor },
      after: { checkedIn: false },
      reason,
    });
  }

  /** Writes the correction and its audit entry in the change's own transaction. */
  private async keep(m: EntityManager, conferenceId: string, by: Principal, c: Change): Promise<AttendanceCorrectionDto> {
    const [row]: CorrectionRow[] = await m.query(
      `INSERT INTO attendance_corrections (conference_id, point_id, delegate_id, kind, target, before, after, reason, actor, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
               CASE WHEN $10::text IS NOT NULL THEN (SELECT display_name FROM users WHERE id::text = $10)
                    ELSE (SELECT operator_name FROM bridge_points WHERE id::text = $11) END)
       RETURNING id::text, kind, point_id, delegate_id, target, before, after, reason, actor, actor_name, at`,
      [
        conferenceId,
        c.point_id,
        c.delegate_id,
        c.kind,
        c.target,
        JSON.stringify(c.before),
        JSON.stringify(c.after),
        c.reason,
        actorOf(by),
        by.kind === 'user' ? by.userId : null,
        by.kind === 'point' ? by.pointId : null,
      ],
    );
    await this.audit.record(
      { action: `attendance.${c.kind}`, conferenceId, targetType: c.delegate_id ? 'delegate' : 'point', targetId: c.delegate_id ?? c.point_id, before: c.before, after: { ...c.after, reason: c.reason } },
      m,
    );
    return toDto(row);
  }
}

function toDto(r: CorrectionRow): AttendanceCorrectionDto {
  return {
    id: r.id,
    kind: r.kind,
    pointId: r.point_id,
    delegateId: r.delegate_id,
    target: r.target,
    before: typeof r.before === 'string' ? JSON.parse(r.before) : r.before,
    after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after,
    reason: r.reason,
    actor: r.actor,
    actorName: r.actor_name,
    at: new Date(r.at).toISOString(),
  };
}
