import { MediaErrorCode } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import { MediaEngineError } from '../media-engine';
import type { ConsumerEntry, Room, TransportEntry } from './room';

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
