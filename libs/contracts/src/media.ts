import type { Uuid } from './dto';
import type { MediaDevicesReport, MediaMuteRequest, MediaUplinkState } from './media-control';

/**
 * Socket.io `/media` namespace: handshake `auth: {token, conferenceId}`. Signaling for the
 * conference's media: the presenter's broadcast, each point's uplink camera, and the floor.
 *
 * Two dialects, chosen by the engine the server announces in `media.join`:
 * - `werift`: one RTCPeerConnection per publication or subscription, whole SDP (no trickle);
 * - `mediasoup`: mediasoup-client transports, producers and consumers.
 * Both share the sources, the rights, `media.unpublish`, `media.unsubscribe`, `media.link` and `media.leave`.
 */
export const MEDIA_NAMESPACE = '/media';

/** Which engine forwards the media; the browser picks its client adapter from this. */
export type MediaEngineName = 'werift' | 'mediasoup';
export type MediaKind = 'audio' | 'video';

/** What is published: the presenter's broadcast, a point's uplink (`point:<pointId>`), or its pre-flight test (`preflight:<pointId>`). */
export type MediaSource = string;
export const PRESENTER_SOURCE = 'presenter';
const POINT_PREFIX = 'point:';
export const pointSource = (pointId: string): MediaSource => `${POINT_PREFIX}${pointId}`;
/** The point of an uplink source; null for the presenter (or anything else). */
export function sourcePointId(source: MediaSource): string | null {
  return source.startsWith(POINT_PREFIX) ? source.slice(POINT_PREFIX.length) : null;
}
const PREFLIGHT_PREFIX = 'preflight:';
/**
 * A point's pre-flight network test (`preflight:<pointId>`): published and received back by that point's
 * own page only, never announced or shown to anyone else.
 */
export const preflightSource = (pointId: string): MediaSource => `${PREFLIGHT_PREFIX}${pointId}`;
/** The point of a pre-flight source; null for any other source. */
export function preflightPointId(source: MediaSource): string | null {
  return source.startsWith(PREFLIGHT_PREFIX) ? source.slice(PREFLIGHT_PREFIX.length) : null;
}

export const MediaErrorCode = {
  Forbidden: 'MEDIA_FORBIDDEN',
  Invalid: 'MEDIA_INVALID',
  NotLive: 'MEDIA_NOT_LIVE',
  PublisherExists: 'MEDIA_PUBLISHER_EXISTS',
  NotJoined: 'MEDIA_NOT_JOINED',
  WrongEngine: 'MEDIA_WRONG_ENGINE',
  Full: 'MEDIA_FULL',
  Failed: 'MEDIA_FAILED',
} as const;
export type MediaErrorCode = (typeof MediaErrorCode)[keyof typeof MediaErrorCode];

export interface MediaError {
  code: string;
  message: string;
}

/** Every client event is acknowledged with one of these. */
export type MediaAck<T> = { ok: true; data: T } | { ok: false; error: MediaError };

export interface MediaJoined {
  engine: MediaEngineName;
  /** The control room: every point's uplink state; an operator: its own point's. */
  uplinks: MediaUplinkState[];
  /** Sources this socket may publish: `presenter` for presenters, its own `point:<id>` for an operator. */
  publishes: MediaSource[];
  /** Sources publishing now that this socket may receive. */
  live: MediaSource[];
  /** The point holding the floor (its uplink is then for everyone), or null. */
  floorPointId: Uuid | null;
  /** mediasoup: the router's RTP capabilities, for `Device.load`. */
  routerRtpCapabilities?: unknown;
}

export interface MediaSdp {
  sdp: string;
}
export interface MediaSourceRef {
  source: MediaSource;
}
/** `kinds` narrows a subscription (the control room's grid takes video only); both by default. */
export interface MediaSubscribeRequest extends MediaSourceRef {
  kinds?: MediaKind[];
}

/** mediasoup dialect: what `Device.createSendTransport` / `createRecvTransport` need. */
export interface MediaTransportOptions {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown[];
  dtlsParameters: unknown;
}
export interface MediaConsumerOptions {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: unknown;
}

/** What an operator's page measures of its links, every few seconds. */
export interface MediaLinkReport {
  /** Receiving the broadcast, kbit/s (0 when nothing arrives). */
  recvKbps: number;
  /** Sending the uplink camera, kbit/s (0 when not sending). */
  sendKbps: number;
  /** Packets lost on the broadcast, percent over the last period. */
  lossPercent: number;
  /** Round trip to the media server, ms; null when unknown. */
  rttMs: number | null;
}
/** `GET /api/conferences/:id/media/links`: the last report of each point. */
export interface MediaLinkDto extends MediaLinkReport {
  pointId: Uuid;
  /** When the point last reported (ISO). */
  at: string;
}

/** Points report every few seconds; an older report means the point's page is gone or offline. */
export const MEDIA_LINK_REPORT_EVERY_MS = 5000;
export const MEDIA_LINK_FRESH_MS = 15_000;

/** `GET /api/conferences/:id/media/audience`: points that report their links, and those receiving the broadcast. */
export interface MediaAudienceDto {
  reporting: number;
  receiving: number;
}

export interface MediaClientEvents {
  'media.join': (payload: Record<string, never>, ack: (r: MediaAck<MediaJoined>) => void) => void;
  /** werift: an offer (sendonly audio and/or video) for a source this socket may publish; acked with the answer. */
  'media.publish': (payload: MediaSourceRef & MediaSdp, ack: (r: MediaAck<MediaSdp>) => void) => void;
  /** werift: acked with the server's offer (sendonly); reply with `media.answer`. */
  'media.subscribe': (payload: MediaSubscribeRequest, ack: (r: MediaAck<MediaSdp>) => void) => void;
  'media.answer': (payload: MediaSourceRef & MediaSdp, ack: (r: MediaAck<null>) => void) => void;
  /** mediasoup: a WebRTC transport on the server for this socket. */
  'media.transport': (payload: { direction: 'send' | 'recv' }, ack: (r: MediaAck<MediaTransportOptions>) => void) => void;
  'media.connect': (payload: { transportId: string; dtlsParameters: unknown }, ack: (r: MediaAck<null>) => void) => void;
  'media.restartIce': (payload: { transportId: string }, ack: (r: MediaAck<{ iceParameters: unknown }>) => void) => void;
  'media.produce': (
    payload: MediaSourceRef & { transportId: string; kind: MediaKind; rtpParameters: unknown },
    ack: (r: MediaAck<{ producerId: string }>) => void,
  ) => void;
  /** mediasoup: consumers (created paused) for a source's producers; resume each once it is attached. */
  'media.consume': (
    payload: MediaSubscribeRequest & { rtpCapabilities: unknown },
    ack: (r: MediaAck<{ consumers: MediaConsumerOptions[] }>) => void,
  ) => void;
  'media.resume': (payload: { consumerId: string }, ack: (r: MediaAck<null>) => void) => void;
  /** mediasoup: the simulcast layer this consumer should receive (0 lowest). */
  'media.layers': (payload: { consumerId: string; spatialLayer: number }, ack: (r: MediaAck<null>) => void) => void;
  /** Stop publishing a source; its subscriptions everywhere close. */
  'media.unpublish': (payload: MediaSourceRef, ack: (r: MediaAck<null>) => void) => void;
  'media.unsubscribe': (payload: MediaSourceRef, ack: (r: MediaAck<null>) => void) => void;
  /** Operators: the link measurements of their point. */
  'media.link': (payload: MediaLinkReport, ack: (r: MediaAck<null>) => void) => void;
  /** Stop everything this socket publishes or receives; the socket stays open. */
  'media.leave': (payload: Record<string, never>, ack: (r: MediaAck<null>) => void) => void;
  /** Operators: their camera and microphone switches. */
  'media.devices': (payload: MediaDevicesReport, ack: (r: MediaAck<null>) => void) => void;
  /** Moderators and organizers: mute or unmute a point's sound (the server pauses its producer). */
  'media.mute': (payload: MediaMuteRequest, ack: (r: MediaAck<MediaUplinkState>) => void) => void;
  /** Moderators and organizers: mute every point except the one holding the floor; acked with how many. */
  'media.muteOthers': (payload: Record<string, never>, ack: (r: MediaAck<{ muted: number }>) => void) => void;
}

export interface MediaServerEvents {
  /** A source started (sent to those who may receive it). */
  'media.published': (payload: MediaSourceRef) => void;
  /** A source stopped: the server has closed its subscriptions. */
  'media.unpublished': (payload: MediaSourceRef) => void;
  /** The floor moved: subscribe to that point's uplink (or drop the previous one). */
  'media.floor': (payload: { pointId: string | null }) => void;
  /** The server lost this socket's media (e.g. a media worker died): join again. */
  'media.reconnect': (payload: { reason: string }) => void;
  /** The control room: viewers were refused with MEDIA_FULL (how many since the process started, and when). */
  'media.full': (payload: { refused: number; at: string }) => void;
  /** A point's uplink changed (the control room hears of every point; an operator of its own). */
  'media.uplink': (payload: MediaUplinkState) => void;
  /** A refused event, or (just before the server closes the socket) a refused connection. */
  'media.error': (error: MediaError) => void;
}

/** `GET /api/media/stats` (organizers): what this process's engine holds open. */
export interface MediaStats {
  engine: MediaEngineName;
  workers: number;
  rooms: number;
  /** werift: peer connections; mediasoup: WebRTC and pipe transports. */
  transports: number;
  /** Tracks received from publishers. */
  producers: number;
  /** Tracks sent to subscribers. */
  consumers: number;
}

/** Every client event name, at run time (tests walk them all); the compiler keeps it complete. */
export const MEDIA_CLIENT_EVENTS = Object.keys({
  'media.join': true,
  'media.publish': true,
  'media.subscribe': true,
  'media.answer': true,
  'media.transport': true,
  'media.connect': true,
  'media.restartIce': true,
  'media.produce': true,
  'media.consume': true,
  'media.resume': true,
  'media.layers': true,
  'media.unpublish': true,
  'media.unsubscribe': true,
  'media.link': true,
  'media.leave': true,
  'media.devices': true,
  'media.mute': true,
  'media.muteOthers': true,
} satisfies Record<keyof MediaClientEvents, true>) as (keyof MediaClientEvents)[];
