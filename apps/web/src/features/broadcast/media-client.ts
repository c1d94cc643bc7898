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

export interface Publication extends Link {
  /**
   * Sends these tracks instead, on the same publication (another camera or microphone, the screen): the
   * receivers keep playing. False when it cannot (other kinds than published): publish again then.
   */
  replaceTracks(tracks: MediaStreamTrack[]): Promise<boolean>;
}

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
