import type {
  MediaConsumerOptions,
  MediaKind,
  MediaSource,
  MediaStats,
  MediaTransportOptions,
} from '@bridgepoint/contracts';

export const MEDIA_ENGINE = Symbol('MEDIA_ENGINE');

/** A source's sound as the engine hears it. */
export interface AudioReading {
  /** Packets with sound arrived lately (and the source is not paused). */
  sound: boolean;
  /** 0 (silence) to 1; null where the engine does not measure it. */
  level: number | null;
}

/** One kind of a source's media as a forward sends it: what a receiver's SDP must say. */
export interface ForwardedStream {
  kind: MediaKind;
  /** The local UDP port it goes to (RTCP, where sent, goes to the same port). */
  port: number;
  payloadType: number;
  /** `VP8`, `H264`, `opus`. */
  codec: string;
  clockRate: number;
  channels?: number;
  /** The codec's `a=fmtp` parameters, if any. */
  fmtp?: string;
}

/**
 * A live source's RTP sent to local UDP ports (a recorder listening there). werift takes packets from the
 * moment it opens (a keyframe asked for then) and holds them until `start`; mediasoup's consumers stay
 * paused until `start` (resuming asks for the keyframe). It stops by itself when the publication ends.
 */
export interface RtpForward {
  readonly streams: ForwardedStream[];
  start(): Promise<void>;
  /** The publication it forwards has ended (a new publication of the source needs a new forward). */
  ended(): boolean;
  close(): Promise<void>;
}

/** The UDP port on 127.0.0.1 each kind is to be sent to. */
export type ForwardPorts = Record<MediaKind, number>;

/** A source ended without its publisher asking (connection failed or closed, worker died). */
export type SourceEndedListener = (conferenceId: string, source: MediaSource) => void;
/** The engine lost these peers' media (a worker died); they must join again. */
export type PeersLostListener = (conferenceId: string, peerIds: string[], reason: string) => void;

/**
 * What both engines do: one room per conference, sources with at most one publisher each, any number of
 * subscriptions per source. Peers are named by the caller (a socket id); authorization is the caller's job.
 * Every method is safe to call for an unknown room, peer or source.
 */
export interface MediaEngineBase {
  readonly workers: number;
  liveSources(conferenceId: string): MediaSource[];
  isLive(conferenceId: string, source: MediaSource): boolean;
  /** Stops a source this peer publishes, closing its subscriptions; false when it published nothing there. */
  unpublish(conferenceId: string, peerId: string, source: MediaSource): Promise<boolean>;
  unsubscribe(conferenceId: string, peerId: string, source: MediaSource): Promise<void>;
  /** Closes whatever the peer holds; returns the sources it published. */
  leave(conferenceId: string, peerId: string): Promise<MediaSource[]>;
  /**
   * Stops (or starts again) sending the source's sound to its subscribers: the host site muting a point.
   * Holds for the source's current publication; the caller applies it again to a new one.
   */
  pauseAudio(conferenceId: string, source: MediaSource, paused: boolean): Promise<void>;
  /** What the server hears of the source's sound now: sound arriving, and its loudness 0..1 where measured. */
  audioOf(conferenceId: string, source: MediaSource): AudioReading;
  /** Conferences the engine holds anything for. */
  conferences(): string[];
  /** Forwards a live source's media (the kinds it sends) to local ports; null when it is not live. */
  forward(conferenceId: string, source: MediaSource, ports: ForwardPorts): Promise<RtpForward | null>;
  onSourceEnded(listener: SourceEndedListener): void;
  onPeersLost(listener: PeersLostListener): void;
  stats(): MediaStats;
  close(): Promise<void>;
}

/** werift: one peer connection per publication or subscription, whole SDP both ways. */
export interface SdpMediaEngine extends MediaEngineBase {
  readonly name: 'werift';
  /** Takes the publisher's offer (sendonly) and returns the answer. */
  publish(conferenceId: string, peerId: string, source: MediaSource, offerSdp: string): Promise<string>;
  /**
   * Opens a subscription to a live source; returns the engine's offer. Refused with MEDIA_FULL beyond the
   * engine's capacity, unless `priority` (the host site's own screens).
   */
  subscribe(conferenceId: string, peerId: string, source: MediaSource, kinds: MediaKind[], options?: { priority?: boolean }): Promise<string>;
  /** Completes a subscription with the subscriber's answer. */
  answer(conferenceId: string, peerId: string, source: MediaSource, answerSdp: string): Promise<void>;
}

/** mediasoup: transports, producers and consumers, as mediasoup-client expects them. */
export interface SfuMediaEngine extends MediaEngineBase {
  readonly name: 'mediasoup';
  routerRtpCapabilities(conferenceId: string): Promise<unknown>;
  createTransport(conferenceId: string, peerId: string, direction: 'send' | 'recv'): Promise<MediaTransportOptions>;
  connectTransport(conferenceId: string, peerId: string, transportId: string, dtlsParameters: unknown): Promise<void>;
  restartIce(conferenceId: string, peerId: string, transportId: string): Promise<unknown>;
  produce(
    conferenceId: string,
    peerId: string,
    transportId: string,
    source: MediaSource,
    kind: MediaKind,
    rtpParameters: unknown,
  ): Promise<string>;
  /** Consumers (paused) on the peer's recv transport for the source's producers of these kinds. */
  consume(
    conferenceId: string,
    peerId: string,
    source: MediaSource,
    kinds: MediaKind[],
    rtpCapabilities: unknown,
  ): Promise<MediaConsumerOptions[]>;
  resume(conferenceId: string, peerId: string, consumerId: string): Promise<void>;
  setPreferredLayer(conferenceId: string, peerId: string, consumerId: string, spatialLayer: number): Promise<void>;
}

export type MediaEngine = SdpMediaEngine | SfuMediaEngine;

export class MediaEngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaEngineError';
  }
}
