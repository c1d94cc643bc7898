import type { ConferenceStatus, ImportKind, JobState, PointStatus, UnitKind, UserRole } from './enums';
import type { RecordingAvailabilityDto } from './recordings';
import type { ImportColumnMapping, ImportIssueCode, ImportIssueParams, ImportPreview, ImportWarning } from './imports';

/**
 * Dates travel as ISO 8601 strings.
 * @format date-time
 */
export type IsoDate = string;
/**
 * A record's id: a UUID.
 * @format uuid
 */
export type Uuid = string;

export interface LoginRequest { username: string; password: string }
export interface LoginResponse { accessToken: string }
export interface MeResponse { kind: 'user'; id: Uuid; username: string; displayName: string; role: UserRole }

export interface PointSessionRequest { joinCode: string }
export interface PointSessionResponse { accessToken: string; conferenceId: Uuid; pointId: Uuid }

export interface HealthResponse {
  status: 'ok' | 'starting' | 'degraded';
  db: 'ok' | 'down';
  /** `in-process`: this api runs without Redis (see `coordination`), so there is none to be up or down. */
  redis: 'ok' | 'down' | 'in-process';
  /**
   * Where api processes coordinate (job queues, live fan-out, rate limits, presence): `redis`, or
   * `in-process` — one process with every role, keeping them in its own memory (a machine without Redis).
   */
  coordination: 'redis' | 'in-process';
  media: { engine: string; workers: number };
  /** Server-side recording: off without ffmpeg, when turned off, or in a process without media. */
  recording: RecordingAvailabilityDto;
  database: 'postgres' | 'pglite';
}

export interface UnitDto {
  id: Uuid;
  name: string;
  kind: UnitKind;
  parentId: Uuid | null;
  /** Path of names from the city down, e.g. "Hà Nội / Ba Đình / Phúc Xá". */
  path: string;
}

export interface AgendaItemDto {
  id: Uuid;
  position: number;
  title: string;
  speaker: string | null;
  plannedStart: IsoDate | null;
  durationMinutes: number | null;
}

export interface AgendaItemInput {
  title: string;
  speaker?: string | null;
  plannedStart?: IsoDate | null;
  durationMinutes?: number | null;
}

export interface ConferenceDto {
  id: Uuid;
  title: string;
  description: string | null;
  startsAt: IsoDate;
  endsAt: IsoDate | null;
  status: ConferenceStatus;
  agenda: AgendaItemDto[];
  pointCount: number;
  expectedDelegates: number;
  /** Whether a point may check in delegates registered to another point. */
  allowCrossPointCheckIn: boolean;
  createdAt: IsoDate;
}

export interface CreateConferenceRequest {
  title: string;
  startsAt: IsoDate;
  endsAt?: IsoDate;
  description?: string;
  agenda?: AgendaItemInput[];
}
export type UpdateConferenceRequest = Partial<CreateConferenceRequest> & { status?: ConferenceStatus; allowCrossPointCheckIn?: boolean };

export interface BridgePointDto {
  id: Uuid;
  code: string;
  name: string;
  unit: UnitDto | null;
  address: string | null;
  expectedDelegates: number;
  operatorName: string | null;
  operatorPhone: string | null;
  operatorEmail: string | null;
}

/** A point as it takes part in one conference (organizers only: joinCode is a secret). */
export interface ConferencePointDto {
  id: Uuid;
  code: string;
  name: string;
  unit: string | null;
  district: string | null;
  unitId: Uuid | null;
  address: string | null;
  expectedDelegates: number;
  operatorName: string | null;
  operatorPhone: string | null;
  operatorEmail: string | null;
  joinCode: string;
  status: PointStatus;
}

export interface DelegateDto {
  id: Uuid;
  code: string;
  fullName: string;
  title: string | null;
  unit: string | null;
  pointId: Uuid | null;
  pointCode: string | null;
}

export interface Page<T> { items: T[]; total: number; offset: number; limit: number }

export interface ImportAccepted {
  jobId: string;
  /** Dry runs: commit this upload with `POST /api/imports/:uploadId/commit` after reading the preview. */
  uploadId?: Uuid;
}

export interface ImportRowError {
  line: number;
  field: string | null;
  /** English text; `code` and `params` let the interface say it in its own language. */
  message: string;
  code?: ImportIssueCode;
  params?: ImportIssueParams;
}

export interface ImportResult {
  kind: ImportKind;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  /** Errors beyond this many are counted, not listed. */
  errorCount: number;
  durationMs: number;
  /** True for a preview (`dryRun=true`): the counts say what a commit would do; nothing was written. */
  dryRun?: boolean;
  columns?: ImportColumnMapping[];
  /** Header texts of the file that match no field. */
  ignoredColumns?: string[];
  /** Optional fields the file has no column for: their stored values were kept. */
  keptFields?: string[];
  warnings?: ImportWarning[];
  /** The totals or signature block where reading stopped, if any. */
  stoppedAt?: { line: number; text: string } | null;
  preview?: ImportPreview;
}

export interface JobDto<R = ImportResult> {
  id: string;
  name: string;
  state: JobState;
  /** 0..100 */
  progress: number;
  result: R | null;
  failedReason: string | null;
  createdAt: IsoDate | null;
  finishedAt: IsoDate | null;
}

export interface RotateJoinCodeResponse { pointId: Uuid; joinCode: string }

/** Public facts about this deployment, for the web client before sign-in. */
export interface AboutResponse {
  version: string;
  /** Base address for join links and QR codes; null means "the address the browser uses". */
  publicUrl: string | null;
  cityName: string;
}
