import type { IsoDate, Uuid } from './dto';
import type { ConferenceStatus, PointStatus } from './enums';
import type { PointRehearsal } from './presence';

export interface UnitAttendance {
  /** District (or "agencies" for city agencies) the row totals. */
  unitId: Uuid | null;
  name: string;
  /** online: points whose operator page holds a live connection now. */
  points: { total: number; checkedIn: number; online: number };
  delegates: { expected: number; present: number; checkedIn: number };
}

export interface MissingPoint {
  pointId: Uuid;
  code: string;
  name: string;
  unit: string | null;
  operatorName: string | null;
  operatorPhone: string | null;
}

export interface TimelineMinute {
  /** Start of the minute. */
  at: IsoDate;
  /** Cumulative totals at the end of that minute. */
  pointsCheckedIn: number;
  delegatesCheckedIn: number;
  /** Sum of reported headcounts, from the per-minute snapshots (null before the first snapshot). */
  present: number | null;
}

/** `GET /api/conferences/:id/attendance/summary` and the `/live` event `attendance.summary`. */
export interface AttendanceSummary {
  conferenceId: Uuid;
  /** online: points whose operator page holds a live connection now (see presence). */
  points: { total: number; checkedIn: number; online: number };
  /** expected: sum of the points' expected delegates; present: sum of reported headcounts; checkedIn: delegates marked. */
  delegates: { expected: number; present: number; checkedIn: number };
  byUnit: UnitAttendance[];
  missing: MissingPoint[];
  timeline: TimelineMinute[];
  /** When the numbers were computed (server clock). */
  at: IsoDate;
}

export interface PointAttendanceDto {
  conferenceId: Uuid;
  pointId: Uuid;
  code: string;
  name: string;
  /** Ward, district or agency the point belongs to. */
  unit: string | null;
  status: PointStatus;
  checkedInAt: IsoDate | null;
  checkedOutAt: IsoDate | null;
  present: number | null;
  presentAt: IsoDate | null;
  expectedDelegates: number;
  delegatesCheckedIn: number;
  /** The conference's status now: during a rehearsal, check-ins are practice and are cleared when it ends. */
  conferenceStatus: ConferenceStatus;
  /** The point's rehearsal answer. */
  rehearsal: PointRehearsal;
}

export interface HeadcountRequest { present: number }

export interface HeadcountReport { present: number; by: string; at: IsoDate }

/** A delegate of a point's roster, as the operator sees it. */
export interface RosterDelegate {
  id: Uuid;
  code: string;
  fullName: string;
  title: string | null;
  unit: string | null;
  checkedIn: boolean;
  checkedInAt: IsoDate | null;
}

export interface DelegateCheckInRequest { delegateCode: string }

export interface DelegateCheckInResponse {
  delegateId: Uuid;
  delegateCode: string;
  fullName: string;
  /** The point that checked the delegate in (first check-in wins). */
  pointId: Uuid;
  checkedInAt: IsoDate;
  /** True when the delegate had been checked in before this request. */
  alreadyCheckedIn: boolean;
}

export const ExportKind = {
  /** One row per participating point: status, check-in time, headcount, delegates checked in, operator. */
  Points: 'points',
  /** One row per district (and city agencies): totals. */
  Units: 'units',
  /** One row per registered delegate: present or not, when, where. */
  Delegates: 'delegates',
  /** The question log: every question with its point, text (and original), state and moderation. */
  Questions: 'questions',
} as const;
export type ExportKind = (typeof ExportKind)[keyof typeof ExportKind];
export const EXPORT_KINDS: readonly ExportKind[] = Object.values(ExportKind);
export type ExportFormat = 'csv' | 'xlsx';
export type ExportLanguage = 'vi' | 'en';

export interface ExportRequest { kind: ExportKind; format: ExportFormat; lang?: ExportLanguage }

/** The `result` of a finished export job; download it from `GET /api/exports/:exportId`. */
export interface ExportResult {
  exportId: Uuid;
  filename: string;
  rows: number;
  bytes: number;
  durationMs: number;
  /** The record's version number (kind "record"). */
  version?: number;
}
