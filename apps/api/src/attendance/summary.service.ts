import { Injectable } from '@nestjs/common';
import { AttendanceSummary, ErrorCode, MissingPoint, TimelineMinute, UnitAttendance } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../units/unit-sql';

interface PointRow {
  point_id: string;
  code: string;
  name: string;
  status: string;
  present: number | null;
  expected: number;
  operator_name: string | null;
  operator_phone: string | null;
  unit_name: string | null;
  group_id: string | null;
  group_name: string | null;
  delegates_checked_in: number;
  online: boolean;
}

/** Timelines longer than this many minutes keep only the latest ones. */
const TIMELINE_MAX_MINUTES = 720;
const DELEGATE_MINUTES_TTL_MS = 5000;
/** The group of points under the city itself (agencies), named in both languages. */
export const CITY_AGENCIES = { vi: 'Cơ quan cấp thành phố', en: 'City agencies' };

/** Computes the live attendance numbers from Postgres, the single source of truth. */
@Injectable()
export class SummaryService {
  private readonly minuteCache = new Map<string, { at: number; rows: Promise<{ minute: Date; n: number }[]> }>();

  constructor(private readonly dataSource: DataSource) {}

  async compute(conferenceId: string): Promise<AttendanceSummary> {
    const [points, exists] = await Promise.all([
      this.dataSource.query(
        `SELECT cp.point_id, p.code, p.name, cp.status, cp.present, p.expected_delegates AS expected,
                p.operator_name, p.operator_phone, u.name AS unit_name,
                CASE WHEN u.kind = 'district' THEN u.id WHEN u.kind = 'ward' THEN u.parent_id END AS group_id,
                ${POINT_DISTRICT} AS group_name,
                cp.delegates_checked_in, COALESCE(pp.online, false) AS online
           FROM conference_points cp
           JOIN bridge_points p ON p.id = cp.point_id
           ${POINT_UNITS_JOIN}
           LEFT JOIN point_presence pp ON pp.conference_id = cp.conference_id AND pp.point_id = cp.point_id
          WHERE cp.conference_id = $1
          ORDER BY p.code`,
        [conferenceId],
      ) as Promise<PointRow[]>,
      this.dataSource.query('SELECT 1 FROM conferences WHERE id = $1', [conferenceId]) as Promise<unknown[]>,
    ]);
    if (exists.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');

    const totals = { points: { total: 0, checkedIn: 0, online: 0 }, delegates: { expected: 0, present: 0, checkedIn: 0 } };
    const groups = new Map<string, UnitAttendance>();
    const missing: MissingPoint[] = [];
    for (const p of points) {
      const checkedIn = p.status === 'checked_in';
      const key = p.group_id ?? 'agencies';
      let g = groups.get(key);
      if (!g) {
        g = { unitId: p.group_id, name: p.group_name ?? CITY_AGENCIES.vi, points: { total: 0, checkedIn: 0, online: 0 }, delegates: { expected: 0, present: 0, checkedIn: 0 } };
        groups.set(key, g);
      }
      for (const t of [totals, g]) {
        t.points.total++;
        if (checkedIn) t.points.checkedIn++;
        if (p.online) t.points.online++;
        t.delegates.expected += p.expected;
        t.delegates.present += checkedIn ? (p.present ?? 0) : 0;
        t.delegates.checkedIn += p.delegates_checked_in;
      }
      if (!checkedIn) {
        missing.push({ pointId: p.point_id, code: p.code, name: p.name, unit: p.unit_name, operatorName: p.operator_name, operatorPhone: p.operator_phone });
      }
    }
    const timeline = await this.timeline(conferenceId, totals.delegates.checkedIn);
    return {
      conferenceId,
      ...totals,
      byUnit: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      missing,
      timeline,
      at: new Date().toISOString(),
    };
  }

  /**
   * Cumulative points and delegates checked in, minute by minute, gaps filled. Counting check-ins per
   * minute reads every check-in, so that part is reused for a few seconds; the newest minute always
   * ends on the live total.
   */
  private async timeline(conferenceId: string, delegatesNow: number): Promise<TimelineMinute[]> {
    const [snapshots, pointRows, delegateRows] = await Promise.all([
      this.dataSource.query('SELECT minute, present FROM attendance_snapshots WHERE conference_id = $1 ORDER BY minute', [
        conferenceId,
      ]) as Promise<{ minute: Date; present: number }[]>,
      this.dataSource.query(
        `SELECT date_trunc('minute', checked_in_at) AS minute, count(*)::int AS n
           FROM conference_points WHERE conference_id = $1 AND status = 'checked_in' GROUP BY 1`,
        [conferenceId],
      ) as Promise<{ minute: Date; n: number }[]>,
      this.delegateMinutes(conferenceId),
    ]);
    const perMinute = new Map<number, { points: number; delegates: number }>();
    const at = (t: number) => perMinute.get(t) ?? perMinute.set(t, { points: 0, delegates: 0 }).get(t)!;
    for (const r of pointRows) at(r.minute.getTime()).points += r.n;
    for (const r of delegateRows) at(r.minute.getTime()).delegates += r.n;
    const counted = delegateRows.reduce((sum, r) => sum + r.n, 0);
    const nowMinute = Math.floor(Date.now() / 60_000) * 60_000;
    // Check-ins newer than the reused counts belong to the current minute.
    if (delegatesNow > counted) at(nowMinute).delegates += delegatesNow - counted;
    if (perMinute.size === 0) return [];

    const minutes = [...perMinute.keys()].sort((a, b) => a - b);
    const end = Math.max(minutes[minutes.length - 1], nowMinute);
    const start = Math.max(minutes[0], end - (TIMELINE_MAX_MINUTES - 1) * 60_000);
    const presentAt = new Map(snapshots.map((s) => [s.minute.getTime(), s.present]));
    let points = 0;
    let delegates = 0;
    let present: number | null = null;
    for (const t of minutes) {
      if (t >= start) break;
      points += perMinute.get(t)!.points;
      delegates += perMinute.get(t)!.delegates;
    }
    for (const snap of snapshots) if (snap.minute.getTime() < start) present = snap.present;
    const out: TimelineMinute[] = [];
    for (let t = start; t <= end; t += 60_000) {
      points += perMinute.get(t)?.points ?? 0;
      delegates += perMinute.get(t)?.delegates ?? 0;
      present = presentAt.get(t) ?? present;
      out.push({ at: new Date(t).toISOString(), pointsCheckedIn: points, delegatesCheckedIn: delegates, present });
    }
    return out;
  }

  /** Check-ins per minute, recounted at most every DELEGATE_MINUTES_TTL_MS per conference. */
  private delegateMinutes(conferenceId: string): Promise<{ minute: Date; n: number }[]> {
    const hit = this.minuteCache.get(conferenceId);
    if (hit && Date.now() - hit.at < DELEGATE_MINUTES_TTL_MS) return hit.rows;
    const rows = this.dataSource.query(
      `SELECT date_trunc('minute', checked_in_at) AS minute, count(*)::int AS n
         FROM delegate_checkins WHERE conference_id = $1 GROUP BY 1`,
      [conferenceId],
    ) as Promise<{ minute: Date; n: number }[]>;
    this.minuteCache.set(conferenceId, { at: Date.now(), rows });
    rows.catch(() => this.minuteCache.delete(conferenceId));
    return rows;
  }
}
