import type { EntityManager } from 'typeorm';

/**
 * Check-ins made during a rehearsal were practice: when the conference leaves rehearsal, every point is
 * expected again and no delegate is checked in, as if nobody had come yet. The history lines, the minute
 * snapshots and the stored answers of repeated check-in requests of that time go too, so the record and
 * its timeline start from the real day. Runs inside the status change's transaction.
 */
export async function clearRehearsalAttendance(m: EntityManager, conferenceId: string): Promise<void> {
  await m.query('DELETE FROM delegate_checkins WHERE conference_id = $1', [conferenceId]);
  await m.query(
    `UPDATE conference_points
        SET status = 'expected', checked_in_at = NULL, checked_out_at = NULL, present = NULL, present_at = NULL,
            delegates_checked_in = 0
      WHERE conference_id = $1`,
    [conferenceId],
  );
  await m.query('DELETE FROM point_events WHERE conference_id = $1', [conferenceId]);
  await m.query('DELETE FROM attendance_snapshots WHERE conference_id = $1', [conferenceId]);
  await m.query(`DELETE FROM idempotency_keys WHERE scope LIKE 'delegate-checkin:' || $1 || ':%' OR scope LIKE 'delegate-self:' || $1 || ':%'`, [
    conferenceId,
  ]);
}
