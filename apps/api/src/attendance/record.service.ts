import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, Principal, ReconciliationDto, ReconciliationRow, RecordStateDto } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../units/unit-sql';
import { actorOf } from './attendance.service';

interface StateRow {
  record_version: number;
  record_locked_at: Date | null;
  record_locked_by: string | null;
  corrections: number;
}

/** The record's sign-off: lock (organizers) and unlock (admins), both in the audit log; versions; reconciliation. */
@Injectable()
export class RecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async state(conferenceId: string, m: EntityManager = this.dataSource.manager): Promise<RecordStateDto> {
    const rows: StateRow[] = await m.query(
      `SELECT record_version, record_locked_at, record_locked_by,
              (SELECT count(*)::int FROM attendance_corrections WHERE conference_id = c.id) AS corrections
         FROM conferences c WHERE id = $1`,
      [conferenceId],
    );
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    const r = rows[0];
    return {
      conferenceId,
      locked: r.record_locked_at !== null,
      lockedAt: r.record_locked_at?.toISOString() ?? null,
      lockedBy: r.record_locked_by,
      version: r.record_version,
      corrections: r.corrections,
    };
  }

  /** Locks the record; locking a locked record changes nothing. */
  async lock(conferenceId: string, by: Principal): Promise<RecordStateDto> {
    return this.dataSource.transaction(async (m) => {
      // Waits until attendance changes in flight (they hold KEY SHARE on this row) have committed; changes
      // arriving after this wait for the lock and then see it.
      await m.query('SELECT 1 FROM conferences WHERE id = $1 FOR UPDATE', [conferenceId]);
      const before = await this.state(conferenceId, m);
      if (before.locked) return before;
      await m.query('UPDATE conferences SET record_locked_at = now(), record_locked_by = $2 WHERE id = $1', [conferenceId, actorOf(by)]);
      const after = await this.state(conferenceId, m);
      await this.audit.record(
        { action: 'record.lock', conferenceId, targetType: 'conference', targetId: conferenceId, before: { locked: false }, after: { locked: true, version: after.version } },
        m,
      );
      return after;
    });
  }

  /** Unlocks the record (admins); unlocking an open record changes nothing. */
  async unlock(conferenceId: string): Promise<RecordStateDto> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.state(conferenceId, m);
      if (!before.locked) return before;
      await m.query('UPDATE conferences SET record_locked_at = NULL, record_locked_by = NULL WHERE id = $1', [conferenceId]);
      await this.audit.record(
        {
          action: 'record.unlock',
          conferenceId,
          targetType: 'conference',
          targetId: conferenceId,
          before: { locked: true, lockedAt: before.lockedAt, lockedBy: before.lockedBy },
          after: { locked: false },
        },
        m,
      );
      return this.state(conferenceId, m);
    });
  }

  /** The next version number of the record, taken when a record is generated. */
  async nextVersion(conferenceId: string): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query('UPDATE conferences SET record_version = record_version + 1 WHERE id = $1', [conferenceId]);
      const [row]: { record_version: number }[] = await m.query('SELECT record_version FROM conferences WHERE id = $1', [conferenceId]);
      if (!row) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
      return row.record_version;
    });
  }

  /** Points whose reported headcount and roster check-ins differ by more than the threshold, largest first. */
  async reconciliation(conferenceId: string, m: EntityManager = this.dataSource.manager): Promise<ReconciliationDto> {
    const threshold = this.config.record.diffThreshold;
    const rows: { point_id: string; code: string; name: string; district: string | null; expected: number; present: number | null; roster: number }[] =
      await m.query(
        `SELECT cp.point_id, p.code, p.name, ${POINT_DISTRICT} AS district, p.expected_delegates AS expected,
                cp.present, cp.delegates_checked_in AS roster
           FROM conference_points cp
           JOIN bridge_points p ON p.id = cp.point_id
           ${POINT_UNITS_JOIN}
          WHERE cp.conference_id = $1 AND cp.status = 'checked_in'`,
        [conferenceId],
      );
    return { threshold, flagged: flagDifferences(rows, threshold) };
  }
}

/** A checked-in point is flagged when |headcount − roster check-ins| exceeds the threshold (no headcount counts as 0). */
export function flagDifferences(
  rows: { point_id: string; code: string; name: string; district: string | null; expected: number; present: number | null; roster: number }[],
  threshold: number,
): ReconciliationRow[] {
  return rows
    .map((r) => ({
      pointId: r.point_id,
      code: r.code,
      name: r.name,
      district: r.district,
      expected: r.expected,
      headcount: r.present,
      roster: r.roster,
      difference: (r.present ?? 0) - r.roster,
    }))
    .filter((r) => Math.abs(r.difference) > threshold)
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.code.localeCompare(b.code));
}
