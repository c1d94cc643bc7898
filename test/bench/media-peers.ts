// Lightweight WebRTC peers for the media benchmark (werift, no decoding): a presenter that sends
// synthetic VP8 + Opus RTP, and subscribers that only count packets, bytes and sequence gaps.
// Run as `node test/bench/media-peers.ts --subscribers` (forked by media.bench.ts), the file hosts
// a group of subscribers driven over the IPC channel.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, type PeerConfig } from 'werift';
import { ROOT } from './stack.ts';

const require = createRequire(import.meta.url);
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));
const { peerConfig, gathered } = require(join(ROOT, 'apps/api/dist/media/werift-peers.js')) as {
  peerConfig(hosts: string[]): Partial<PeerConfig>;
  gathered(pc: RTCPeerConnection): Promise<string>;
};

export type Kind = 'audio' | 'video';

/** What the server negotiates (its own peer settings: VP8 with NACK/PLI/REMB, Opus, no STUN), IPv4 UDP only. */
export function benchPeerConfig(): Partial<PeerConfig> {
  return { ...peerConfig(['127.0.0.1']), iceUseIpv6: false, iceUseTcp: false };
}


export interface MediaSocketLike {
  emit(event: string, payload: unknown, ack: (r: { ok: boolean; data?: unknown; error?: { code: string; message: string } }) => void): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  once(event: string, listener: (...args: unknown[]) => void): void;
  close(): void;
  connected: boolean;
}

export function connectMedia(url: string, token: string, conferenceId: string): Promise<MediaSocketLike> {
  return new Promise((resolve, reject) => {
    const socket: MediaSocketLike = io(`${url}/media`, { auth: { token, conferenceId }, transports: ['websocket'], forceNew: true, reconnection: false });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no /media connection within 15 s'));
    }, 15_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(e as Error);
    });
    socket.once('media.error', (e) => {
      if (socket.connected) return;
      clearTimeout(timer);
      socket.close();
      reject(new Error(`media.error ${JSON.stringify(e)}`));
    });
  });
}

/** Emits a `/media` event and resolves with the ack's data (rejects on `{ok: false}` or after 20 s). */
export function ask<T>(socket: MediaSocketLike, event: string, payload: unknown, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${event}: no ack within ${timeoutMs} ms`)), timeoutMs);
    socket.emit(event, payload, (r) => {
      clearTimeout(timer);
      if (r?.ok) resolve(r.data as T);
      else reject(new Error(`${event}: ${r?.error?.code ?? '?'} ${r?.error?.message ?? JSON.stringify(r)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Synthetic presenter

export interface PresenterStats {
  videoPackets: number;
  audioPackets: number;
  bytes: number;
  keyframes: number;
  plis: number;
}

const VIDEO_FPS = 30;
const VIDEO_PACKET_PAYLOAD = 1100;
const AUDIO_PACKET_BYTES = 120;
const KEYFRAME_INTERVAL_FRAMES = 90;
const KEYFRAME_MIN_GAP_MS = 500;
/** Each payload ends with the wall-clock send time (ms, float64), for presenter → subscriber delay. */
const STAMP_BYTES = 8;
const wallClock = () => performance.timeOrigin + performance.now();
function stamp(payload: Buffer) {
  payload.writeDoubleLE(wallClock(), payload.length - STAMP_BYTES);
}
/** Every how many packets a subscriber samples the delay. */
const DELAY_SAMPLE_EVERY = 8;

/**
 * Sends VP8 at ~`videoKbps` (30 fps; a ~8 KB keyframe every 3 s or on PLI, delta frames sized to
 * keep the average) split into ≤1,100-byte packets with a VP8 payload descriptor, and Opus at
 * 50 packets/s of 120 bytes, on two sendonly transceivers. The payload is not decodable video:
 * the SFU forwards without decoding.
 */
export class SyntheticPresenter {
  readonly pc: RTCPeerConnection;
  readonly stats: PresenterStats = { videoPackets: 0, audioPackets: 0, bytes: 0, keyframes: 0, plis: 0 };
  private readonly video = new MediaStreamTrack({ kind: 'video' });
  private readonly audio = new MediaStreamTrack({ kind: 'audio' });
  private timer: NodeJS.Timeout | null = null;
  private videoSeq = Math.floor(Math.random() * 0xffff);
  private audioSeq = Math.floor(Math.random() * 0xffff);
  private videoTs = Math.floor(Math.random() * 0xffffffff);
  private audioTs = Math.floor(Math.random() * 0xffffffff);
  private frames = 0;
  /** The next real frame to send. */
  private framesAt = 0;
  private keyframeWanted = true;
  private lastKeyframe = 0;
  private readonly deltaFrameBytes: number;
  private readonly keyframeBytes = 8000;
  private readonly filler = Buffer.alloc(VIDEO_PACKET_PAYLOAD, 0x5a);

  /** Real VP8 frames (30 fps, the first a keyframe) looped instead of the filler; PLI goes back to the first. */
  private readonly realFrames: Buffer[] | null;

  constructor(videoKbps = 500, realFrames: Buffer[] | null = null) {
    this.realFrames = realFrames;
    this.pc = new RTCPeerConnection(benchPeerConfig());
    this.pc.addTransceiver(this.audio, { direction: 'sendonly' });
    const video = this.pc.addTransceiver(this.video, { direction: 'sendonly' });
    video.sender.onPictureLossIndication.subscribe(() => {
      this.stats.plis++;
      this.keyframeWanted = true;
    });
    // Bytes per frame on average, less the keyframe's share.
    const perFrame = (videoKbps * 1000) / 8 / VIDEO_FPS;
    this.deltaFrameBytes = Math.max(200, Math.round((perFrame * KEYFRAME_INTERVAL_FRAMES - this.keyframeBytes) / (KEYFRAME_INTERVAL_FRAMES - 1)));
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return gathered(this.pc);
  }

  async accept(answer: string) {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  connected(timeoutMs = 15_000): Promise<void> {
    if (this.pc.connectionState === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`presenter connection ${this.pc.connectionState} after ${timeoutMs} ms`)), timeoutMs);
      const { unSubscribe } = this.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') {
          clearTimeout(timer);
          unSubscribe();
          resolve();
        }
      });
    });
  }

  /** Paces frames on wall-clock time (a 5 ms tick sends whatever is due). */
  start() {
    const started = performance.now();
    let videoDue = 0;
    let audioDue = 0;
    this.timer = setInterval(() => {
      const elapsed = performance.now() - started;
      while (videoDue * (1000 / VIDEO_FPS) <= elapsed) {
        this.sendFrame();
        videoDue++;
      }
      while (audioDue * 20 <= elapsed) {
        this.sendAudio();
        audioDue++;
      }
    }, 5);
  }

  private sendFrame() {
    if (this.realFrames) return this.sendRealFrame(this.realFrames);
    const now = Date.now();
    const key = this.frames % KEYFRAME_INTERVAL_FRAMES === 0 || (this.keyframeWanted && now - this.lastKeyframe >= KEYFRAME_MIN_GAP_MS);
    if (key) {
      this.keyframeWanted = false;
      this.lastKeyframe = now;
      this.stats.keyframes++;
      if (this.frames % KEYFRAME_INTERVAL_FRAMES !== 0) this.frames = 0;
    }
    // Frame size in RTP payload bytes (descriptor and delay stamp included).
    const size = key ? this.keyframeBytes : this.deltaFrameBytes + Math.round((Math.random() - 0.5) * 200);
    const count = Math.ceil(size / VIDEO_PACKET_PAYLOAD);
    for (let i = 0; i < count; i++) {
      const packet = Buffer.from(this.filler.subarray(0, Math.min(VIDEO_PACKET_PAYLOAD, size - i * VIDEO_PACKET_PAYLOAD)));
      // VP8 payload descriptor (RFC 7741), one byte: S (start of partition) on the frame's first packet.
      packet[0] = i === 0 ? 0x10 : 0x00;
      if (i === 0) {
        // VP8 frame tag: bit 0 clear on keyframes, show_frame set; a keyframe has the start code and 640x480.
        packet.set(key ? [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01] : [0x11, 0x02, 0x00], 1);
      }
      stamp(packet);
      const header = new RtpHeader({ payloadType: 96, sequenceNumber: this.videoSeq, timestamp: this.videoTs, marker: i === count - 1, ssrc: 1 });
      this.videoSeq = (this.videoSeq + 1) & 0xffff;
      this.video.writeRtp(new RtpPacket(header, packet));
      this.stats.videoPackets++;
      this.stats.bytes += packet.length + 12;
    }
    this.videoTs = (this.videoTs + 90000 / VIDEO_FPS) >>> 0;
    this.frames++;
  }

  /** The next of the real frames, split like the synthetic ones (no delay stamp: it would break the picture). */
  private sendRealFrame(frames: Buffer[]) {
    if (this.keyframeWanted) {
      this.keyframeWanted = false;
      this.framesAt = 0;
    }
    const frame = frames[this.framesAt]!;
    this.framesAt = (this.framesAt + 1) % frames.length;
    const count = Math.ceil(frame.length / (VIDEO_PACKET_PAYLOAD - 1));
    for (let i = 0; i < count; i++) {
      const chunk = frame.subarray(i * (VIDEO_PACKET_PAYLOAD - 1), (i + 1) * (VIDEO_PACKET_PAYLOAD - 1));
      const packet = Buffer.concat([Buffer.from([i === 0 ? 0x10 : 0x00]), chunk]);
      const header = new RtpHeader({ payloadType: 96, sequenceNumber: this.videoSeq, timestamp: this.videoTs, marker: i === count - 1, ssrc: 1 });
      this.videoSeq = (this.videoSeq + 1) & 0xffff;
      this.video.writeRtp(new RtpPacket(header, packet));
      this.stats.videoPackets++;
      this.stats.bytes += packet.length + 12;
    }
    this.videoTs = (this.videoTs + 90000 / VIDEO_FPS) >>> 0;
  }

  private sendAudio() {
    const payload = Buffer.alloc(AUDIO_PACKET_BYTES, 0x33);
    payload[0] = 0xfc; // TOC: SILK/CELT hybrid config 31, stereo flag off, one frame
    stamp(payload);
    const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.audioSeq, timestamp: this.audioTs, marker: false, ssrc: 2 });
    this.audioSeq = (this.audioSeq + 1) & 0xffff;
    this.audioTs = (this.audioTs + 960) >>> 0;
    this.audio.writeRtp(new RtpPacket(header, payload));
    this.stats.audioPackets++;
    this.stats.bytes += payload.length + 12;
  }

  async close() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.video.stop();
    this.audio.stop();
    await this.pc.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Counting subscribers

/** Per track: packets, RTP bytes, and the RFC 3550 extended highest sequence number. */
export interface TrackCount {
  received: number;
  bytes: number;
  /** Packets expected so far: extended highest − first + 1 (0 before the first packet). */
  expected: number;
}
export interface SubscriberCount {
  audio: TrackCount;
  video: TrackCount;
  /** Connection state now. */
  state: string;
}

class SeqCounter {
  received = 0;
  bytes = 0;
  private base = -1;
  private highest = 0;

  add(seq: number, bytes: number) {
    this.received++;
    this.bytes += bytes;
    if (this.base < 0) {
      this.base = seq;
      this.highest = seq;
      return;
    }
    const delta = (seq - (this.highest & 0xffff)) & 0xffff;
    if (delta > 0 && delta < 0x8000) this.highest += delta;
  }

  snapshot(): TrackCount {
    return { received: this.received, bytes: this.bytes, expected: this.base < 0 ? 0 : this.highest - this.base + 1 };
  }
}

/** One point operator's subscription to the presenter: counts RTP, decodes nothing. */
export class CountingSubscriber {
  readonly pc = new RTCPeerConnection(benchPeerConfig());
  private readonly counters = { audio: new SeqCounter(), video: new SeqCounter() };
  private socket: MediaSocketLike | null = null;
  /** Presenter → here delays (ms) sampled since the last `takeDelays()`. */
  private delays: number[] = [];

  constructor() {
    this.pc.ontrack = ({ track }) => {
      const counter = this.counters[track.kind as Kind];
      if (!counter) return;
      track.onReceiveRtp.subscribe((rtp) => {
        counter.add(rtp.header.sequenceNumber, rtp.payload.length + 12);
        if (counter.received % DELAY_SAMPLE_EVERY === 0 && rtp.payload.length >= STAMP_BYTES) {
          this.delays.push(wallClock() - rtp.payload.readDoubleLE(rtp.payload.length - STAMP_BYTES));
        }
      });
    };
  }

  takeDelays(): number[] {
    const d = this.delays;
    this.delays = [];
    return d;
  }

  /** Joins `/media`, subscribes to the presenter, answers; resolves once both tracks have packets. */
  async open(url: string, token: string, conferenceId: string, timeoutMs = 20_000) {
    this.socket = await connectMedia(url, token, conferenceId);
    await ask(this.socket, 'media.join', {});
    const { sdp: offer } = await ask<{ sdp: string }>(this.socket, 'media.subscribe', { source: 'presenter', kinds: ['audio', 'video'] });
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    const sdp = await gathered(this.pc);
    await ask(this.socket, 'media.answer', { source: 'presenter', sdp });
    const deadline = Date.now() + timeoutMs;
    while (this.counters.audio.received === 0 || this.counters.video.received === 0) {
      if (Date.now() > deadline) {
        throw new Error(`no media after ${timeoutMs} ms (connection ${this.pc.connectionState}, audio ${this.counters.audio.received}, video ${this.counters.video.received})`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  snapshot(): SubscriberCount {
    return { audio: this.counters.audio.snapshot(), video: this.counters.video.snapshot(), state: this.pc.connectionState };
  }

  async close() {
    this.socket?.close();
    await this.pc.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Subscriber group process (IPC)

export type ToGroup =
  | { type: 'open'; url: string; conferenceId: string; tokens: string[]; concurrency: number }
  | { type: 'snapshot'; id: number }
  | { type: 'close' };
export type FromGroup =
  | { type: 'opened'; connected: number; errors: string[] }
  | { type: 'snapshot'; id: number; subscribers: SubscriberCount[]; delays: number[] }
  | { type: 'closed' };

const DELAYS_KEPT = 20_000;

async function runGroup() {
  const subscribers: CountingSubscriber[] = [];
  const send = (m: FromGroup) => process.send!(m);
  process.on('message', async (m: ToGroup) => {
    if (m.type === 'open') {
      const errors: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(m.concurrency, m.tokens.length) }, async () => {
          while (next < m.tokens.length) {
            const token = m.tokens[next++];
            const sub = new CountingSubscriber();
            try {
              await sub.open(m.url, token, m.conferenceId);
              subscribers.push(sub);
            } catch (e) {
              errors.push((e as Error).message);
              await sub.close();
            }
          }
        }),
      );
      send({ type: 'opened', connected: subscribers.length, errors });
    } else if (m.type === 'snapshot') {
      // Delays since the previous snapshot, thinned to at most DELAYS_KEPT samples.
      const delays = subscribers.flatMap((s) => s.takeDelays());
      const step = Math.max(1, delays.length / DELAYS_KEPT);
      const kept: number[] = [];
      for (let i = 0; i < delays.length; i += step) kept.push(delays[Math.floor(i)]);
      send({ type: 'snapshot', id: m.id, subscribers: subscribers.map((s) => s.snapshot()), delays: kept });
    } else if (m.type === 'close') {
      await Promise.all(subscribers.map((s) => s.close()));
      send({ type: 'closed' });
      process.disconnect();
      setTimeout(() => process.exit(0), 200).unref();
    }
  });
  process.on('disconnect', () => setTimeout(() => process.exit(0), 500).unref());
}

if (process.argv.includes('--subscribers') && process.send) await runGroup();
