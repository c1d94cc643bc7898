import { MEDIA_AUDIO_FRESH_MS, type MediaKind } from '@bridgepoint/contracts';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpHeaderExtensionParameters,
  RTCRtpCodecParameters,
  useAbsSendTime,
  useNACK,
  usePLI,
  useREMB,
  useSdesMid,
  type PeerConfig,
  type RtpPacket,
} from 'werift';
import { AUDIO_LEVEL_URI, AudioMeter, dBovOf } from './audio-level';

/** Keyframe requests to the publisher are at most this frequent. */
export const PLI_MIN_INTERVAL_MS = 1000;
const GATHERING_TIMEOUT_MS = 5000;

/**
 * VP8 + Opus with NACK, PLI and REMB. No transport-cc: with a Chromium publisher its bandwidth
 * estimate collapses when the receiver is werift.
 */
export function peerConfig(additionalHostAddresses: string[], portRange?: [number, number]): Partial<PeerConfig> {
  return {
    codecs: {
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90000,
          rtcpFeedback: [useNACK(), usePLI(), useREMB()],
        }),
      ],
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
    },
    // The audio level (RFC 6464) on every sound packet: the control room's meters, without decoding anything.
    headerExtensions: {
      video: [useSdesMid(), useAbsSendTime()],
      audio: [useSdesMid(), new RTCRtpHeaderExtensionParameters({ id: 10, uri: AUDIO_LEVEL_URI })],
    },
    // No STUN: werift's default (a Google server) stalls gathering for seconds where it is unreachable, and the
    // server's own addresses (its interfaces, MEDIA_ANNOUNCED_ADDRESS) are what browsers need.
    iceServers: [],
    iceAdditionalHostAddresses: additionalHostAddresses,
    ...(portRange ? { icePortRange: portRange } : {}),
  };
}

/** Resolves once candidates are in the local description (no trickle on this signaling). */
export async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, GATHERING_TIMEOUT_MS);
      const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') done();
      });
      function done() {
        clearTimeout(timer);
        unSubscribe();
        resolve();
      }
    });
  }
  return pc.localDescription?.sdp ?? '';
}

/** A publisher's connection: receives its tracks and fans each packet out to the subscribers' tracks. */
export class Publisher {
  private readonly sinks = new Map<MediaKind, Set<MediaStreamTrack>>([
    ['audio', new Set()],
    ['video', new Set()],
  ]);
  /** Tracks received so far (one per kind the publisher sends). */
  readonly kinds = new Set<MediaKind>();
  private requestKeyframe: (() => void) | null = null;
  private lastPli = 0;
  private pliTimer: NodeJS.Timeout | null = null;

  /** What arrives of the publisher's sound. */
  readonly audio = new AudioMeter();
  /** The host site muted this source: its sound is not forwarded. */
  audioPaused = false;

  /** The extension id the negotiation gave the audio level (null: the publisher sends no levels). */
  audioLevelId: number | null = null;

  /** Readers of every packet forwarded (a recorder), besides the subscribers' tracks. */
  readonly taps = new Set<(kind: MediaKind, rtp: RtpPacket) => void>();

  constructor(readonly peerId: string, readonly pc: RTCPeerConnection) {
    pc.ontrack = ({ track, receiver }) => {
      const kind = track.kind as MediaKind;
      this.kinds.add(kind);
      track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
        if (kind === 'audio') {
          const id = this.audioLevelId;
          this.audio.packet(id === null ? null : dBovOf(rtp.header.extensions.find((e) => e.id === id)?.payload));
          if (this.audioPaused) return;
        }
        for (const tap of this.taps) tap(kind, rtp);
        const sinks = this.sinks.get(kind)!;
        if (sinks.size === 0) return;
        // Each sender adds its own extensions and keeps any it finds: the publisher's ids mean something else there.
        const out = rtp.clone();
        out.header.extensions = [];
        for (const sink of sinks) sink.writeRtp(out);
      });
      if (kind === 'video') {
        this.requestKeyframe = () => {
          if (track.ssrc !== undefined) void receiver.sendRtcpPLI(track.ssrc).catch(() => undefined);
        };
        this.keyframe();
      }
    };
  }

  /** Sound arriving now (and forwarded), with its level where the publisher sends one. */
  audioReading() {
    const sound = this.kinds.has('audio') && !this.audioPaused && this.audio.hasSound(MEDIA_AUDIO_FRESH_MS);
    return { sound, level: this.audioLevelId !== null ? this.audio.current(MEDIA_AUDIO_FRESH_MS) : null };
  }

  get consumers() {
    return this.sinks.get('audio')!.size + this.sinks.get('video')!.size;
  }

  attach(kind: MediaKind, sink: MediaStreamTrack) {
    this.sinks.get(kind)!.add(sink);
  }

  detach(kind: MediaKind, sink: MediaStreamTrack) {
    this.sinks.get(kind)!.delete(sink);
  }

  /** Asks for a keyframe now, or once the throttle allows (several requests collapse into one). */
  keyframe() {
    if (this.pliTimer) return;
    const wait = this.lastPli + PLI_MIN_INTERVAL_MS - Date.now();
    const send = () => {
      this.pliTimer = null;
      this.lastPli = Date.now();
      this.requestKeyframe?.();
    };
    if (wait <= 0) send();
    else this.pliTimer = setTimeout(send, wait);
  }

  async close() {
    if (this.pliTimer) clearTimeout(this.pliTimer);
    this.pliTimer = null;
    this.requestKeyframe = null;
    for (const set of this.sinks.values()) set.clear();
    this.taps.clear();
    await this.pc.close().catch(() => undefined);
  }
}

/** A subscription: sendonly tracks of the requested kinds, fed by one publisher. */
export class Subscriber {
  readonly tracks: [MediaKind, MediaStreamTrack][];

  constructor(readonly peerId: string, readonly pc: RTCPeerConnection, readonly publisher: Publisher, kinds: MediaKind[]) {
    this.tracks = kinds.map((kind) => [kind, new MediaStreamTrack({ kind })]);
    for (const [kind, track] of this.tracks) {
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
      if (kind === 'video') transceiver.sender.onPictureLossIndication.subscribe(() => publisher.keyframe());
      publisher.attach(kind, track);
    }
  }

  async close() {
    for (const [kind, track] of this.tracks) {
      this.publisher.detach(kind, track);
      track.stop();
    }
    await this.pc.close().catch(() => undefined);
  }
}
