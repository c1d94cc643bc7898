import type { IsoDate } from './dto';

/** What a correction changed: a delegate unmarked or marked present, a point's headcount, a point's check-in. */
export type CorrectionKind = 'delegate_unmark' | 'delegate_mark' | 'headcount' | 'point_status';

/** One change to the attendance made after the fact, kept for the record's appendix. */
export interface AttendanceCorrectionDto {
  id: string;
  kind: CorrectionKind;
  pointId: string | null;
  delegateId: string | null;
  /** The point code, or the delegate code, the change was made to. */
  target: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason: string;
  /** `user:<username>` or `point:<id>`, as the audit log names actors. */
  actor: string;
  actorName: string | null;
  at: IsoDate;
}

/** `DELETE /api/conferences/:id/attendance/:delegateCode` → the delegate's new state. */
export interface DelegateUnmarkResponse {
  delegateId: string;
  delegateCode: string;
  fullName: string;
  pointId: string;
  checkedIn: false;
  /** False when the delegate was not checked in (a repeat): nothing was written. */
  changed: boolean;
  correctionId: string | null;
}

/** `POST /api/conferences/:id/corrections` (organizers): one entry, its new value and a reason. */
export type CorrectionRequest =
  | { kind: 'delegate'; delegateCode: string; present: boolean; reason: string }
  | { kind: 'headcount'; pointId: string; present: number; reason: string }
  | { kind: 'point_status'; pointId: string; checkedIn: boolean; reason: string };

export interface CorrectionOutcome {
  changed: boolean;
  correction: AttendanceCorrectionDto | null;
}

/** The record's sign-off state: `GET /api/conferences/:id/record`. */
export interface RecordStateDto {
  conferenceId: string;
  locked: boolean;
  lockedAt: IsoDate | null;
  lockedBy: string | null;
  /** Versions generated so far; the next record gets this + 1. */
  version: number;
  corrections: number;
}

/** A point whose headcount and roster check-ins differ by more than the configured threshold. */
export interface ReconciliationRow {
  pointId: string;
  code: string;
  name: string;
  district: string | null;
  expected: number;
  headcount: number | null;
  roster: number;
  difference: number;
}

export interface ReconciliationDto {
  threshold: number;
  flagged: ReconciliationRow[];
}

/** The record is one more export: `POST /api/conferences/:id/exports` with this body → `{jobId}`. */
export const RECORD_EXPORT_KIND = 'record';
export type RecordExportFormat = 'pdf' | 'xlsx';
export interface RecordExportRequest {
  kind: typeof RECORD_EXPORT_KIND;
  format: RecordExportFormat;
  lang?: 'vi' | 'en';
  /** One district's record (a district unit's id). */
  districtId?: string;
  /** One point's record, with its delegates. */
  pointId?: string;
}
