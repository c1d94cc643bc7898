import {
  MediaErrorCode,
  PRESENTER_SOURCE,
  pointSource,
  preflightPointId,
  preflightSource,
  sourcePointId,
  type MediaDevicesReport,
  type MediaKind,
  type MediaMuteRequest,
  type MediaSource,
} from '@bridgepoint/contracts';
import { Refusal } from './media-rights';

/** Checks of what `/media` clients send: each returns the value or throws a MEDIA_INVALID refusal. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SDP_LENGTH = 64 * 1024;
const MAX_PARAMETERS_LENGTH = 64 * 1024;
export const KINDS: readonly MediaKind[] = ['audio', 'video'];
export type Payload = Record<string, unknown>;

export function fields(payload: unknown, allowed: string[]): Payload {
  const p: unknown = payload ?? {};
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new Refusal(MediaErrorCode.Invalid, 'Send an object.');
  const extra = Object.keys(p).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new Refusal(MediaErrorCode.Invalid, `Unknown field ${extra.join(', ')}.`);
  return p as Payload;
}

export function sdpOf(p: Payload): string {
  const sdp = p.sdp;
  if (typeof sdp !== 'string' || !sdp.startsWith('v=0') || sdp.length > MAX_SDP_LENGTH) {
    throw new Refusal(MediaErrorCode.Invalid, 'Send {sdp} with a session description.');
  }
  return sdp;
}

export function sourceOf(p: Payload, fallback?: MediaSource): MediaSource {
  const source = p.source ?? fallback;
  if (source === PRESENTER_SOURCE) return source;
  const preflight = typeof source === 'string' ? preflightPointId(source) : null;
  if (preflight !== null && UUID.test(preflight)) return preflightSource(preflight.toLowerCase());
  const pointId = typeof source === 'string' ? sourcePointId(source) : null;
  if (pointId === null || !UUID.test(pointId)) {
    throw new Refusal(MediaErrorCode.Invalid, 'source must be "presenter", "point:<point id>" or "preflight:<point id>".');
  }
  return pointSource(pointId.toLowerCase());
}

export function kindsOf(p: Payload): MediaKind[] {
  if (p.kinds === undefined) return [...KINDS];
  if (!Array.isArray(p.kinds) || p.kinds.length === 0 || p.kinds.some((k) => !KINDS.includes(k as MediaKind))) {
    throw new Refusal(MediaErrorCode.Invalid, 'kinds must list "audio" and/or "video".');
  }
  return KINDS.filter((k) => (p.kinds as unknown[]).includes(k));
}

export function idOf(p: Payload, name: string): string {
  const id = p[name];
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw new Refusal(MediaErrorCode.Invalid, `Send ${name}.`);
  return id;
}

/** Opaque mediasoup parameters: an object of bounded size (mediasoup checks the contents). */
export function parametersOf(p: Payload, name: string): unknown {
  const value = p[name];
  if (typeof value !== 'object' || value === null || JSON.stringify(value).length > MAX_PARAMETERS_LENGTH) {
    throw new Refusal(MediaErrorCode.Invalid, `Send ${name}.`);
  }
  return value;
}


export function devicesOf(payload: unknown): MediaDevicesReport {
  const p = fields(payload, ['camera', 'microphone']);
  if (typeof p.camera !== 'boolean' || typeof p.microphone !== 'boolean') {
    throw new Refusal(MediaErrorCode.Invalid, 'Send {camera, microphone} as true or false.');
  }
  return { camera: p.camera, microphone: p.microphone };
}

export function muteOf(payload: unknown): MediaMuteRequest {
  const p = fields(payload, ['pointId', 'muted']);
  if (typeof p.pointId !== 'string' || !UUID.test(p.pointId) || typeof p.muted !== 'boolean') {
    throw new Refusal(MediaErrorCode.Invalid, 'Send {pointId, muted}: a point id and true or false.');
  }
  return { pointId: p.pointId.toLowerCase(), muted: p.muted };
}
