import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MEDIA_LINK_FRESH_MS,
  type PointReadiness,
  type PointRehearsal,
  type RehearsalProblem,
  type PointStatus,
  type PresenceDto,
} from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { LINK_REPORTS, type LinkReportStore } from '../media/link-reports';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../units/unit-sql';

/** A point came online or went offline at `at` (Redis's clock). */
export interface PresenceTransition {
  conferenceId: string;
  pointId: string;
  online: boolean;
  at: Date;
}

interface Row {
  point_id: string;
  code: string;
  name: string;
  status: PointStatus;
  district_id: string | null;
  district: string | null;
  operator_name: string | null;
  operator_phone: string | null;
  online: boolean | null;
  last_seen_at: Date | null;
  readiness: PointReadiness | null;
  readiness_detail: string | null;
  rehearsal: PointRehearsal | null;
  rehearsal_problem: RehearsalProblem | null;
  rehearsal_note: string | null;
}

/**
 * The durable side of presence: each point's current state and its online spans in Postgres. A
 * transition is applied only if it changes the state and is not older than the one recorded, so a
 * repeated or late report (two processes, a Redis restart re-asserting every holder) changes nothing.
 */
@Injectable()
export class PresenceService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LINK_REPORTS) private readonly links: LinkReportStore,
  ) {}

  /** Applies transitions (at most one per point); returns those that changed the recorded state. */
  async record(transitions: PresenceTransition[]): Promise<PresenceTransition[]> {
    if (transitions.length === 0) return [];
    const rows = (await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::timestamptz[]) AS t(conference_id, point_id, online, at)
       ), changed AS (
         INSERT INTO point_presence AS pp (conference_id, point_id, online, changed_at, last_seen_at)
         SELECT i.conference_id, i.point_id, i.online, i.at, i.at
           FROM input i JOIN conference_points cp ON cp.conference_id = i.conference_id AND cp.point_id = i.point_id
         ON CONFLICT (conference_id, point_id) DO UPDATE
           SET online = EXCLUDED.online, changed_at = EXCLUDED.changed_at,
               last_seen_at = CASE WHEN EXCLUDED.online THEN pp.last_seen_at ELSE EXCLUDED.changed_at END
           WHERE pp.online <> EXCLUDED.online AND pp.changed_at <= EXCLUDED.changed_at
         RETURNING pp.conference_id, pp.point_id, pp.online, pp.changed_at
       ), opened AS (
         INSERT INTO presence_spans (conference_id, point_id, started_at)
         SELECT conference_id, point_id, changed_at FROM changed WHERE online
         ON CONFLICT (conference_id, point_id) WHERE ended_at IS NULL DO NOTHING
       ), closed AS (
         UPDATE presence_spans s SET ended_at = GREATEST(c.changed_at, s.started_at)
           FROM changed c
          WHERE NOT c.online AND s.conference_id = c.conference_id AND s.point_id = c.point_id AND s.ended_at IS NULL
       )
       SELECT conference_id, point_id, online, changed_at FROM changed`,
      [
        transitions.map((t) => t.conferenceId),
        transitions.map((t) => t.pointId),
        transitions.map((t) => t.online),
        transitions.map((t) => t.at.toISOString()),
      ],
    )) as { conference_id: string; point_id: string; online: boolean; changed_at: Date }[];
    return rows.map((r) => ({ conferenceId: r.conference_id, pointId: r.point_id, online: r.online, at: new Date(r.changed_at) }));
  }

  /** Points Postgres records as online, per conference. */
  async recordedOnline(): Promise<Map<string, Set<string>>> {
    const rows = (await this.dataSource.query('SELECT conference_id, point_id FROM point_presence WHERE online')) as {
      conference_id: string;
      point_id: string;
    }[];
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      let set = out.get(r.conference_id);
      if (!set) out.set(r.conference_id, (set = new Set()));
      set.add(r.point_id);
    }
    return out;
  }

  /** Online spans of a point, oldest first (an open span has `to` null). */
  async spans(conferenceId: string, pointId: string): Promise<{ from: Date; to: Date | null }[]> {
    const rows = (await this.dataSource.query(
      'SELECT started_at, ended_at FROM presence_spans WHERE conference_id = $1 AND point_id = $2 ORDER BY started_at',
      [conferenceId, pointId],
    )) as { started_at: Date; ended_at: Date | null }[];
    return rows.map((r) => ({ from: new Date(r.started_at), to: r.ended_at && new Date(r.ended_at) }));
  }

  async list(conferenceId: string): Promise<PresenceDto> {
    const [rows, exists, links] = await Promise.all([
      this.dataSource.query(
        `SELECT cp.point_id, p.code, p.name, cp.status, p.operator_name, p.operator_phone,
                CASE WHEN u.kind = 'district' THEN u.id WHEN u.kind = 'ward' THEN u.parent_id END AS district_id,
                ${POINT_DISTRICT} AS district,
                pp.online, pp.last_seen_at, pp.readiness, pp.readiness_detail, pp.rehearsal, pp.rehearsal_problem, pp.rehearsal_note
           FROM conference_points cp
           JOIN bridge_points p ON p.id = cp.point_id
           ${POINT_UNITS_JOIN}
           LEFT JOIN point_presence pp ON pp.conference_id = cp.conference_id AND pp.point_id = cp.point_id
          WHERE cp.conference_id = $1
          ORDER BY p.code`,
        [conferenceId],
      ) as Promise<Row[]>,
      this.dataSource.query('SELECT rehearsal_started_at FROM conferences WHERE id = $1', [conferenceId]) as Promise<{ rehearsal_started_at: Date | null }[]>,
      this.sendingPoints(conferenceId),
    ]);
    if (exists.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    const now = new Date();
    let online = 0;
    const points = rows.map((r) => {
      if (r.online) online++;
      return {
        pointId: r.point_id,
        code: r.code,
        online: r.online === true,
        lastSeenAt: r.online ? now.toISOString() : r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
        readiness: r.readiness ?? 'untested',
        readinessDetail: r.readiness_detail,
        rehearsal: r.rehearsal ?? 'unconfirmed',
        rehearsalProblem: r.rehearsal_problem,
        rehearsalNote: r.rehearsal_note,
        sending: r.online === true && links.has(r.point_id),
        name: r.name,
        districtId: r.district_id,
        district: r.district,
        status: r.status,
        operatorName: r.operator_name,
        operatorPhone: r.operator_phone,
      };
    });
    const rehearsalStartedAt = exists[0].rehearsal_started_at ? new Date(exists[0].rehearsal_started_at).toISOString() : null;
    return { conferenceId, total: rows.length, online, points, rehearsalStartedAt, at: now.toISOString() };
  }

  /** Points whose page reported sending its camera in the last MEDIA_LINK_FRESH_MS (one read of the link reports). */
  private async sendingPoints(conferenceId: string): Promise<Set<string>> {
    const out = new Set<string>();
    try {
      const now = Date.now();
      for (const link of await this.links.list(conferenceId)) {
        if (link.sendKbps > 0 && now - Date.parse(link.at) <= MEDIA_LINK_FRESH_MS) out.add(link.pointId);
      }
    } catch {
      // Link reports are measurements: without Redis, nobody is shown as sending.
    }
    return out;
  }
}
