import { ErrorCode } from '@bridgepoint/contracts';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';

export const recordLocked = () =>
  DomainError.conflict(
    ErrorCode.RecordLocked,
    'The attendance record of this conference is locked (signed off): attendance can no longer change. An admin can unlock it.',
  );

/**
 * Reads the conference inside a change's transaction and refuses when its record is locked. With `FOR KEY
 * SHARE`, the sign-off (FOR UPDATE) waits until this change has committed, and a change arriving once the
 * sign-off holds the row waits for it and then sees it: nothing commits after the sign-off.
 */
export async function openConference(m: EntityManager, conferenceId: string): Promise<{ status: string }> {
  const rows: { status: string; locked: boolean }[] = await m.query(
    'SELECT status, record_locked_at IS NOT NULL AS locked FROM conferences WHERE id = $1 FOR KEY SHARE',
    [conferenceId],
  );
  if (rows.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
  if (rows[0].locked) throw recordLocked();
  return rows[0];
}
