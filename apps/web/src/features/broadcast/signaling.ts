import { MEDIA_NAMESPACE, type MediaAck, type MediaClientEvents, type MediaServerEvents } from '@bridgepoint/contracts';
import { io, type Socket } from 'socket.io-client';
import { clientId } from '../../lib/client-id';

export type MediaSocket = Socket<MediaServerEvents, MediaClientEvents>;

/**
 * The media connection: its own engine.io connection (not shared with `/live`), whose URL names the
 * conference, so a proxy in front of several media processes sends every media socket of one
 * conference to the process holding its room (docker/nginx.conf).
 */
export function connectMedia(token: string, conferenceId: string): MediaSocket {
  return io(MEDIA_NAMESPACE, {
    auth: { token, conferenceId },
    query: { bp: 'media', conference: conferenceId, client: clientId() },
    forceNew: true,
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
  });
}

type AckData<E extends keyof MediaClientEvents> = Parameters<Parameters<MediaClientEvents[E]>[1]>[0] extends MediaAck<infer T> ? T : never;

/** A refusal from the media server, with its stable code (`MEDIA_*`). */
export class MediaRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaRequestError';
  }
}

/** Emits an event and resolves with its ack's data; rejects with a MediaRequestError. */
export function request<E extends keyof MediaClientEvents>(
  socket: MediaSocket,
  event: E,
  payload: Parameters<MediaClientEvents[E]>[0],
): Promise<AckData<E>> {
  return new Promise((resolve, reject) => {
    const ack = (r: MediaAck<AckData<E>>) => (r.ok ? resolve(r.data) : reject(new MediaRequestError(r.error.code, r.error.message)));
    (socket.emit as (e: string, p: unknown, a: typeof ack) => void)(event, payload, ack);
  });
}

/** The server takes no trickled candidates: wait until they are all in the local description. */
export function gathered(pc: RTCPeerConnection, timeoutMs = 5000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}
