import { MediaErrorCode } from '@bridgepoint/contracts';
import { MediaStreamTrack, RTCPeerConnection, RTCSessionDescription } from 'werift';
import { WeriftEngine } from './werift.engine';
import { peerConfig } from './werift-peers';

const CONFERENCE = '7d1a3c9e-2f4b-4c8d-9a6e-5b0f1e2d3c4a';

/** A werift peer standing in for a presenter's browser: sendonly audio + video. */
async function presenterOffer() {
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
    engine = new WeriftEngine(['127.0.0.1']);
  });

  afterEach(async () => {
    await engine.close();
    await Promise.all(peers.splice(0).map((pc) => pc.close()));
  });

  it('refuses a subscription while nobody broadcasts, and a second presenter', async () => {
    await expect(engine.subscribe(CONFERENCE, 'point-1')).rejects.toMatchObject({ code: MediaErrorCode.NotLive });
    const first = await presenterOffer();
    peers.push(first.pc);
    const answer = await engine.publish(CONFERENCE, 'presenter', first.sdp);
    expect(answer).toContain('a=recvonly');
    expect(answer).toContain('VP8/90000');
    expect(answer).not.toContain('transport-wide-cc');
    const second = await presenterOffer();
    peers.push(second.pc);
    await expect(engine.publish(CONFERENCE, 'other', second.sdp)).rejects.toMatchObject({ code: MediaErrorCode.PublisherExists });
  });

  it('offers subscribers audio and video, and holds nothing once the presenter leaves', async () => {
    const presenter = await presenterOffer();
    peers.push(presenter.pc);
    await presenter.pc.setRemoteDescription(new RTCSessionDescription(await engine.publish(CONFERENCE, 'presenter', presenter.sdp), 'answer'));
    const offers = await Promise.all(['point-1', 'point-2'].map((id) => engine.subscribe(CONFERENCE, id)));
    for (const offer of offers) {
      expect(offer).toMatch(/m=audio[\s\S]*a=sendonly[\s\S]*m=video[\s\S]*a=sendonly/);
      expect(offer).toContain('goog-remb');
    }
    expect(engine.stats()).toEqual({ engine: 'werift', rooms: 1, publishers: 1, subscribers: 2 });
    expect(await engine.leave(CONFERENCE, 'point-1')).toBe('subscriber');
    expect(engine.stats()).toMatchObject({ subscribers: 1 });
    expect(await engine.leave(CONFERENCE, 'presenter')).toBe('publisher');
    expect(engine.isLive(CONFERENCE)).toBe(false);
    expect(engine.stats()).toEqual({ engine: 'werift', rooms: 0, publishers: 0, subscribers: 0 });
    expect(await engine.leave(CONFERENCE, 'point-2')).toBeNull();
  });
});
