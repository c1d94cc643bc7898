import { MediaErrorCode, PRESENTER_SOURCE, pointSource } from '@bridgepoint/contracts';
import type { RTCPeerConnection } from 'werift';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { mediaClient, sendOffer, until, type MediaTestClient } from './media-clients';

describe(`admission on the embedded engine (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  const peers: RTCPeerConnection[] = [];
  const sockets: MediaTestClient[] = [];
  const open = async (token: string) => {
    const c = await mediaClient(url, token, e.id);
    sockets.push(c);
    expect((await c.ask('media.join')).ok).toBe(true);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp(undefined, { MEDIA_ENGINE: 'werift', MEDIA_SUBSCRIBER_CAPACITY: '2' });
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await Promise.all(peers.splice(0).map((pc) => pc.close()));
    await t?.close();
  });

  it('refuses viewers beyond the capacity with MEDIA_FULL, tells the control room, and always admits the presenter and the host site', async () => {
    const presenter = await open(e.organizer);
    const control = await open(e.organizer);
    expect(await presenter.ask('media.publish', { source: PRESENTER_SOURCE, sdp: await sendOffer(peers) })).toMatchObject({ ok: true });
    const [a, b, c] = await Promise.all([open(e.operators['BDI-01']), open(e.operators['BDI-02']), open(e.operators['HKI-01'])]);
    expect(await a.ask('media.subscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: true });
    expect(await b.ask('media.subscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: true });
    // Full: the third point is refused, with a code its page explains…
    expect(await c.ask('media.subscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Full } });
    await until(() => control.events.some(([ev, p]) => ev === 'media.full' && (p as { refused: number }).refused === 1));
    // …while a point renewing its own subscription, the host site's screens and any publication still get in.
    expect(await a.ask('media.subscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: true });
    expect(await control.ask('media.subscribe', { source: PRESENTER_SOURCE, kinds: ['video'] })).toMatchObject({ ok: true });
    expect(await c.ask('media.publish', { source: pointSource(e.points['HKI-01'].id), sdp: await sendOffer(peers) })).toMatchObject({ ok: true });
    // The host site's viewers count too: with the control room's and a point's viewer gone, there is room again.
    expect(await c.ask('media.subscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Full } });
    expect(await control.ask('media.unsubscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: true });
    b.close();
    await until(async () => (await c.ask('media.subscribe', { source: PRESENTER_SOURCE })).ok === true, 5000);
  });
});
