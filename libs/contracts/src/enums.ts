export const UserRole = {
  Admin: 'admin',
  Organizer: 'organizer',
  Moderator: 'moderator',
  Presenter: 'presenter',
} as const;
export type UserRole = (typeof UserRole)[keyof typeof UserRole];
export const USER_ROLES: readonly UserRole[] = Object.values(UserRole);

/**
 * Who a token speaks for: a signed-in user, the operator of one point in one conference, or a delegate
 * on their own phone in the room of one point.
 */
export type Principal =
  | { kind: 'user'; userId: string; username: string; role: UserRole }
  | { kind: 'point'; pointId: string; conferenceId: string }
  | { kind: 'delegate'; delegateId: string; delegateCode: string; pointId: string; conferenceId: string };

export const UnitKind = {
  City: 'city',
  District: 'district',
  Ward: 'ward',
  Agency: 'agency',
} as const;
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];

export const ConferenceStatus = {
  Draft: 'draft',
  Scheduled: 'scheduled',
  /** A test run before the day: the presenter broadcasts, points confirm; check-ins are not attendance. */
  Rehearsal: 'rehearsal',
  Live: 'live',
  Ended: 'ended',
} as const;
export type ConferenceStatus = (typeof ConferenceStatus)[keyof typeof ConferenceStatus];

/**
 * Allowed status changes; anything else is CONFERENCE_INVALID_TRANSITION. Leaving `rehearsal` clears
 * the check-ins made during it (they were practice, not attendance).
 */
export const CONFERENCE_TRANSITIONS: Record<ConferenceStatus, readonly ConferenceStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'rehearsal', 'live'],
  rehearsal: ['scheduled', 'live'],
  live: ['ended'],
  ended: [],
};

export const PointStatus = {
  /** Registered for the conference, not checked in yet. */
  Expected: 'expected',
  CheckedIn: 'checked_in',
  CheckedOut: 'checked_out',
} as const;
export type PointStatus = (typeof PointStatus)[keyof typeof PointStatus];

export const ImportKind = {
  Points: 'points',
  Delegates: 'delegates',
} as const;
export type ImportKind = (typeof ImportKind)[keyof typeof ImportKind];

export const JobState = {
  Waiting: 'waiting',
  Active: 'active',
  Completed: 'completed',
  Failed: 'failed',
  Delayed: 'delayed',
  Unknown: 'unknown',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];
