import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROOM_CODE_PERIOD_SECONDS } from '@bridgepoint/contracts';

const UUID_HEX = /^[0-9a-f]{32}$/;
const MAC_BYTES = 10;
/** conference (16) · point (16) · period (4) · MAC (10) = 46 bytes, 62 characters of base64url. */
const CODE_BYTES = 16 + 16 + 4 + MAC_BYTES;

export interface RoomCode { conferenceId: string; pointId: string; period: number }

export const periodAt = (ms: number) => Math.floor(ms / 1000 / ROOM_CODE_PERIOD_SECONDS);

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

function mac(key: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

/**
 * The code a room's screen shows during `period`: which point, which conference, when, and a MAC, so
 * rotating it writes nothing and checking it reads nothing. Valid for its own period and the next one.
 */
export function roomCodeFor(key: Buffer, conferenceId: string, pointId: string, period: number): string {
  const body = Buffer.alloc(36);
  uuidBytes(conferenceId).copy(body, 0);
  uuidBytes(pointId).copy(body, 16);
  body.writeUInt32BE(period, 32);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

/** The room a code stands for, or null when it is malformed, forged, or older than two periods. */
export function openRoomCode(key: Buffer, code: string, nowMs: number): RoomCode | null {
  if (typeof code !== 'string' || code.length > 80 || !/^[A-Za-z0-9_-]+$/.test(code)) return null;
  const raw = Buffer.from(code, 'base64url');
  if (raw.length !== CODE_BYTES) return null;
  const body = raw.subarray(0, 36);
  if (!timingSafeEqual(mac(key, body), raw.subarray(36))) return null;
  const period = body.readUInt32BE(32);
  const now = periodAt(nowMs);
  if (period !== now && period !== now - 1) return null;
  const conference = body.subarray(0, 16);
  const point = body.subarray(16, 32);
  if (!UUID_HEX.test(conference.toString('hex')) || !UUID_HEX.test(point.toString('hex'))) return null;
  return { conferenceId: uuidOf(conference), pointId: uuidOf(point), period };
}

/** When a code made in `period` stops being accepted. */
export const roomCodeExpiry = (period: number) => new Date((period + 2) * ROOM_CODE_PERIOD_SECONDS * 1000);
