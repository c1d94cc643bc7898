import type { MediaJoined, MediaKind, MediaSource } from '@bridgepoint/contracts';
import type { MediaSocket } from './signaling';

/** How a publication or subscription's connection is doing. */
export type LinkState = 'connecting' | 'connected' | 'failed';

export interface PublishOptions {
  /** Send three simulcast layers (presenter); one low layer otherwise (a point's uplink). */
  simulcast: boolean;
  /** Cap of the (top layer's) video bitrate. */
  maxVideoKbps: number;
}

interface Link {
  readonly state: LinkState;
  onState(listener: (state: LinkState) => void): void;
  /** The connection's WebRTC stats (inbound-rtp, outbound-rtp, remote-inbound-rtp, candidate-pair ...). */
  stats(): Promise<RTCStatsReport[]>;
  close(): Promise<void>;
}

export type Publication = Link;

export interface Subscription extends Link {
  readonly stream: MediaStream;
  /** Simulcast layer to receive (0 lowest); a no-op where the engine has a single layer. */
  setLayer(spatialLayer: number): Promise<void>;
}

/**
 * The browser side of one engine, over one `/media` socket that has joined. Each subscription and
 * publication is independent: closing one leaves the others.
 */
export interface MediaClient {
  readonly joined: MediaJoined;
  publish(source: MediaSource, tracks: MediaStreamTrack[], options: PublishOptions): Promise<Publication>;
  subscribe(source: MediaSource, kinds: MediaKind[]): Promise<Subscription>;
  /** Tries to recover failed connections without a new join (ICE restart); false when it cannot. */
  restartIce(): Promise<boolean>;
  close(): void;
}

export type MediaClientFactory = (socket: MediaSocket, joined: MediaJoined) => Promise<MediaClient>;
