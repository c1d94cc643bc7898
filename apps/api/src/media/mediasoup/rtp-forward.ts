import { randomUUID } from 'node:crypto';
import type { MediaKind, MediaSource } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import type { ForwardedStream, ForwardPorts, RtpForward } from '../media-engine';
import { ROUTER_RTP_CAPABILITIES } from './codecs';
import type { PlainRemote, PlainTransportInfo } from './plain-transport';

/** What a forward needs of the engine: the plain transports and consumers a load tool uses. */
export interface PlainConsumers {
  isLive(conferenceId: string, source: MediaSource): boolean;
  openPlainTransport(conferenceId: string, peerId: string, direction: 'recv', options: { ip: string }): Promise<PlainTransportInfo>;
  connectPlainTransport(conferenceId: string, peerId: string, transportId: string, remote: PlainRemote): Promise<void>;
  consume(conferenceId: string, peerId: string, source: MediaSource, kinds: MediaKind[], rtpCapabilities: unknown): Promise<{ id: string; rtpParameters: unknown }[]>;
  resume(conferenceId: string, peerId: string, consumerId: string): Promise<void>;
  holdsConsumer(conferenceId: string, peerId: string, consumerId: string): boolean;
  leave(conferenceId: string, peerId: string): Promise<MediaSource[]>;
}

/** The receiver's view of a consumer's first codec. */
function streamOf(kind: MediaKind, port: number, rtpParameters: types.RtpParameters): ForwardedStream {
  const codec = rtpParameters.codecs[0]!;
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(';');
  return {
    kind,
    port,
    payloadType: codec.payloadType,
    codec: codec.mimeType.split('/')[1]!,
    clockRate: codec.clockRate,
    ...(codec.channels ? { channels: codec.channels } : {}),
    ...(fmtp ? { fmtp } : {}),
  };
}

/**
 * mediasoup: one plain RTP transport per kind (peers `recorder:<id>:<kind>`, RTP and RTCP to the given
 * local port), each with a paused consumer of the source; `start` resumes them, and resuming a video
 * consumer makes the worker ask the publisher for a keyframe.
 */
export async function forwardSource(engine: PlainConsumers, conferenceId: string, source: MediaSource, ports: ForwardPorts): Promise<RtpForward | null> {
  if (!engine.isLive(conferenceId, source)) return null;
  const id = randomUUID();
  const opened: { peerId: string; consumerId: string; stream: ForwardedStream }[] = [];
  const peers: string[] = [];
  const close = async () => {
    for (const peerId of peers.splice(0)) await engine.leave(conferenceId, peerId).catch(() => undefined);
  };
  try {
    for (const kind of ['audio', 'video'] as const) {
      const peerId = `recorder:${id}:${kind}`;
      peers.push(peerId);
      const transport = await engine.openPlainTransport(conferenceId, peerId, 'recv', { ip: '127.0.0.1' });
      await engine.connectPlainTransport(conferenceId, peerId, transport.id, { ip: '127.0.0.1', port: ports[kind] });
      const [consumer] = await engine.consume(conferenceId, peerId, source, [kind], ROUTER_RTP_CAPABILITIES);
      if (consumer) opened.push({ peerId, consumerId: consumer.id, stream: streamOf(kind, ports[kind], consumer.rtpParameters as types.RtpParameters) });
    }
  } catch (e) {
    await close();
    throw e;
  }
  if (opened.length === 0) {
    await close();
    return null;
  }
  return {
    streams: opened.map((o) => o.stream),
    async start() {
      for (const o of opened) await engine.resume(conferenceId, o.peerId, o.consumerId);
    },
    ended: () => opened.some((o) => !engine.holdsConsumer(conferenceId, o.peerId, o.consumerId)),
    close,
  };
}
