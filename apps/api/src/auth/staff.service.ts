import { Injectable } from '@nestjs/common';
import { ErrorCode, StaffMemberDto, UserRole } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { returned } from '../common/returned';
import { PrincipalStates } from './principal-states';

interface StaffRow {
  user_id: string;
  username: string;
  display_name: string;
  role: UserRole;
  added_at: Date;
  added_by: string | null;
}

/** Which users work on a conference: organizers, moderators and presenters act only where they are staff. */
@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly states: PrincipalStates,
    private readonly audit: AuditService,
  ) {}

  async list(conferenceId: string): Promise<StaffMemberDto[]> {
    const rows: StaffRow[] = await this.dataSource.query(
      `SELECT s.user_id, u.username, u.display_name, u.role, s.added_at, a.username AS added_by
         FROM conference_staff s JOIN users u ON u.id = s.user_id LEFT JOIN users a ON a.id = s.added_by
        WHERE s.conference_id = $1 ORDER BY u.role, u.username`,
      [conferenceId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      addedAt: new Date(r.added_at).toISOString(),
      addedBy: r.added_by,
    }));
  }

  /** Adds a user by username; adding someone already there changes nothing. */
  async add(conferenceId: string, username: string, addedBy: string | null): Promise<StaffMemberDto[]> {
    const [user]: { id: string; role: UserRole; disabled_at: Date | null }[] = await this.dataSource.query(
      'SELECT id, role, disabled_at FROM users WHERE username = $1',
      [username],
    );
    if (!user) throw DomainError.notFound(ErrorCode.UserNotFound, `No user named "${username}".`);
    const added = await this.insert(conferenceId, user.id, addedBy);
    if (added) {
      await this.states.revoke({ kind: 'staff', conferenceId, userId: user.id, reason: 'added to the staff' });
      await this.audit.record({ action: 'staff.add', conferenceId, targetType: 'user', targetId: user.id, after: { username, role: user.role } });
    }
    return this.list(conferenceId);
  }

  /** Used when a conference is created: its creator is on its staff. */
  async insert(conferenceId: string, userId: string, addedBy: string | null, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO conference_staff (conference_id, user_id, added_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [conferenceId, userId, addedBy],
    );
    return rows.length > 0;
  }

  /** Removes a user from the staff; their open connections to this conference close. */
  async remove(conferenceId: string, userId: string): Promise<void> {
    const rows = returned<{ user_id: string }>(
      await this.dataSource.query('DELETE FROM conference_staff WHERE conference_id = $1 AND user_id = $2 RETURNING user_id', [conferenceId, userId]),
    );
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.UserNotFound, 'This user is not on the staff of this conference.');
    await this.states.revoke({ kind: 'staff', conferenceId, userId, reason: 'removed from the staff' });
    await this.audit.record({ action: 'staff.remove', conferenceId, targetType: 'user', targetId: userId });
  }
}
