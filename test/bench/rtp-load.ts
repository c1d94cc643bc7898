// Load generator for the mediasoup benchmark, run as child processes of it (fork, IPC):
//   rtp-load.ts publisher   synthetic RTP over UDP at steady pacing: VP8 (30 fps, ~1,100-byte packets,
//                           VP8 payload descriptor, marker on each frame's last packet, key frames on
//                           PLI/FIR) and Opus (50 packets/s of ~120 bytes).
//   rtp-load.ts receivers   plain RTP receivers: one UDP socket per subscriber that counts packets, bytes
//                           and RTP sequence gaps per kind (SRTP leaves the RTP header readable).
import { createSocket, type Socket } from 'node:dgram';

export interface PublishRequest {
  type: 'publish';
  host: string;
  port: number;
  video: { payloadType: number; ssrc: number; kbps: number; fps: number; packetBytes: number };
  audio: { payloadType: number; ssrc: number; packetsPerSecond: number; packetBytes: number };
}
export interface PublisherCounters {
  type: 'published';
  videoPackets: number;
  audioPackets: number;
  bytes: number;
  keyFrames: number;
  keyFrameRequests: number;
  /** Worst lateness of a send against its schedule, ms, since the last report. */
  maxLateMs: number;
}

export interface OpenRequest {
  type: 'open';
  count: number;
  host: string;
  videoPayloadType: number;
  audioPayloadType: number;
}
export interface Opened {
  type: 'opened';
  ports: number[];
}
/** Per subscriber, cumulative since `open`: packets and bytes received, and packets expected (sequence span). */
export interface ReceiverCounters {
  type: 'counters';
  videoPackets: number[];
  videoExpected: number[];
  audioPackets: number[];
  audioExpected: number[];
  bytes: number[];
}

type Msg = PublishRequest | OpenRequest | { type: 'snapshot' } | { type: 'close' } | { type: 'exit' };
const send = (m: Opened | ReceiverCounters | PublisherCounters | { type: 'closed' }) => process.send!(m);

// --- Publisher -----------------------------------------------------------------------------------

const RTP_HEADER = 12;
const VP8_DESCRIPTOR = 4; // X|S, I, 15-bit picture id
const KEY_FRAME_PACKETS = 6;
const KEY_FRAME_MIN_INTERVAL_MS = 300;

function rtpHeader(buf: Buffer, pt: number, marker: boolean, seq: number, ts: number, ssrc: number) {
  buf[0] = 0x80;
  buf[1] = (marker ? 0x80 : 0) | pt;
  buf.writeUInt16BE(seq & 0xffff, 2);
  buf.writeUInt32BE(ts >>> 0, 4);
  buf.writeUInt32BE(ssrc >>> 0, 8);
}

function publisher() {
  const socket = createSocket('udp4');
  let req: PublishRequest | null = null;
  let timer: NodeJS.Timeout | null = null;
  const c: PublisherCounters = { type: 'published', videoPackets: 0, audioPackets: 0, bytes: 0, keyFrames: 0, keyFrameRequests: 0, maxLateMs: 0 };
  let keyFrameWanted = true;
  let lastKeyFrame = -Infinity;
  let videoSeq = Math.floor(Math.random() * 65536);
  let audioSeq = Math.floor(Math.random() * 65536);
  let pictureId = Math.floor(Math.random() * 0x8000);
  const videoTs0 = Math.floor(Math.random() * 2 ** 32);
  const audioTs0 = Math.floor(Math.random() * 2 ** 32);

  // RTCP from the worker (muxed on the same port): PSFB PLI (206/1) or FIR (206/4) asks for a key frame.
  socket.on('message', (msg: Buffer) => {
    for (let off = 0; off + 4 <= msg.length; ) {
      const pt = msg[off + 1];
      const fmt = msg[off] & 0x1f;
      if (pt === 206 && (fmt === 1 || fmt === 4)) {
        c.keyFrameRequests++;
        keyFrameWanted = true;
      }
      off += (msg.readUInt16BE(off + 2) + 1) * 4;
    }
  });

  function sendFrame(frame: number, now: number) {
    const { video } = req!;
    const key = keyFrameWanted && now - lastKeyFrame >= KEY_FRAME_MIN_INTERVAL_MS;
    if (key) {
      keyFrameWanted = false;
      lastKeyFrame = now;
      c.keyFrames++;
    }
    // Delta frames carry the bitrate; key frames are KEY_FRAME_PACKETS full packets.
    const frameBytes = Math.round((video.kbps * 1000) / 8 / video.fps);
    const perPacket = video.packetBytes - RTP_HEADER - VP8_DESCRIPTOR;
    const packets = key ? KEY_FRAME_PACKETS : Math.max(1, Math.ceil(frameBytes / perPacket));
    const size = key ? perPacket : Math.ceil(frameBytes / packets);
    const ts = videoTs0 + frame * Math.round(90000 / video.fps);
    pictureId = (pictureId + 1) & 0x7fff;
    for (let i = 0; i < packets; i++) {
      const buf = Buffer.allocUnsafe(RTP_HEADER + VP8_DESCRIPTOR + size);
      rtpHeader(buf, video.payloadType, i === packets - 1, videoSeq++, ts, video.ssrc);
      let o = RTP_HEADER;
      buf[o++] = 0x80 | (i === 0 ? 0x10 : 0); // X, S on the frame's first packet, partition 0
      buf[o++] = 0x80; // I: picture id present
      buf[o++] = 0x80 | (pictureId >> 8); // M: 15-bit picture id
      buf[o++] = pictureId & 0xff;
      buf.fill(0x5a, o);
      if (i === 0) {
        // VP8 frame tag: inverse key frame bit, version 0, shown, first partition size.
        const tag = (key ? 0 : 1) | (1 << 4) | (Math.min(size, 0x7ffff) << 5);
        buf[o] = tag & 0xff;
        buf[o + 1] = (tag >> 8) & 0xff;
        buf[o + 2] = (tag >> 16) & 0xff;
        if (key) buf.set([0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01], o + 3); // start code, 640×360
      }
      socket.send(buf, req!.port, req!.host);
      c.videoPackets++;
      c.bytes += buf.length;
    }
  }

  function sendAudio(n: number) {
    const { audio } = req!;
    const buf = Buffer.allocUnsafe(audio.packetBytes);
    rtpHeader(buf, audio.payloadType, n === 0, audioSeq++, audioTs0 + n * Math.round(48000 / audio.packetsPerSecond), audio.ssrc);
    buf[RTP_HEADER] = 0xfc; // Opus TOC: CELT fullband 20 ms, one frame
    buf.fill(0x33, RTP_HEADER + 1);
    socket.send(buf, req!.port, req!.host);
    c.audioPackets++;
    c.bytes += buf.length;
  }

  function start(r: PublishRequest) {
    if (timer) clearInterval(timer);
    req = r;
    keyFrameWanted = true;
    const t0 = performance.now();
    const framePeriod = 1000 / r.video.fps;
    const audioPeriod = 1000 / r.audio.packetsPerSecond;
    let frame = 0;
    let audio = 0;
    // A fine tick sends whatever is due, so pacing does not drift with timer jitter.
    const tick = () => {
      const now = performance.now();
      while (t0 + frame * framePeriod <= now) {
        c.maxLateMs = Math.max(c.maxLateMs, now - (t0 + frame * framePeriod));
        sendFrame(frame++, now);
      }
      while (t0 + audio * audioPeriod <= now) {
        c.maxLateMs = Math.max(c.maxLateMs, now - (t0 + audio * audioPeriod));
        sendAudio(audio++);
      }
    };
    timer = setInterval(tick, 2);
  }

  process.on('message', (m: Msg) => {
    if (m.type === 'publish') start(m);
    else if (m.type === 'snapshot') {
      send({ ...c });
      c.maxLateMs = 0;
    } else if (m.type === 'close') {
      // Stops sending; the socket stays for the next `publish`.
      if (timer) clearInterval(timer);
      timer = null;
      send({ type: 'closed' });
    } else if (m.type === 'exit') process.exit(0);
  });
  socket.bind(0, '127.0.0.1', () => process.send!({ type: 'ready' }));
}

// --- Receivers -----------------------------------------------------------------------------------

function receivers() {
  let sockets: Socket[] = [];
  let videoPackets: Uint32Array;
  let audioPackets: Uint32Array;
  let bytes: Float64Array;
  // Extended highest sequence number and the first one seen, per subscriber and kind (-1: none yet).
  let videoMax: Float64Array;
  let videoBase: Float64Array;
  let audioMax: Float64Array;
  let audioBase: Float64Array;

  function track(max: Float64Array, base: Float64Array, i: number, seq: number) {
    if (base[i] < 0) {
      base[i] = seq;
      max[i] = seq;
      return;
    }
    const delta = (seq - (max[i] % 65536) + 65536) % 65536;
    if (delta > 0 && delta < 0x8000) max[i] += delta; // forward; older (reordered or repeated) ones do not move it
  }

  async function open(r: OpenRequest): Promise<number[]> {
    const n = r.count;
    videoPackets = new Uint32Array(n);
    audioPackets = new Uint32Array(n);
    bytes = new Float64Array(n);
    videoMax = new Float64Array(n);
    videoBase = new Float64Array(n).fill(-1);
    audioMax = new Float64Array(n);
    audioBase = new Float64Array(n).fill(-1);
    const { videoPayloadType: vpt, audioPayloadType: apt } = r;
    sockets = await Promise.all(
      Array.from(
        { length: n },
        (_, i) =>
          new Promise<Socket>((resolve, reject) => {
            const s = createSocket('udp4');
            s.on('message', (msg: Buffer) => {
              bytes[i] += msg.length;
              const pt = msg[1] & 0x7f;
              if (pt === vpt) {
                videoPackets[i]++;
                track(videoMax, videoBase, i, msg.readUInt16BE(2));
              } else if (pt === apt) {
                audioPackets[i]++;
                track(audioMax, audioBase, i, msg.readUInt16BE(2));
              }
            });
            s.once('error', reject);
            s.bind(0, r.host, () => {
              try {
                s.setRecvBufferSize(1 << 20);
              } catch {
                // the kernel's limit applies
              }
              resolve(s);
            });
          }),
      ),
    );
    return sockets.map((s) => s.address().port);
  }

  const expected = (max: Float64Array, base: Float64Array) => Array.from(max, (m, i) => (base[i] < 0 ? 0 : m - base[i] + 1));

  process.on('message', async (m: Msg) => {
    if (m.type === 'open') send({ type: 'opened', ports: await open(m) });
    else if (m.type === 'snapshot') {
      send({
        type: 'counters',
        videoPackets: Array.from(videoPackets),
        videoExpected: expected(videoMax, videoBase),
        audioPackets: Array.from(audioPackets),
        audioExpected: expected(audioMax, audioBase),
        bytes: Array.from(bytes),
      });
    } else if (m.type === 'close' || m.type === 'exit') {
      for (const s of sockets) s.close();
      sockets = [];
      if (m.type === 'exit') process.exit(0);
      send({ type: 'closed' });
    }
  });
  process.send!({ type: 'ready' });
}

process.on('disconnect', () => process.exit(0));
if (process.argv[2] === 'publisher') publisher();
else if (process.argv[2] === 'receivers') receivers();
else throw new Error('usage: rtp-load.ts publisher|receivers (forked by mediasoup.bench.ts)');
