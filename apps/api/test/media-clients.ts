import type { MediaAck } from '@bridgepoint/contracts';
import { io, type Socket } from 'socket.io-client';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { peerConfig } from '../src/media/werift-peers';

/** A `/media` socket that records every event, and an `ask(event, payload)` that resolves with the ack. */
export async function mediaClient(url: string, token: string, conferenceId: string) {
  const socket: Socket = io(`${url}/media`, { auth: { token, conferenceId }, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: [string, unknown][] = [];
  socket.onAny((event: string, payload: unknown) => events.push([event, payload]));
  const ask = <T>(event: string, payload: unknown = {}) =>
    new Promise<MediaAck<T>>((resolve) => socket.emit(event, payload, (r: MediaAck<T>) => resolve(r)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events, ask, close: () => socket.close() };
}
export type MediaTestClient = Awaited<ReturnType<typeof mediaClient>>;

/** A werift peer that offers to send audio and video, as a browser publishing would. */
export async function sendOffer(peers: RTCPeerConnection[]) {
  const pc = new RTCPeerConnection(peerConfig(['127.0.0.1']));
  peers.push(pc);
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription!.sdp;
}

export const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
