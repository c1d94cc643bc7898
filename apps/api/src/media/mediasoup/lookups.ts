import { MediaErrorCode, type MediaKind, type MediaSource } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import { MediaEngineError } from '../media-engine';
import type { ConsumerEntry, Peer, Room, Source, TransportEntry } from './room';

/** A peer's transport by id, or the refusal a client understands. */
export function transportOf(room: Room | undefined, peerId: string, transportId: string): TransportEntry {
  const peer = room?.peers.get(peerId);
  const entry = [peer?.send, peer?.recv].find((t) => t?.transport.id === transportId);
  if (!entry) throw new MediaEngineError(MediaErrorCode.NotJoined, 'This transport is not open; create one first.');
  return entry;
}

export function webRtcTransportOf(room: Room | undefined, peerId: string, transportId: string): types.WebRtcTransport {
  const { transport } = transportOf(room, peerId, transportId);
  if (transport.type !== 'webrtc') throw new MediaEngineError(MediaErrorCode.Invalid, 'This is a plain RTP transport; it has no ICE or DTLS.');
  return transport;
}

export function consumerOf(room: Room | undefined, peerId: string, consumerId: string): ConsumerEntry {
  const entry = room?.peers.get(peerId)?.consumers.get(consumerId);
  if (!entry) throw new MediaEngineError(MediaErrorCode.NotLive, 'This stream is closed (its source may have stopped); subscribe again.');
  return entry;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a `consume` call works with, once checked: the live source, the peer's receive transport, its producers of those kinds. */
export function consumable(room: Room | undefined, peerId: string, source: MediaSource, kinds: MediaKind[], rtpCapabilities: unknown) {
  const src: Source | undefined = room?.sources.get(source);
  if (!room || !src || src.producers.size === 0) throw new MediaEngineError(MediaErrorCode.NotLive, 'This source is not live.');
  const peer: Peer | undefined = room.peers.get(peerId);
  const recv = peer?.recv;
  if (!peer || !recv) throw new MediaEngineError(MediaErrorCode.NotJoined, 'Open a receive transport first.');
  if (!isObject(rtpCapabilities) || !Array.isArray(rtpCapabilities['codecs'])) {
    throw new MediaEngineError(MediaErrorCode.Invalid, 'Send the device’s rtpCapabilities.');
  }
  const caps = rtpCapabilities as unknown as types.RtpCapabilities;
  const producers = [...src.producers.values()].filter((p) => kinds.includes(p.kind));
  if (producers.length === 0) throw new MediaEngineError(MediaErrorCode.NotLive, `This source sends no ${kinds.join(' or ')}.`);
  return { room, src, peer, recv, caps, producers };
}
