import { createSocket } from 'node:dgram';
import type { MediaKind } from '@bridgepoint/contracts';
import type { RtpPacket } from 'werift';
import type { ForwardedStream, ForwardPorts, RtpForward } from './media-engine';
import type { Publisher } from './werift-peers';

/** The payload types a werift forward writes (the publisher's own are whatever its offer chose). */
const STREAMS: Record<MediaKind, Omit<ForwardedStream, 'port'>> = {
  audio: { kind: 'audio', payloadType: 111, codec: 'opus', clockRate: 48000, channels: 2 },
  video: { kind: 'video', payloadType: 96, codec: 'VP8', clockRate: 90000 },
};

/** Packets held until the recorder listens (a few seconds of a camera and a microphone). */
const HELD_MAX = 3000;

/**
 * Sends what a werift publisher receives (the kinds it sends, after the host site's mute) to local UDP
 * ports, with fixed payload types and without header extensions; padding-only packets are left out.
 * Packets are taken from the moment it opens (with a keyframe asked for then) and held until `start`,
 * so that the recording begins when it was decided, however long the recorder takes to start.
 * `current`: the publisher still holds its source.
 */
export function forwardPublisher(publisher: Publisher, ports: ForwardPorts, current: () => boolean): RtpForward | null {
  const kinds = (['audio', 'video'] as const).filter((k) => publisher.kinds.has(k));
  if (kinds.length === 0) return null;
  const socket = createSocket('udp4');
  // A recorder that is gone makes the kernel refuse the datagrams: nothing to do about it here.
  socket.on('error', () => undefined);
  let held: [MediaKind, Buffer][] | null = [];
  const send = (kind: MediaKind, packet: Buffer) => socket.send(packet, ports[kind], '127.0.0.1');
  const tap = (kind: MediaKind, rtp: RtpPacket) => {
    if (rtp.payload.length === 0) return;
    const out = rtp.clone();
    out.header.payloadType = STREAMS[kind].payloadType;
    out.header.extensions = [];
    out.header.extension = false;
    const packet = out.serialize();
    if (!held) return send(kind, packet);
    held.push([kind, packet]);
    if (held.length > HELD_MAX) held.shift();
  };
  publisher.taps.add(tap);
  publisher.keyframe();
  let closed = false;
  return {
    streams: kinds.map((kind) => ({ ...STREAMS[kind], port: ports[kind] })),
    async start() {
      if (closed || !held) return;
      for (const [kind, packet] of held) send(kind, packet);
      held = null;
      // Once more (throttled), in case the first was lost or dropped with the oldest packets held.
      publisher.keyframe();
    },
    ended: () => !current(),
    async close() {
      if (closed) return;
      closed = true;
      held = null;
      publisher.taps.delete(tap);
      socket.close();
    },
  };
}
