import { Injectable } from '@nestjs/common';
import { AttendanceCorrectionDto, ErrorCode, ReconciliationRow } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CorrectionsService } from '../../attendance/corrections.service';
import { flagDifferences } from '../../attendance/record.service';
import { DomainError } from '../../common/domain-error';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../../units/unit-sql';
import { sortByVietnameseName } from './vietnamese-order';

/** Which part of the conference a record covers. */
export interface RecordScope {
  districtId?: string | null;
  pointId?: string | null;
}

export interface RecordPoint {
  id: string;
  code: string;
  name: string;
  unit: string | null;
  districtId: string | null;
  /** null: a city agency. */
  district: string | null;
  expected: number;
  status: string;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  present: number | null;
  roster: number;
  operatorName: string | null;
  operatorPhone: string | null;
  /** Minutes an operator page of the point held a live connection between the start and the end (or now). */
  onlineMinutes: number;
}

export interface RecordDelegate {
  code: string;
  fullName: string;
  title: string | null;
  checkedInAt: Date | null;
  checkedInPoint: string | null;
}

export interface RecordTotals {
  /** online: points connected at any time during the conference (presence spans). */
  points: { total: number; checkedIn: number; online: number };
  delegates: { expected: number; present: number; checkedIn: number };
}

export interface RecordData {
  conference: { id: string; title: string; startsAt: Date; endsAt: Date | null; status: string; lockedAt: Date | null };
  scope: 'conference' | 'district' | 'point';
  /** The district's name, or the point. */
  district: string | null;
  points: RecordPoint[];
  totals: RecordTotals;
  /** Point scope: the point's registered delegates, sorted the Vietnamese way. */
  delegates: RecordDelegate[];
  corrections: AttendanceCorrectionDto[];
  flagged: ReconciliationRow[];
  /** Differences above this many are flagged. */
  flaggedThreshold: number;
  /** The moment the data was read (one snapshot for everything in the record). */
  dataAt: Date;
}

interface PointRow {
  id: string;
  code: string;
  name: string;
  unit: string | null;
  district_id: string | null;
  district: string | null;
  expected: number;
  status: string;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  present: number | null;
  roster: number;
  operator_name: string | null;
  operator_phone: string | null;
  online_seconds: number | string | null;
}

/** Totals by the same rules as the live summary: a headcount counts while its point is checked in. */
export function totalsOf(points: RecordPoint[]): RecordTotals {
  const t: RecordTotals = { points: { total: 0, checkedIn: 0, online: 0 }, delegates: { expected: 0, present: 0, checkedIn: 0 } };
  for (const p of points) {
    const inNow = p.status === 'checked_in';
    t.points.total++;
    if (inNow) t.points.checkedIn++;
    if (p.onlineMinutes > 0) t.points.online++;
    t.delegates.expected += p.expected;
    t.delegates.present += inNow ? (p.present ?? 0) : 0;
    t.delegates.checkedIn += p.roster;
  }
  return t;
}

/** Reads everything a record shows in one repeatable-read transaction, so its numbers agree with each other. */
@Injectable()
export class RecordReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly corrections: CorrectionsService,
  ) {}

  /** Checks a scope before a job is queued: the point takes part, the district is a district; not both. */
  async checkScope(conferenceId: string, scope: RecordScope): Promise<void> {
    if (scope.districtId && scope.pointId) {
      throw DomainError.badRequest(ErrorCode.ValidationFailed, 'Give either districtId or pointId, not both.');
    }
    if (scope.pointId) {
      const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM conference_points WHERE conference_id = $1 AND point_id = $2', [
        conferenceId,
        scope.pointId,
      ]);
      if (rows.length === 0) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
    }
    if (scope.districtId) {
      const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1 AND kind = 'district'`, [scope.districtId]);
      if (rows.length === 0) throw DomainError.notFound(ErrorCode.UnitNotFound, 'No district with this id.');
    }
  }

  load(conferenceId: string, scope: RecordScope, threshold: number): Promise<RecordData> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [conf]: { title: string; starts_at: Date; ends_at: Date | null; status: string; record_locked_at: Date | null; now: Date }[] = await m.query(
        'SELECT title, starts_at, ends_at, status, record_locked_at, now() AS now FROM conferences WHERE id = $1',
        [conferenceId],
      );
      if (!conf) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
      const points = await this.points(m, conferenceId, scope);
      const ids = points.map((p) => p.id);
      const whole = !scope.districtId && !scope.pointId;
      const delegates = scope.pointId ? await this.delegates(m, conferenceId, scope.pointId) : [];
      let district: string | null = null;
      if (scope.districtId) {
        const [u]: { name: string }[] = await m.query('SELECT name FROM units WHERE id = $1', [scope.districtId]);
        district = u?.name ?? null;
      }
      return {
        conference: { id: conferenceId, title: conf.title, startsAt: conf.starts_at, endsAt: conf.ends_at, status: conf.status, lockedAt: conf.record_locked_at },
        scope: scope.pointId ? 'point' : scope.districtId ? 'district' : 'conference',
        district,
        points,
        totals: totalsOf(points),
        delegates,
        corrections: await this.corrections.list(conferenceId, m, whole ? undefined : ids),
        flagged: flagDifferences(
          points
            .filter((p) => p.status === 'checked_in')
            .map((p) => ({ point_id: p.id, code: p.code, name: p.name, district: p.district, expected: p.expected, present: p.present, roster: p.roster })),
          threshold,
        ),
        flaggedThreshold: threshold,
        dataAt: conf.now,
      };
    });
  }

  private async points(m: EntityManager, conferenceId: string, scope: RecordScope): Promise<RecordPoint[]> {
    const params: unknown[] = [conferenceId];
    let where = '';
    if (scope.pointId) {
      params.push(scope.pointId);
      where = 'AND cp.point_id = $2';
    } else if (scope.districtId) {
      params.push(scope.districtId);
      where = 'AND (u.id = $2 OR u.parent_id = $2)';
    }
    const rows: PointRow[] = await m.query(
      `SELECT cp.point_id AS id, p.code, p.name, u.name AS unit,
              CASE WHEN u.kind = 'district' THEN u.id WHEN u.kind = 'ward' THEN u.parent_id END AS district_id,
              ${POINT_DISTRICT} AS district, p.expected_delegates AS expected, cp.status, cp.checked_in_at, cp.checked_out_at,
              cp.present, cp.delegates_checked_in AS roster, p.operator_name, p.operator_phone,
              (SELECT sum(extract(epoch FROM least(coalesce(s.ended_at, now()), coalesce(c.ends_at, now()))
                                           - greatest(s.started_at, c.starts_at)))
                 FROM presence_spans s
                WHERE s.conference_id = cp.conference_id AND s.point_id = cp.point_id
                  AND s.started_at < coalesce(c.ends_at, now()) AND coalesce(s.ended_at, now()) > c.starts_at) AS online_seconds
         FROM conference_points cp
         JOIN conferences c ON c.id = cp.conference_id
         JOIN bridge_points p ON p.id = cp.point_id
         ${POINT_UNITS_JOIN}
        WHERE cp.conference_id = $1 ${where}
        ORDER BY p.code`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      unit: r.unit,
      districtId: r.district_id,
      district: r.district,
      expected: r.expected,
      status: r.status,
      checkedInAt: r.checked_in_at,
      checkedOutAt: r.checked_out_at,
      present: r.present,
      roster: r.roster,
      operatorName: r.operator_name,
      operatorPhone: r.operator_phone,
      // A point online for a few seconds counts as online: rounded up to the minute.
      onlineMinutes: Math.ceil(Math.max(0, Number(r.online_seconds ?? 0)) / 60),
    }));
  }

  private async delegates(m: EntityManager, conferenceId: string, pointId: string): Promise<RecordDelegate[]> {
    const rows: { code: string; full_name: string; title: string | null; checked_in_at: Date | null; checked_in_point: string | null }[] = await m.query(
      `SELECT d.code, d.full_name, d.title, dc.checked_in_at, p2.code AS checked_in_point
         FROM delegates d
         LEFT JOIN delegate_checkins dc ON dc.conference_id = $1 AND dc.delegate_id = d.id
         LEFT JOIN bridge_points p2 ON p2.id = dc.point_id
        WHERE d.point_id = $2`,
      [conferenceId, pointId],
    );
    return sortByVietnameseName(
      rows.map((r) => ({ code: r.code, fullName: r.full_name, title: r.title, checkedInAt: r.checked_in_at, checkedInPoint: r.checked_in_point })),
      (d) => d.fullName,
      (d) => d.code,
    );
  }
}
