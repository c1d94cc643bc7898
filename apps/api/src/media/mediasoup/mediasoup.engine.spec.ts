import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { PRESENTER_SOURCE, pointSource, type MediaSource } from '@bridgepoint/contracts';
import { loadConfig } from '../../config/app-config';
import { findMediasoupWorker } from './find-worker';
import { MediasoupEngine } from './mediasoup.engine';

/*
 * Against real mediasoup workers, when a worker binary is found. Without a browser nothing sends RTP, but
 * mediasoup accepts producers on a WebRTC transport before DTLS connects, so the port is driven end to end:
 * transports, producers, consumers, pipes between workers, closing, and a worker that dies.
 */
const found = findMediasoupWorker({ mediasoupWorkerBin: null });
if (!('path' in found)) {
  console.log(`SKIPPED: no mediasoup worker (${found.missing})`);
  // Jest prints nothing of a file whose tests are all skipped: this keeps the line above on screen.
  test.todo('run against a mediasoup worker (set MEDIASOUP_WORKER_BIN)');
}
const withWorker = 'path' in found ? describe : describe.skip;

const CONFERENCE = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }];
const MID_EXT = { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 };

/** What mediasoup-client would send for a three-layer VP8 simulcast camera and an Opus microphone. */
const rtp = (ssrc: number) => ({
  video: {
    mid: '1',
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: FEEDBACK }],
    headerExtensions: [MID_EXT],
    encodings: [{ ssrc }, { ssrc: ssrc + 1 }, { ssrc: ssrc + 2 }],
    rtcp: { cname: `cam-${ssrc}` },
  },
  audio: {
    mid: '0',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
    headerExtensions: [MID_EXT],
    encodings: [{ ssrc: ssrc + 10 }],
    rtcp: { cname: `cam-${ssrc}` },
  },
});

/** An RTP packet: 12-byte header, then the payload. */
function rtpPacket(pt: number, seq: number, ts: number, ssrc: number, payload: Buffer, marker = true): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | pt;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(ts >>> 0, 4);
  header.writeUInt32BE(ssrc, 8);
  return Buffer.concat([header, payload]);
}

/** A one-packet VP8 key frame: payload descriptor (S, 15-bit picture id), then a key frame header (640×360). */
function vp8KeyFrame(pictureId: number): Buffer {
  const frame = Buffer.alloc(200, 0x5a);
  frame.set([0x90, 0x80, 0x80 | ((pictureId >> 8) & 0x7f), pictureId & 0xff], 0);
  const tag = (1 << 4) | (150 << 5); // key frame, version 0, shown, first partition of 150 bytes
  frame.set([tag & 0xff, (tag >> 8) & 0xff, (tag >> 16) & 0xff, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01], 4);
  return frame;
}

async function until<T>(what: string, read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

withWorker('MediasoupEngine on real workers', () => {
  jest.setTimeout(30_000);
  const port = 41000 + 2 * Math.floor(Math.random() * 3000);
  let engine: MediasoupEngine;
  const ended: [string, MediaSource][] = [];
  const lost: [string, string[], string][] = [];

  beforeAll(async () => {
    const config = loadConfig({
      MEDIA_ENGINE: 'mediasoup',
      MEDIASOUP_WORKERS: '2',
      MEDIA_LISTEN_IP: '127.0.0.1',
      MEDIA_PORT: String(port),
    }).media;
    engine = await MediasoupEngine.create(config, (found as { path: string }).path);
    engine.onSourceEnded((c, s) => ended.push([c, s]));
    engine.onPeersLost((c, peers, reason) => lost.push([c, peers, reason]));
  });
  afterAll(() => engine?.close());
  beforeEach(() => {
    ended.length = 0;
    lost.length = 0;
  });

  /** Presenter `pub` publishes on worker 0; `sub` receives on worker 1, through a pipe. */
  async function publishAndSubscribe(pub: string, sub: string, source: MediaSource = PRESENTER_SOURCE) {
    const send = await engine.createTransport(CONFERENCE, pub, 'send');
    const recv = await engine.createTransport(CONFERENCE, sub, 'recv');
    const params = rtp(1000 + Math.floor(Math.random() * 1e6));
    await engine.produce(CONFERENCE, pub, send.id, source, 'audio', params.audio);
    await engine.produce(CONFERENCE, pub, send.id, source, 'video', params.video);
    const caps = await engine.routerRtpCapabilities(CONFERENCE);
    const consumers = await engine.consume(CONFERENCE, sub, source, ['audio', 'video'], caps);
    return { send, recv, consumers, caps };
  }

  async function expectNothingLeft() {
    await until('everything to close', () => engine.stats(), (s) => s.rooms === 0 && s.transports === 0 && s.producers === 0 && s.consumers === 0);
    await until('the workers to hold no routers', () => engine.workerDumps(), (d) => d.every((w) => w.routers === 0 && w.webRtcTransports === 0));
    expect(engine.workerLoads().map((w) => w.load)).toEqual([0, 0]);
  }

  it('starts two workers whose WebRTC servers listen on port + index and spreads transports over them', async () => {
    expect(engine.stats()).toEqual({ engine: 'mediasoup', workers: 2, rooms: 0, transports: 0, producers: 0, consumers: 0 });
    const a = await engine.createTransport(CONFERENCE, 'peer-a', 'send');
    const b = await engine.createTransport(CONFERENCE, 'peer-b', 'recv');

    const ports = (t: typeof a) => new Set((t.iceCandidates as { port: number; address: string; protocol: string }[]).map((c) => c.port));
    expect([...ports(a)]).toEqual([port]);
    expect([...ports(b)]).toEqual([port + 1]);
    const protocols = (a.iceCandidates as { protocol: string; address: string }[]).map((c) => `${c.protocol}:${c.address}`).sort();
    expect(protocols).toEqual(['tcp:127.0.0.1', 'udp:127.0.0.1']);
    expect(engine.workerLoads().map((w) => w.load)).toEqual([10, 10]);
    expect(engine.stats()).toMatchObject({ rooms: 1, transports: 2 });

    // Transports opened at once share the conference's router on each worker.
    await Promise.all(['peer-c', 'peer-d', 'peer-e', 'peer-f'].map((p) => engine.createTransport(CONFERENCE, p, 'recv')));
    expect((await engine.workerDumps()).map((w) => [w.routers, w.webRtcTransports])).toEqual([
      [1, 3],
      [1, 3],
    ]);

    for (const p of ['peer-a', 'peer-b', 'peer-c', 'peer-d', 'peer-e', 'peer-f']) await engine.leave(CONFERENCE, p);
    await expectNothingLeft();
  });

  it('refuses a transport with MEDIA_FULL when every worker is at its budget', async () => {
    const small = await MediasoupEngine.create(
      loadConfig({ MEDIASOUP_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_PORT: String(port + 2), MEDIA_WORKER_BUDGET: '10' }).media,
      (found as { path: string }).path,
    );
    try {
      await small.createTransport(CONFERENCE, 'first', 'recv');
      await expect(small.createTransport(CONFERENCE, 'second', 'recv')).rejects.toMatchObject({ code: 'MEDIA_FULL' });
      expect(small.stats()).toMatchObject({ rooms: 1, transports: 1 });
      await small.leave(CONFERENCE, 'first');
      expect(small.stats()).toMatchObject({ rooms: 0, transports: 0 });
      await small.createTransport(CONFERENCE, 'second', 'recv');
    } finally {
      await small.close();
    }
  });

  it('consumes a producer of another worker through one cached pipe', async () => {
    const { consumers, caps } = await publishAndSubscribe('presenter-1', 'point-1');
    expect(engine.liveSources(CONFERENCE)).toEqual([PRESENTER_SOURCE]);
    expect(consumers.map((c) => c.kind).sort()).toEqual(['audio', 'video']);
    // 2 WebRTC transports + the pipe transport pair between the two routers
    expect(engine.stats()).toMatchObject({ rooms: 1, transports: 4, producers: 2, consumers: 2 });

    // Subscribing again replaces the consumers and reuses the pipe.
    const again = await engine.consume(CONFERENCE, 'point-1', PRESENTER_SOURCE, ['video'], caps);
    expect(again).toHaveLength(1);
    expect(again[0].id).not.toBe(consumers.find((c) => c.kind === 'video')!.id);
    expect(engine.stats()).toMatchObject({ transports: 4, producers: 2, consumers: 1 });

    await engine.resume(CONFERENCE, 'point-1', again[0].id);
    await engine.setPreferredLayer(CONFERENCE, 'point-1', again[0].id, 0);
    await expect(engine.resume(CONFERENCE, 'point-1', consumers[0].id)).rejects.toMatchObject({ code: 'MEDIA_NOT_LIVE' });

    // Unpublishing closes every consumer of the source (no "ended": the publisher asked).
    expect(await engine.unpublish(CONFERENCE, 'presenter-1', PRESENTER_SOURCE)).toBe(true);
    expect(engine.isLive(CONFERENCE, PRESENTER_SOURCE)).toBe(false);
    await until('the consumers to close', () => engine.stats().consumers, (n) => n === 0);
    expect(ended).toEqual([]);
    await expect(engine.consume(CONFERENCE, 'point-1', PRESENTER_SOURCE, ['video'], caps)).rejects.toMatchObject({
      code: 'MEDIA_NOT_LIVE',
    });

    expect(await engine.leave(CONFERENCE, 'presenter-1')).toEqual([]);
    expect(await engine.leave(CONFERENCE, 'point-1')).toEqual([]);
    await expectNothingLeft();
  });

  it('keeps one publisher per source and refuses a consumer without a receive transport', async () => {
    const a = await engine.createTransport(CONFERENCE, 'op-a', 'send');
    const b = await engine.createTransport(CONFERENCE, 'op-b', 'send');
    const source = pointSource('0b9d8c7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e');
    await engine.produce(CONFERENCE, 'op-a', a.id, source, 'video', rtp(5000).video);
    await expect(engine.produce(CONFERENCE, 'op-b', b.id, source, 'video', rtp(6000).video)).rejects.toMatchObject({
      code: 'MEDIA_PUBLISHER_EXISTS',
    });
    await expect(engine.consume(CONFERENCE, 'op-b', source, ['video'], await engine.routerRtpCapabilities(CONFERENCE))).rejects.toMatchObject({
      code: 'MEDIA_NOT_JOINED',
    });
    expect(await engine.leave(CONFERENCE, 'op-a')).toEqual([source]);
    await engine.leave(CONFERENCE, 'op-b');
    await expectNothingLeft();
  });

  it('carries a plain RTP publisher to an SRTP plain subscriber on the other worker, through the pipe', async () => {
    const send = await engine.openPlainTransport(CONFERENCE, 'plain-pub', 'send', { ip: '127.0.0.1' });
    const recv = await engine.openPlainTransport(CONFERENCE, 'plain-sub', 'recv', { ip: '127.0.0.1', srtp: true });
    expect(send).toMatchObject({ ip: '127.0.0.1', port: expect.any(Number) });
    expect(send.srtpParameters).toBeUndefined();
    expect(recv.srtpParameters).toMatchObject({ cryptoSuite: 'AES_CM_128_HMAC_SHA1_80' });
    expect(engine.workerLoads().map((w) => w.transports)).toEqual([1, 1]);

    // Plain transports have no ICE or DTLS; a send transport needs no connect; WebRTC ones take no plain connect.
    await expect(engine.restartIce(CONFERENCE, 'plain-sub', recv.id)).rejects.toMatchObject({ code: 'MEDIA_INVALID' });
    await expect(engine.connectTransport(CONFERENCE, 'plain-pub', send.id, { fingerprints: [] })).rejects.toMatchObject({ code: 'MEDIA_INVALID' });
    await expect(engine.connectPlainTransport(CONFERENCE, 'plain-pub', send.id, { ip: '127.0.0.1', port: 9 })).rejects.toMatchObject({
      code: 'MEDIA_INVALID',
    });
    await expect(engine.connectPlainTransport(CONFERENCE, 'plain-sub', recv.id, { ip: '127.0.0.1', port: 9 })).rejects.toMatchObject({
      code: 'MEDIA_INVALID',
    });
    const webrtc = await engine.createTransport(CONFERENCE, 'browser', 'recv');
    await expect(engine.connectPlainTransport(CONFERENCE, 'browser', webrtc.id, { ip: '127.0.0.1', port: 9 })).rejects.toMatchObject({
      code: 'MEDIA_INVALID',
    });
    await engine.leave(CONFERENCE, 'browser');

    const sockets: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      const receiver = createSocket('udp4');
      sockets.push(receiver);
      const got = new Map<number, { packets: number; ssrcs: Set<number> }>();
      receiver.on('message', (msg: Buffer) => {
        const pt = msg[1] & 0x7f;
        if (pt >= 64 && pt <= 95) return; // RTCP
        const seen = got.get(pt) ?? { packets: 0, ssrcs: new Set<number>() };
        seen.packets++;
        seen.ssrcs.add(msg.readUInt32BE(8));
        got.set(pt, seen);
      });
      await new Promise<void>((r) => receiver.bind(0, '127.0.0.1', r));
      const srtpParameters = { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80' as const, keyBase64: randomBytes(30).toString('base64') };
      await engine.connectPlainTransport(CONFERENCE, 'plain-sub', recv.id, { ip: '127.0.0.1', port: receiver.address().port, srtpParameters });

      await engine.produce(CONFERENCE, 'plain-pub', send.id, PRESENTER_SOURCE, 'video', {
        codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] }],
        encodings: [{ ssrc: 1111 }],
      });
      await engine.produce(CONFERENCE, 'plain-pub', send.id, PRESENTER_SOURCE, 'audio', {
        codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc: 2222 }],
      });
      const consumers = await engine.consume(CONFERENCE, 'plain-sub', PRESENTER_SOURCE, ['audio', 'video'], await engine.routerRtpCapabilities(CONFERENCE));
      expect(consumers.map((c) => c.kind).sort()).toEqual(['audio', 'video']);
      for (const c of consumers) await engine.resume(CONFERENCE, 'plain-sub', c.id);
      // Two plain transports and the pipe transport pair; the subscriber's consumers are on worker 1.
      expect(engine.stats()).toMatchObject({ rooms: 1, transports: 4, producers: 2, consumers: 2 });
      expect(engine.workerLoads().map((w) => w.consumers)).toEqual([2, 2]);

      const sender = createSocket('udp4');
      sockets.push(sender);
      await new Promise<void>((r) => sender.bind(0, '127.0.0.1', r));
      let n = 0;
      timers.push(
        setInterval(() => {
          n++;
          sender.send(rtpPacket(101, n, n * 1800, 1111, vp8KeyFrame(n)), send.port, '127.0.0.1');
          sender.send(rtpPacket(100, n, n * 960, 2222, Buffer.alloc(80, 0x11)), send.port, '127.0.0.1');
        }, 20),
      );

      const pt = (kind: string) => consumers.find((c) => c.kind === kind)!.rtpParameters as { codecs: { payloadType: number }[]; encodings: { ssrc: number }[] };
      const enough = () => [pt('audio'), pt('video')].every((p) => (got.get(p.codecs[0].payloadType)?.packets ?? 0) >= 5);
      await until('RTP at the subscriber', () => enough(), Boolean);
      for (const kind of ['audio', 'video']) {
        expect([...got.get(pt(kind).codecs[0].payloadType)!.ssrcs]).toEqual([pt(kind).encodings[0].ssrc]);
      }
    } finally {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.close();
    }

    expect(await engine.leave(CONFERENCE, 'plain-sub')).toEqual([]);
    expect(await engine.leave(CONFERENCE, 'plain-pub')).toEqual([PRESENTER_SOURCE]);
    await expectNothingLeft();
  });

  it('forwards a live source to local ports for a recorder: a plain transport per kind, paused until started, ended with the source', async () => {
    const send = await engine.openPlainTransport(CONFERENCE, 'rec-pub', 'send', { ip: '127.0.0.1' });
    await engine.produce(CONFERENCE, 'rec-pub', send.id, PRESENTER_SOURCE, 'video', {
      codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] }],
      encodings: [{ ssrc: 3333 }],
    });
    await engine.produce(CONFERENCE, 'rec-pub', send.id, PRESENTER_SOURCE, 'audio', {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 4444 }],
    });
    const sockets: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      const got = new Map<string, number[]>();
      const ports: Record<'audio' | 'video', number> = { audio: 0, video: 0 };
      for (const kind of ['audio', 'video'] as const) {
        const receiver = createSocket('udp4');
        sockets.push(receiver);
        got.set(kind, []);
        receiver.on('message', (msg: Buffer) => {
          const pt = msg[1] & 0x7f;
          if (pt < 64 || pt > 95) got.get(kind)!.push(pt);
        });
        await new Promise<void>((r) => receiver.bind(0, '127.0.0.1', r));
        ports[kind] = receiver.address().port;
      }
      const forward = await engine.forward(CONFERENCE, PRESENTER_SOURCE, ports);
      expect(forward!.streams.map((s) => [s.kind, s.codec, s.port]).sort()).toEqual([
        ['audio', 'opus', ports.audio],
        ['video', 'VP8', ports.video],
      ]);
      const sender = createSocket('udp4');
      sockets.push(sender);
      await new Promise<void>((r) => sender.bind(0, '127.0.0.1', r));
      let n = 0;
      timers.push(
        setInterval(() => {
          n++;
          sender.send(rtpPacket(101, n, n * 1800, 3333, vp8KeyFrame(n)), send.port, '127.0.0.1');
          sender.send(rtpPacket(100, n, n * 960, 4444, Buffer.alloc(80, 0x11)), send.port, '127.0.0.1');
        }, 20),
      );
      // Paused until started: nothing reaches the recorder's ports.
      await new Promise((r) => setTimeout(r, 300));
      expect([got.get('audio')!.length, got.get('video')!.length]).toEqual([0, 0]);
      await forward!.start();
      await until('RTP at both ports', () => [got.get('audio')!.length, got.get('video')!.length], (c) => c.every((x) => x >= 5));
      for (const s of forward!.streams) expect(new Set(got.get(s.kind))).toEqual(new Set([s.payloadType]));
      expect(forward!.ended()).toBe(false);
      expect(await engine.unpublish(CONFERENCE, 'rec-pub', PRESENTER_SOURCE)).toBe(true);
      await until('the forward to end with its source', () => forward!.ended(), Boolean);
      await forward!.close();
    } finally {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.close();
    }
    await engine.leave(CONFERENCE, 'rec-pub');
    await expectNothingLeft();
  });

  it('replaces a worker that dies, ends its sources and reports the peers that had transports there', async () => {
    await publishAndSubscribe('presenter-2', 'point-2');
    const before = engine.workerLoads();
    process.kill(before[0].pid!, 'SIGKILL');

    await until('the source to end', () => ended, (e) => e.length > 0);
    expect(ended).toEqual([[CONFERENCE, PRESENTER_SOURCE]]);
    expect(lost.map(([c, peers]) => [c, peers])).toEqual([[CONFERENCE, ['presenter-2']]]);
    expect(lost[0][2]).toMatch(/worker 0/);
    expect(engine.isLive(CONFERENCE, PRESENTER_SOURCE)).toBe(false);

    const after = await until('a replacement worker', () => engine.workerLoads(), (w) => w[0].pid !== null && w[0].pid !== before[0].pid);
    expect(after[1].pid).toBe(before[1].pid);
    // The point keeps its transport on worker 1; its consumers and the pipe went with the producers.
    await until('the point’s consumers to close', () => engine.stats(), (s) => s.consumers === 0 && s.transports === 1);
    expect(engine.stats()).toMatchObject({ workers: 2, rooms: 1, producers: 0 });

    // The new worker takes transports again (it is the least loaded).
    const fresh = await engine.createTransport(CONFERENCE, 'presenter-3', 'send');
    expect((fresh.iceCandidates as { port: number }[])[0].port).toBe(port);

    await engine.leave(CONFERENCE, 'presenter-3');
    await engine.leave(CONFERENCE, 'point-2');
    await expectNothingLeft();
  });
});
