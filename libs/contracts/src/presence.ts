import type { IsoDate } from './dto';
import type { PointStatus } from './enums';

/** A point's pre-flight result: `untested` until its operator runs the device and network test. */
export type PointReadiness = 'untested' | 'failed' | 'ready';
export const POINT_READINESS: readonly PointReadiness[] = ['untested', 'failed', 'ready'];

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
  /** When the answer was computed (server clock). */
  at: IsoDate;
}

/** `/live` event `presence.changed`, to organizers and moderators of the conference. */
export interface PresenceChanged {
  pointId: string;
  online: boolean;
  at: IsoDate;
}
