import { Injectable } from '@nestjs/common';
import { ErrorCode, FloorDto, Principal, SpeakRequestDto, SpeakStatus } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf } from '../attendance/attendance.service';
import { LiveNotifier } from '../live/live-notifier';
import { DomainError } from '../common/domain-error';
import { onceByKey } from '../common/idempotency';
import { returned } from '../common/returned';
import { assertPointMayAsk, SPEAK_LATEST_SELECT, SPEAK_SELECT, toSpeakDto } from './question-sql';

/** Requests to speak, strictly in the order the server received them, and the floor they lead to. */
@Injectable()
export class SpeakService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveNotifier,
  ) {}

  /** Waiting and granted requests in arrival order (the sequence is the database's, the same for every process). */
  async queue(conferenceId: string, m: EntityManager = this.dataSource.manager): Promise<SpeakRequestDto[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `${SPEAK_SELECT} WHERE s.conference_id = $1 AND s.status IN ('waiting', 'granted') ORDER BY s.seq`,
      [conferenceId],
    );
    return rows.map(toSpeakDto);
  }

  /** Each point's latest request, whatever its state (what became of it is news for the point). */
  async latestOf(conferenceId: string, pointIds: string[]): Promise<Map<string, SpeakRequestDto>> {
    if (pointIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${SPEAK_LATEST_SELECT} WHERE s.conference_id = $1 AND s.point_id::text = ANY(string_to_array($2, ','))
        ORDER BY s.point_id, s.seq DESC`,
      [conferenceId, pointIds.join(',')],
    );
    return new Map(rows.map((r) => [r.point_id as string, toSpeakDto(r)]));
  }

  /** With an Idempotency-Key, a retried request returns the first result instead of SPEAK_REQUEST_EXISTS. */
  async request(conferenceId: string, pointId: string, topic: string | null, idempotencyKey: string | null = null): Promise<SpeakRequestDto> {
    const { result, replayed } = await onceByKey(this.dataSource, `speak:${conferenceId}:${pointId}`, idempotencyKey, { topic }, async (m) => {
      await assertPointMayAsk(m, conferenceId, pointId);
      // The one-open-request index decides; a savepoint keeps the transaction usable to report it.
      await m.query('SAVEPOINT speak_request');
      let rows: { id: string }[];
      try {
        rows = await m.query(
          `INSERT INTO speak_requests (conference_id, point_id, topic)
           SELECT $1, $2, $3 FROM conference_points WHERE conference_id = $1 AND point_id = $2 RETURNING id`,
          [conferenceId, pointId, topic],
        );
      } catch (e) {
        await m.query('ROLLBACK TO SAVEPOINT speak_request');
        if ((e as { code?: string }).code === '23505') {
          throw DomainError.conflict(ErrorCode.SpeakRequestExists, 'This point already asked for the floor; withdraw that request first.');
        }
        throw e;
      }
      if (rows.length === 0) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
      return this.get(conferenceId, rows[0].id, m);
    });
    if (!replayed) this.live.changed(conferenceId, pointId, 'moderation');
    return result;
  }

  async withdraw(conferenceId: string, requestId: string, by: Principal & { kind: 'point' }) {
    return this.move(conferenceId, requestId, ['waiting'], 'withdrawn', by, (r) => {
      if (r.pointId !== by.pointId) throw DomainError.forbidden('This request belongs to another point.');
    });
  }

  async skip(conferenceId: string, requestId: string, by: Principal) {
    return this.move(conferenceId, requestId, ['waiting'], 'skipped', by);
  }

  async remove(conferenceId: string, requestId: string, by: Principal) {
    return this.move(conferenceId, requestId, ['waiting', 'granted'], 'removed', by, undefined, true);
  }

  /** Gives the floor to the request's point; whoever held it is released first. */
  async grant(conferenceId: string, requestId: string, by: Principal): Promise<SpeakRequestDto> {
    return this.move(conferenceId, requestId, ['waiting'], 'granted', by, undefined, true, async (m, r) => {
      await m.query(
        `INSERT INTO floor_grants (conference_id, point_id, speak_request_id, granted_by) VALUES ($1, $2, $3, $4)`,
        [conferenceId, r.pointId, r.id, actorOf(by)],
      );
    });
  }

  /** Gives the floor to a point directly, without a request. */
  async grantPoint(conferenceId: string, pointId: string, by: Principal): Promise<FloorDto> {
    await this.dataSource.transaction(async (m) => {
      const ok: unknown[] = await m.query('SELECT 1 FROM conference_points WHERE conference_id = $1 AND point_id = $2', [conferenceId, pointId]);
      if (ok.length === 0) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
      await this.releaseIn(m, conferenceId, by);
      await m.query('INSERT INTO floor_grants (conference_id, point_id, granted_by) VALUES ($1, $2, $3)', [conferenceId, pointId, actorOf(by)]);
    });
    this.live.changed(conferenceId, pointId, 'moderation');
    return this.floor(conferenceId);
  }

  async release(conferenceId: string, by: Principal): Promise<FloorDto> {
    const released = await this.dataSource.transaction((m) => this.releaseIn(m, conferenceId, by));
    if (released) this.live.changed(conferenceId, released, 'moderation');
    return this.floor(conferenceId);
  }

  async floor(conferenceId: string, m: EntityManager = this.dataSource.manager): Promise<FloorDto> {
    const rows: { point_id: string; name: string; granted_at: Date; interrupted_at: Date | null }[] = await m.query(
      `SELECT f.point_id, p.name, f.granted_at, f.interrupted_at FROM floor_grants f JOIN bridge_points p ON p.id = f.point_id
        WHERE f.conference_id = $1 AND f.released_at IS NULL`,
      [conferenceId],
    );
    const f = rows[0];
    return {
      conferenceId,
      pointId: f?.point_id ?? null,
      pointName: f?.name ?? null,
      grantedAt: f?.granted_at.toISOString() ?? null,
      interruptedAt: f?.interrupted_at?.toISOString() ?? null,
    };
  }

  /**
   * Marks the current grant of this point interrupted (its uplink or connection is gone) or resumed. Nothing
   * happens when the point no longer holds the floor or the mark is already so; true when it changed.
   */
  async markInterrupted(conferenceId: string, pointId: string, interrupted: boolean): Promise<boolean> {
    const rows = returned<{ id: string }>(await this.dataSource.query(
      `UPDATE floor_grants SET interrupted_at = ${interrupted ? 'now()' : 'NULL'}
        WHERE conference_id = $1 AND point_id = $2 AND released_at IS NULL AND interrupted_at IS ${interrupted ? 'NULL' : 'NOT NULL'}
        RETURNING id`,
      [conferenceId, pointId],
    ));
    if (rows.length > 0) this.live.changed(conferenceId, pointId, 'moderation');
    return rows.length > 0;
  }

  private async get(conferenceId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<SpeakRequestDto> {
    const rows: Record<string, unknown>[] = await m.query(`${SPEAK_SELECT} WHERE s.conference_id = $1 AND s.id = $2`, [conferenceId, id]);
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.SpeakRequestNotFound, 'No such request to speak in this conference.');
    return toSpeakDto(rows[0]);
  }

  /** Ends the current grant, if any; its request is done. Returns the point that held the floor. */
  private async releaseIn(m: EntityManager, conferenceId: string, by: Principal): Promise<string | null> {
    const rows = returned<{ point_id: string; speak_request_id: string | null }>(await m.query(
      `UPDATE floor_grants SET released_at = now(), released_by = $2 WHERE conference_id = $1 AND released_at IS NULL
       RETURNING point_id, speak_request_id`,
      [conferenceId, actorOf(by)],
    ));
    for (const r of rows) {
      if (r.speak_request_id) {
        await m.query(`UPDATE speak_requests SET status = 'done', decided_at = now(), decided_by = $2 WHERE id = $1 AND status = 'granted'`, [
          r.speak_request_id,
          actorOf(by),
        ]);
      }
    }
    return rows[0]?.point_id ?? null;
  }

  private async move(
    conferenceId: string,
    requestId: string,
    from: SpeakStatus[],
    to: SpeakStatus,
    by: Principal,
    check?: (r: SpeakRequestDto) => void,
    affectsFloor = false,
    then?: (m: EntityManager, r: SpeakRequestDto) => Promise<void>,
  ): Promise<SpeakRequestDto> {
    const { result, released } = await this.dataSource.transaction(async (m) => {
      const locked: unknown[] = await m.query('SELECT id FROM speak_requests WHERE id = $1 AND conference_id = $2 FOR UPDATE', [requestId, conferenceId]);
      if (locked.length === 0) throw DomainError.notFound(ErrorCode.SpeakRequestNotFound, 'No such request to speak in this conference.');
      const r = await this.get(conferenceId, requestId, m);
      check?.(r);
      if (r.status === to) return { result: r, released: null };
      if (!from.includes(r.status)) {
        throw DomainError.conflict(ErrorCode.SpeakInvalidTransition, `A ${r.status} request cannot become ${to}.`, { from: r.status, to });
      }
      // Taking the floor away from, or giving it to, a point ends any current grant first.
      const released = affectsFloor && (to === 'granted' || r.status === 'granted') ? await this.releaseIn(m, conferenceId, by) : null;
      await m.query('UPDATE speak_requests SET status = $2, decided_at = now(), decided_by = $3 WHERE id = $1', [requestId, to, actorOf(by)]);
      const updated = await this.get(conferenceId, requestId, m);
      await then?.(m, updated);
      return { result: updated, released };
    });
    this.live.changed(conferenceId, result.pointId, 'moderation');
    if (released && released !== result.pointId) this.live.changed(conferenceId, released, 'moderation');
    return result;
  }
}
