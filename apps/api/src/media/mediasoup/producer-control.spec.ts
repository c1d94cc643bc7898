import { pointSource } from '@bridgepoint/contracts';
import { loadConfig } from '../../config/app-config';
import { findMediasoupWorker } from './find-worker';
import { MediasoupEngine } from './mediasoup.engine';

/*
 * The host site's mute on mediasoup: the source's audio producer is paused at the worker (and resumed),
 * against a real worker when one is found.
 */
const found = findMediasoupWorker({ mediasoupWorkerBin: null });
if (!('path' in found)) {
  console.log(`SKIPPED: no mediasoup worker (${found.missing}): muting a point on mediasoup is not exercised here`);
  test.todo('pause and resume a point’s audio producer on a mediasoup worker (set MEDIASOUP_WORKER_BIN)');
}
const withWorker = 'path' in found ? describe : describe.skip;

const CONFERENCE = '7a1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const POINT = pointSource('8b1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f');
const MID_EXT = { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 };
const AUDIO = {
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [MID_EXT],
  encodings: [{ ssrc: 4242 }],
  rtcp: { cname: 'point' },
};

withWorker('muting a point on mediasoup', () => {
  jest.setTimeout(30_000);
  let engine: MediasoupEngine;

  beforeAll(async () => {
    const port = 44000 + 2 * Math.floor(Math.random() * 2000);
    const config = loadConfig({ MEDIA_ENGINE: 'mediasoup', MEDIASOUP_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_PORT: String(port) }).media;
    engine = await MediasoupEngine.create(config, (found as { path: string }).path);
  });
  afterAll(() => engine?.close());

  it('pauses the audio producer for every consumer and resumes it; nothing is heard while paused', async () => {
    const send = await engine.createTransport(CONFERENCE, 'point-peer', 'send');
    await engine.produce(CONFERENCE, 'point-peer', send.id, POINT, 'audio', AUDIO);
    await engine.createTransport(CONFERENCE, 'studio-peer', 'recv');
    const caps = await engine.routerRtpCapabilities(CONFERENCE);
    const [consumer] = await engine.consume(CONFERENCE, 'studio-peer', POINT, ['audio'], caps);
    expect(consumer.kind).toBe('audio');

    // Before anything is heard: no sound, level 0 (measured by the router's AudioLevelObserver).
    expect(engine.audioOf(CONFERENCE, POINT)).toEqual({ sound: false, level: 0 });
    await engine.pauseAudio(CONFERENCE, POINT, true);
    expect(engine.audioOf(CONFERENCE, POINT)).toEqual({ sound: false, level: 0 });
    // Idempotent, and safe for a source that does not exist.
    await engine.pauseAudio(CONFERENCE, POINT, true);
    await engine.pauseAudio(CONFERENCE, pointSource('9c1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f'), true);
    await engine.pauseAudio(CONFERENCE, POINT, false);
    // No RTP arrives in this test, so the stream still scores 0: not "sound".
    expect(engine.audioOf(CONFERENCE, POINT).sound).toBe(false);
    await engine.leave(CONFERENCE, 'point-peer');
    await engine.leave(CONFERENCE, 'studio-peer');
    expect(engine.stats()).toMatchObject({ rooms: 0, producers: 0, consumers: 0 });
  });
});
