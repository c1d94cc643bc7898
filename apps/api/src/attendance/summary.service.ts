import { Injectable } from '@nestjs/common';
import { AttendanceSummary, ErrorCode, MissingPoint, TimelineMinute, UnitAttendance } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';

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
}

/** Timelines longer than this many minutes keep only the latest ones. */
const TIMELINE_MAX_MINUTES = 720;
const AGENCIES = 'Cơ quan cấp thành phố';

/** Computes the live attendance numbers from Postgres, the single source of truth. */
@Injectable()
export class SummaryService {
  constructor(private readonly dataSource: DataSource) {}

  async compute(conferenceId: string): Promise<AttendanceSummary> {
    const [points, timeline, exists] = await Promise.all([
      this.dataSource.query(
        `SELECT cp.point_id, p.code, p.name, cp.status, cp.present, p.expected_delegates AS expected,
                p.operator_name, p.operator_phone, u.name AS unit_name,
                CASE WHEN u.kind = 'district' THEN u.id WHEN u.kind = 'ward' THEN u.parent_id END AS group_id,
                CASE WHEN u.kind = 'district' THEN u.name WHEN u.kind = 'ward' THEN d.name END AS group_name,
                coalesce(dc.n, 0) AS delegates_checked_in
           FROM conference_points cp
           JOIN bridge_points p ON p.id = cp.point_id
           LEFT JOIN units u ON u.id = p.unit_id
           LEFT JOIN units d ON d.id = u.parent_id
           LEFT JOIN (SELECT point_id, count(*)::int AS n FROM delegate_checkins WHERE conference_id = $1 GROUP BY point_id) dc
                  ON dc.point_id = cp.point_id
          WHERE cp.conference_id = $1
          ORDER BY p.code`,
        [conferenceId],
      ) as Promise<PointRow[]>,
      this.timeline(conferenceId),
      this.dataSource.query('SELECT 1 FROM conferences WHERE id = $1', [conferenceId]) as Promise<unknown[]>,
    ]);
    if (exists.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');

    const totals = { points: { total: 0, checkedIn: 0 }, delegates: { expected: 0, present: 0, checkedIn: 0 } };
    const groups = new Map<string, UnitAttendance>();
    const missing: MissingPoint[] = [];
    for (const p of points) {
      const checkedIn = p.status === 'checked_in';
      const key = p.group_id ?? 'agencies';
      let g = groups.get(key);
      if (!g) {
        g = { unitId: p.group_id, name: p.group_name ?? AGENCIES, points: { total: 0, checkedIn: 0 }, delegates: { expected: 0, present: 0, checkedIn: 0 } };
        groups.set(key, g);
      }
      for (const t of [totals, g]) {
        t.points.total++;
        if (checkedIn) t.points.checkedIn++;
        t.delegates.expected += p.expected;
        t.delegates.present += checkedIn ? (p.present ?? 0) : 0;
        t.delegates.checkedIn += p.delegates_checked_in;
      }
      if (!checkedIn) {
        missing.push({ pointId: p.point_id, code: p.code, name: p.name, unit: p.unit_name, operatorName: p.operator_name, operatorPhone: p.operator_phone });
      }
    }
    return {
      conferenceId,
      ...totals,
      byUnit: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      missing,
      timeline,
      at: new Date().toISOString(),
    };
  }

  /** Cumulative points and delegates checked in, minute by minute, gaps filled. */
  private async timeline(conferenceId: string): Promise<TimelineMinute[]> {
    const snapshots: { minute: Date; present: number }[] = await this.dataSource.query(
      'SELECT minute, present FROM attendance_snapshots WHERE conference_id = $1 ORDER BY minute',
      [conferenceId],
    );
    const presentAt = new Map(snapshots.map((s) => [s.minute.getTime(), s.present]));
    const rows: { minute: Date; points: number; delegates: number }[] = await this.dataSource.query(
      `SELECT minute, sum(points)::int AS points, sum(delegates)::int AS delegates FROM (
         SELECT date_trunc('minute', checked_in_at) AS minute, count(*) AS points, 0 AS delegates
           FROM conference_points WHERE conference_id = $1 AND status = 'checked_in' GROUP BY 1
         UNION ALL
         SELECT date_trunc('minute', checked_in_at), 0, count(*)
           FROM delegate_checkins WHERE conference_id = $1 GROUP BY 1
       ) t GROUP BY minute ORDER BY minute`,
      [conferenceId],
    );
    if (rows.length === 0) return [];
    const byMinute = new Map(rows.map((r) => [r.minute.getTime(), r]));
    const end = Math.max(rows[rows.length - 1].minute.getTime(), Math.floor(Date.now() / 60_000) * 60_000);
    const start = Math.max(rows[0].minute.getTime(), end - (TIMELINE_MAX_MINUTES - 1) * 60_000);
    const out: TimelineMinute[] = [];
    let points = 0;
    let delegates = 0;
    let present: number | null = null;
    for (const r of rows) {
      if (r.minute.getTime() >= start) break;
      points += r.points;
      delegates += r.delegates;
    }
    for (const s of snapshots) if (s.minute.getTime() < start) present = s.present;
    for (let t = start; t <= end; t += 60_000) {
      const r = byMinute.get(t);
      points += r?.points ?? 0;
      delegates += r?.delegates ?? 0;
      present = presentAt.get(t) ?? present;
      out.push({ at: new Date(t).toISOString(), pointsCheckedIn: points, delegatesCheckedIn: delegates, present });
    }
    return out;
  }
}
