import type { IsoDate } from './dto';
import type { PointStatus } from './enums';

/** A point's pre-flight result: `untested` until its operator runs the device and network test. */
export type PointReadiness = 'untested' | 'failed' | 'ready';
export const POINT_READINESS: readonly PointReadiness[] = ['untested', 'failed', 'ready'];

/** A point's answer in a rehearsal: `unconfirmed` until its operator says whether picture and sound arrived. */
export type PointRehearsal = 'unconfirmed' | 'confirmed' | 'problem';
export const POINT_REHEARSAL: readonly PointRehearsal[] = ['unconfirmed', 'confirmed', 'problem'];
/** What a point did not receive during the rehearsal. */
export type RehearsalProblem = 'picture' | 'sound' | 'both';
export const REHEARSAL_PROBLEMS: readonly RehearsalProblem[] = ['picture', 'sound', 'both'];

/** `PUT /api/conferences/:id/points/:pointId/rehearsal`: the operator's one-click answer. */
export interface RehearsalReport {
  /** Picture and sound of the test broadcast arrived. */
  received: boolean;
  /** Required when `received` is false. */
  problem?: RehearsalProblem;
  /** A few words for the control room (at most 500 characters). */
  note?: string;
}

/** A point's rehearsal answer as stored. */
export interface PointRehearsalDto {
  conferenceId: string;
  pointId: string;
  rehearsal: PointRehearsal;
  problem: RehearsalProblem | null;
  note: string | null;
  /** When the operator answered (null while unconfirmed). */
  at: IsoDate | null;
}

/** One participating point as the control room sees its presence. */
export interface PresencePointDto {
  pointId: string;
  code: string;
  /** Online: at least one of the point's operator pages holds a `/live` connection. */
  online: boolean;
  /** When the point was last online: now while online, the end of its last online span otherwise; null if never. */
  lastSeenAt: IsoDate | null;
  readiness: PointReadiness;
  /** Why the pre-flight failed (null otherwise). */
  readinessDetail: string | null;
  /** Its answer in the rehearsal (kept after the rehearsal ends). */
  rehearsal: PointRehearsal;
  rehearsalProblem: RehearsalProblem | null;
  rehearsalNote: string | null;
  /** The point's page reports sending its camera uplink to the media server (fresh link report, > 0 kbit/s). */
  sending: boolean;
  name: string;
  /** District of the point (null: city agencies). */
  districtId: string | null;
  district: string | null;
  status: PointStatus;
  operatorName: string | null;
  operatorPhone: string | null;
}

/** `GET /api/conferences/:id/presence`. */
export interface PresenceDto {
  conferenceId: string;
  total: number;
  online: number;
  points: PresencePointDto[];
  /** When the conference last entered rehearsal (null: never rehearsed), so the board can ask for confirmations. */
  rehearsalStartedAt: IsoDate | null;
  /** When the answer was computed (server clock). */
  at: IsoDate;
}

/** `/live` event `presence.changed`, to organizers and moderators of the conference. */
export interface PresenceChanged {
  pointId: string;
  online: boolean;
  at: IsoDate;
}

/** What a pre-flight ends with: the stored readiness is one of these (`untested` only before the first run). */
export type PreflightResult = Exclude<PointReadiness, 'untested'>;
export const PREFLIGHT_RESULTS: readonly PreflightResult[] = ['ready', 'failed'];
/** The longest reason a pre-flight may give. */
export const READINESS_DETAIL_MAX_LENGTH = 500;

/** What the operator page measured during its network test (a loopback through the media server). */
export interface PreflightMeasurements {
  /** Sent to the media server, kbit/s over the test. */
  sendKbps: number;
  /** Received back from it, kbit/s over the test. */
  receiveKbps: number;
  /** Packets lost on the way back, percent. */
  lossPercent: number;
  /** Round trip to the media server, ms; null when unknown. */
  rttMs: number | null;
  /** Loudest microphone level seen, 0..1. */
  audioLevel?: number | null;
  /** A camera and a microphone were open. */
  camera?: boolean;
  microphone?: boolean;
}

/** `PUT /api/conferences/:id/points/:pointId/readiness` (the point's operator): the result of its pre-flight. */
export interface ReadinessReport {
  result: PreflightResult;
  /** Why it failed, in words the operator read (optional when ready). */
  detail?: string | null;
  measurements: PreflightMeasurements;
}

/** A point's stored pre-flight result. */
export interface PointReadinessDto {
  pointId: string;
  readiness: PointReadiness;
  readinessDetail: string | null;
  /** When the last pre-flight ended; null if never run. */
  readinessAt: IsoDate | null;
  measurements: PreflightMeasurements | null;
}

/** `/live` event `presence.readiness`, to organizers and moderators: a point stored a pre-flight result. */
export interface PresenceReadiness {
  conferenceId: string;
  pointId: string;
  readiness: PointReadiness;
  readinessDetail: string | null;
  at: IsoDate;
}
