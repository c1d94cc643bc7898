import type { IsoDate, Uuid } from './dto';
import type { UserRole } from './enums';

/** A user as the admin page shows it. */
export interface UserDto {
  id: Uuid;
  username: string;
  displayName: string;
  role: UserRole;
  /** Null while the account may sign in. */
  disabledAt: IsoDate | null;
  createdAt: IsoDate;
  /** The bootstrap admin from ADMIN_USERNAME: its password comes from the environment. */
  bootstrap: boolean;
}

export interface CreateUserRequest { username: string; displayName: string; role: UserRole; password: string }
export interface UpdateUserRequest { displayName?: string; role?: UserRole; disabled?: boolean }
export interface ResetPasswordRequest { password: string }
export interface ChangePasswordRequest { currentPassword: string; newPassword: string }

/** Who works on a conference: organizers, moderators and presenters act only on conferences they staff. */
export interface StaffMemberDto {
  userId: Uuid;
  username: string;
  displayName: string;
  role: UserRole;
  addedAt: IsoDate;
  addedBy: string | null;
}
export interface AddStaffRequest { username: string }

/** One organizer or admin action, as recorded. */
export interface AuditEntryDto {
  id: string;
  at: IsoDate;
  /** `user:<username>` of who acted, or `system`. */
  actor: string;
  action: string;
  conferenceId: Uuid | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}
export interface AuditPage { items: AuditEntryDto[]; nextBefore: string | null }

/** Password rules, shared so the browser can explain them before sending. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
