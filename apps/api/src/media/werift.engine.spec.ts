import { createSocket } from 'node:dgram';
import { MediaErrorCode, PRESENTER_SOURCE, pointSource } from '@bridgepoint/contracts';
import { MediaStreamTrack, RTCPeerConnection, RTCSessionDescription } from 'werift';
import { WeriftEngine } from './werift.engine';
import { peerConfig } from './werift-peers';

const CONFERENCE = '7d1a3c9e-2f4b-4c8d-9a6e-5b0f1e2d3c4a';
const POINT = '0b7f3c2a-9d4e-4f1a-8c6b-2e5d7a9f1c3b';
const BOTH = ['audio', 'video'] as const;

/** A werift peer standing in for a browser that sends: sendonly audio + video. */
async function senderOffer() {
  const pc = new RTCPeerConnection(peerConfig(['127.0.0.1']));
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, sdp: pc.localDescription!.sdp };
}

describe('WeriftEngine', () => {
  let engine: WeriftEngine;
  const peers: RTCPeerConnection[] = [];

  beforeEach(() => {
    engine = new WeriftEngine({ additionalHostAddresses: ['127.0.0.1'] });
  });

  afterEach(async () => {
    await engine.close();
    await Promise.all(peers.splice(0).map((pc) => pc.close()));
  });

  it('says the media port range is used up, instead of failing a publication without a reason', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createSocket('udp4').bind(0, () => {
        const { port: free } = probe.address();
        probe.close(() => resolve(free));
      });
    });
    // Two ports: werift binds one per connection and interface address, so two connections at most.
    const tight = new WeriftEngine({ additionalHostAddresses: ['127.0.0.1'], portRange: [port, port + 1] });
    try {
      const first = await senderOffer();
      peers.push(first.pc);
      expect(await tight.publish(CONFERENCE, 'presenter', PRESENTER_SOURCE, first.sdp)).toMatch(new RegExp(` (${port}|${port + 1}) typ host`));
      let refusal: unknown = null;
      const points = ['0b7f3c2a-9d4e-4f1a-8c6b-2e5d7a9f1c31', '0b7f3c2a-9d4e-4f1a-8c6b-2e5d7a9f1c32', '0b7f3c2a-9d4e-4f1a-8c6b-2e5d7a9f1c33'];
      for (const point of points) {
        const next = await senderOffer();
        peers.push(next.pc);
        refusal = await tight.publish(CONFERENCE, `point-${point}`, pointSource(point), next.sdp).then(() => null, (e: unknown) => e);
        if (refusal) {
          expect(tight.isLive(CONFERENCE, pointSource(point))).toBe(false);
          break;
        }
      }
      expect(refusal).toMatchObject({
        code: MediaErrorCode.Full,
        message: expect.stringContaining(`no free port left in MEDIA_PORT..MEDIA_PORT_MAX (${port}-${port + 1})`),
      });
      await expect(tight.subscribe(CONFERENCE, 'point-2', PRESENTER_SOURCE, [...BOTH])).rejects.toMatchObject({ code: MediaErrorCode.Full });
      expect(tight.isLive(CONFERENCE, PRESENTER_SOURCE)).toBe(true);
    } finally {
      await tight.close();
    }
  });

  it('refuses a subscription to a source nobody sends, and a second publisher of the same source', async () => {
    await expect(engine.subscribe(CONFERENCE, 'point-1', PRESENTER_SOURCE, [...BOTH])).rejects.toMatchObject({ code: MediaErrorCode.NotLive });
    const first = await senderOffer();
    peers.push(first.pc);
    const answer = await engine.publish(CONFERENCE, 'presenter', PRESENTER_SOURCE, first.sdp);
    expect(answer).toContain('a=recvonly');
    expect(answer).toContain('VP8/90000');
    expect(answer).not.toContain('transport-wide-cc');
    const second = await senderOffer();
    peers.push(second.pc);
    await expect(engine.publish(CONFERENCE, 'other', PRESENTER_SOURCE, second.sdp)).rejects.toMatchObject({ code: MediaErrorCode.PublisherExists });
    // A point's uplink is another source: it publishes beside the presenter.
    const uplink = await senderOffer();
    peers.push(uplink.pc);
    await engine.publish(CONFERENCE, 'point-a', pointSource(POINT), uplink.sdp);
    expect(engine.liveSources(CONFERENCE).sort()).toEqual([PRESENTER_SOURCE, pointSource(POINT)].sort());
  });

  it('offers the kinds asked for, and holds nothing once the publishers leave', async () => {
    const presenter = await senderOffer();
    peers.push(presenter.pc);
    await presenter.pc.setRemoteDescription(new RTCSessionDescription(await engine.publish(CONFERENCE, 'presenter', PRESENTER_SOURCE, presenter.sdp), 'answer'));
    const uplink = await senderOffer();
    peers.push(uplink.pc);
    await engine.publish(CONFERENCE, 'point-a', pointSource(POINT), uplink.sdp);

    const offers = await Promise.all(['point-1', 'point-2'].map((id) => engine.subscribe(CONFERENCE, id, PRESENTER_SOURCE, [...BOTH])));
    for (const offer of offers) {
      expect(offer).toMatch(/m=audio[\s\S]*a=sendonly[\s\S]*m=video[\s\S]*a=sendonly/);
      expect(offer).toContain('goog-remb');
    }
    const gridOffer = await engine.subscribe(CONFERENCE, 'control', pointSource(POINT), ['video']);
    expect(gridOffer).toContain('m=video');
    expect(gridOffer).not.toContain('m=audio');
    // 2 publishers + 3 subscriptions; consumers: 2 × (audio + video) + 1 video.
    expect(engine.stats()).toMatchObject({ rooms: 1, transports: 5, consumers: 5 });

    await engine.unsubscribe(CONFERENCE, 'point-1', PRESENTER_SOURCE);
    expect(engine.stats()).toMatchObject({ transports: 4, consumers: 3 });
    expect(await engine.leave(CONFERENCE, 'point-a')).toEqual([pointSource(POINT)]);
    expect(engine.stats()).toMatchObject({ transports: 2, consumers: 2 });
    expect(await engine.unpublish(CONFERENCE, 'someone-else', PRESENTER_SOURCE)).toBe(false);
    expect(await engine.unpublish(CONFERENCE, 'presenter', PRESENTER_SOURCE)).toBe(true);
    expect(engine.isLive(CONFERENCE, PRESENTER_SOURCE)).toBe(false);
    expect(engine.stats()).toEqual({ engine: 'werift', workers: 0, rooms: 0, transports: 0, producers: 0, consumers: 0 });
    expect(await engine.leave(CONFERENCE, 'point-2')).toEqual([]);
  });
});
