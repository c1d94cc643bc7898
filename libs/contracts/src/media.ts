/**
 * Socket.io `/media` namespace: handshake `auth: {token, conferenceId}`. Signaling for the
 * conference's broadcast: one presenter publishes, every point subscribes.
 */
export const MEDIA_NAMESPACE = '/media';

/** Which engine forwards the media; the browser picks its client adapter from this. */
export type MediaEngineName = 'werift';
/** `publisher`: presenters, organizers and admins; `subscriber`: point operators. */
export type MediaRole = 'publisher' | 'subscriber';

export const MediaErrorCode = {
  Forbidden: 'MEDIA_FORBIDDEN',
  Invalid: 'MEDIA_INVALID',
  NotLive: 'MEDIA_NOT_LIVE',
  PublisherExists: 'MEDIA_PUBLISHER_EXISTS',
  NotJoined: 'MEDIA_NOT_JOINED',
  Failed: 'MEDIA_FAILED',
} as const;
export type MediaErrorCode = (typeof MediaErrorCode)[keyof typeof MediaErrorCode];

export interface MediaError {
  code: string;
  message: string;
}

/** Every client event is acknowledged with one of these. */
export type MediaAck<T> = { ok: true; data: T } | { ok: false; error: MediaError };

export interface MediaSdp {
  sdp: string;
}

export interface MediaJoined {
  engine: MediaEngineName;
  role: MediaRole;
  /** A presenter is publishing now: subscribe right away. */
  live: boolean;
}

export interface MediaClientEvents {
  'media.join': (payload: Record<string, never>, ack: (r: MediaAck<MediaJoined>) => void) => void;
  /** The presenter's offer (sendonly audio + video); acked with the server's answer. */
  'media.publish': (payload: MediaSdp, ack: (r: MediaAck<MediaSdp>) => void) => void;
  /** Acked with the server's offer (sendonly audio + video); reply with `media.answer`. */
  'media.subscribe': (payload: Record<string, never>, ack: (r: MediaAck<MediaSdp>) => void) => void;
  'media.answer': (payload: MediaSdp, ack: (r: MediaAck<null>) => void) => void;
  /** Stop publishing or subscribing; the socket stays open. */
  'media.leave': (payload: Record<string, never>, ack: (r: MediaAck<null>) => void) => void;
}

export interface MediaServerEvents {
  /** A presenter started: subscribers subscribe now. */
  'media.published': () => void;
  /** The presenter stopped: the server has closed every subscription of the conference. */
  'media.unpublished': () => void;
  /** A refused event, or (just before the server closes the socket) a refused connection. */
  'media.error': (error: MediaError) => void;
}

/** `GET /api/media/stats` (organizers): what this process's engine holds open. */
export interface MediaStats {
  engine: MediaEngineName;
  rooms: number;
  publishers: number;
  subscribers: number;
}
