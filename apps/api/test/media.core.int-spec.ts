import {
  MediaErrorCode,
  PRESENTER_SOURCE,
  pointSource,
  preflightSource,
  type MediaAck,
  type MediaAudienceDto,
  type MediaJoined,
  type MediaLinkDto,
} from '@bridgepoint/contracts';
import { io, type Socket } from 'socket.io-client';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { peerConfig } from '../src/media/werift-peers';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';

/** A `/media` socket and an `ask(event, payload)` that resolves with the ack. */
async function mediaClient(url: string, token: string, conferenceId: string) {
  const socket: Socket = io(`${url}/media`, { auth: { token, conferenceId }, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: [string, unknown][] = [];
  socket.onAny((event: string, payload: unknown) => events.push([event, payload]));
  const ask = <T>(event: string, payload: unknown = {}) =>
    new Promise<MediaAck<T>>((resolve) => socket.emit(event, payload, (r: MediaAck<T>) => resolve(r)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events, ask, close: () => socket.close() };
}

/** A werift peer that offers to send audio and video, as a browser publishing would. */
async function sendOffer(peers: RTCPeerConnection[]) {
  const pc = new RTCPeerConnection(peerConfig(['127.0.0.1']));
  peers.push(pc);
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription!.sdp;
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe(`media signaling (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  const peers: RTCPeerConnection[] = [];
  const sockets: { close(): void }[] = [];
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const open = async (token: string, conferenceId = e.id) => {
    const c = await mediaClient(url, token, conferenceId);
    sockets.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp(undefined, { MEDIA_ENGINE: 'werift' });
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await Promise.all(peers.splice(0).map((pc) => pc.close()));
  });
  afterAll(() => t?.close());

  it('tells each role what it may send, and refuses what it may not', async () => {
    const pointA = e.points['BDI-01'].id;
    const operator = await open(e.operators['BDI-01']);
    const joined = await operator.ask<MediaJoined>('media.join');
    expect(joined).toEqual({ ok: true, data: { engine: 'werift', publishes: [pointSource(pointA), preflightSource(pointA)], live: [], floorPointId: null, uplinks: [expect.objectContaining({ pointId: pointA, live: false })] } });
    // A point sends only its own camera, never the presenter's source or another point's.
    const asPresenter = await operator.ask('media.publish', { source: PRESENTER_SOURCE, sdp: await sendOffer(peers) });
    expect(asPresenter).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    const asOther = await operator.ask('media.publish', { source: pointSource(e.points['HKI-01'].id), sdp: await sendOffer(peers) });
    expect(asOther).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });

    const presenterToken = await t.userToken('presenter');
    await t.addStaff(e.id, presenterToken);
    const presenter = await open(presenterToken);
    expect(await presenter.ask<MediaJoined>('media.join')).toMatchObject({ ok: true, data: { publishes: [PRESENTER_SOURCE] } });
    expect(await presenter.ask('media.subscribe', { source: PRESENTER_SOURCE })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    // The mediasoup dialect is refused by name on a werift server.
    expect(await presenter.ask('media.transport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: MediaErrorCode.WrongEngine } });
  });

  it('answers malformed payloads with MEDIA_INVALID, and refuses a token of another conference at the handshake', async () => {
    const operator = await open(e.operators['BDI-01']);
    await operator.ask('media.join');
    for (const [event, payload] of [
      ['media.subscribe', { source: 'point:not-a-uuid' }],
      ['media.subscribe', { source: PRESENTER_SOURCE, kinds: ['smell'] }],
      ['media.subscribe', { source: PRESENTER_SOURCE, extra: 1 }],
      ['media.publish', { source: pointSource(e.points['BDI-01'].id), sdp: 'hello' }],
      ['media.answer', 'not an object'],
      ['media.link', { recvKbps: -1, sendKbps: 0, lossPercent: 0, rttMs: null }],
      ['media.link', { recvKbps: 100, sendKbps: 0, lossPercent: 101, rttMs: 20 }],
    ] as const) {
      expect({ event, r: await operator.ask(event, payload) }).toMatchObject({ event, r: { ok: false, error: { code: MediaErrorCode.Invalid } } });
    }
    const other = await t.http().post('/api/conferences').set(bearer(e.organizer)).send({ title: 'Khác', startsAt: '2026-12-02T01:00:00Z' }).expect(201);
    const socket = io(`${url}/media`, { auth: { token: e.operators['BDI-01'], conferenceId: other.body.id }, transports: ['websocket'], reconnection: false, forceNew: true });
    const refused = await new Promise<{ code: string }>((resolve) => socket.once('media.error', resolve));
    expect(refused.code).toBe(MediaErrorCode.Forbidden);
    socket.close();

    // A proxy routes media sockets by the conference in their URL: one naming another conference is refused,
    // and one naming its own is served.
    const misrouted = io(`${url}/media`, {
      auth: { token: e.operators['BDI-01'], conferenceId: e.id },
      query: { bp: 'media', conference: other.body.id },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const wrongRoute = await new Promise<{ code: string; message: string }>((resolve) => misrouted.once('media.error', resolve));
    expect(wrongRoute).toMatchObject({ code: MediaErrorCode.Invalid, message: expect.stringContaining('another conference') });
    misrouted.close();
    const routed = io(`${url}/media`, {
      auth: { token: e.operators['BDI-01'], conferenceId: e.id },
      query: { bp: 'media', conference: e.id },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const joined = await new Promise<MediaAck<MediaJoined>>((resolve) => routed.emit('media.join', {}, resolve));
    expect(joined.ok).toBe(true);
    routed.close();
  });

  it('lets points receive another point only while it holds the floor, and takes it away on release', async () => {
    const a = e.points['BDI-01'].id;
    const operatorA = await open(e.operators['BDI-01']);
    const operatorB = await open(e.operators['BDI-02']);
    const control = await open(e.organizer);
    for (const c of [operatorA, operatorB, control]) expect((await c.ask('media.join')).ok).toBe(true);

    const published = await operatorA.ask<{ sdp: string }>('media.publish', { source: pointSource(a), sdp: await sendOffer(peers) });
    expect(published.ok).toBe(true);
    // The control room hears of it and may watch it (video only); another point may not.
    await until(() => control.events.some(([ev, p]) => ev === 'media.published' && (p as { source: string }).source === pointSource(a)));
    expect(operatorB.events.some(([ev]) => ev === 'media.published')).toBe(false);
    expect(await control.ask('media.subscribe', { source: pointSource(a), kinds: ['video'] })).toMatchObject({ ok: true });
    expect(await operatorB.ask('media.subscribe', { source: pointSource(a) })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });

    // The floor goes to A: B is told, with A's uplink already sending, and may now receive it.
    await t.http().post(`/api/conferences/${e.id}/floor`).set(bearer(e.organizer)).send({ pointId: a }).expect(200);
    await until(() => operatorB.events.some(([ev, p]) => ev === 'media.floor' && (p as { pointId: string }).pointId === a));
    await until(() => operatorB.events.some(([ev, p]) => ev === 'media.published' && (p as { source: string }).source === pointSource(a)));
    expect(await operatorB.ask('media.subscribe', { source: pointSource(a) })).toMatchObject({ ok: true });
    // A never needs its own uplink back.
    expect(await operatorA.ask('media.subscribe', { source: pointSource(a) })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    const stats = async () => (await t.http().get('/api/media/stats').set(bearer(t.adminToken)).expect(200)).body;
    expect(await stats()).toMatchObject({ transports: 3, consumers: 3 });

    // Released: B's subscription to A is closed by the server; the control room keeps watching.
    await t.http().post(`/api/conferences/${e.id}/floor/release`).set(bearer(e.organizer)).expect(200);
    await until(() => operatorB.events.some(([ev, p]) => ev === 'media.floor' && (p as { pointId: string | null }).pointId === null));
    await until(async () => (await stats()).transports === 2);
    expect(await operatorB.ask('media.subscribe', { source: pointSource(a) })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });

    // A leaves: its source ends for everyone and the engine holds nothing.
    operatorA.close();
    await until(() => control.events.some(([ev, p]) => ev === 'media.unpublished' && (p as { source: string }).source === pointSource(a)));
    await until(async () => (await stats()).transports === 0);
    expect(await stats()).toMatchObject({ rooms: 0, producers: 0, consumers: 0 });
  });

  it('loops a point\'s pre-flight test back to that point only, announced to nobody', async () => {
    const a = e.points['BDI-01'].id;
    const operatorA = await open(e.operators['BDI-01']);
    const operatorB = await open(e.operators['BDI-02']);
    const control = await open(e.organizer);
    for (const c of [operatorA, operatorB, control]) expect((await c.ask('media.join')).ok).toBe(true);
    // Another point may not send A's test.
    expect(await operatorB.ask('media.publish', { source: preflightSource(a), sdp: await sendOffer(peers) })).toMatchObject({
      ok: false,
      error: { code: MediaErrorCode.Forbidden },
    });

    expect(await operatorA.ask('media.publish', { source: preflightSource(a), sdp: await sendOffer(peers) })).toMatchObject({ ok: true });
    expect(await operatorA.ask('media.subscribe', { source: preflightSource(a) })).toMatchObject({ ok: true });
    // Neither the control room nor another point hears of it or may receive it; nor is it an uplink.
    expect(await control.ask('media.subscribe', { source: preflightSource(a) })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    expect(await operatorB.ask('media.subscribe', { source: preflightSource(a) })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    const links = (await t.http().get(`/api/conferences/${e.id}/media/links`).set(bearer(e.organizer)).expect(200)).body as MediaLinkDto[];
    expect(links).toEqual([]);
    expect(await control.ask<MediaJoined>('media.join')).toMatchObject({ ok: true, data: { live: [] } });

    expect(await operatorA.ask('media.unpublish', { source: preflightSource(a) })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 300));
    for (const c of [operatorB, control]) expect(c.events.filter(([ev]) => ev === 'media.published' || ev === 'media.unpublished')).toEqual([]);
  });

  it('keeps each point’s link report for the control room and counts the audience', async () => {
    const operatorA = await open(e.operators['BDI-01']);
    const operatorB = await open(e.operators['HKI-01']);
    await operatorA.ask('media.join');
    await operatorB.ask('media.join');
    expect(await operatorA.ask('media.link', { recvKbps: 812.34, sendKbps: 250, lossPercent: 0.4, rttMs: 23.6 })).toEqual({ ok: true, data: null });
    expect(await operatorB.ask('media.link', { recvKbps: 0, sendKbps: 0, lossPercent: 0, rttMs: null })).toEqual({ ok: true, data: null });
    const organizer = await open(e.organizer);
    await organizer.ask('media.join');
    expect(await organizer.ask('media.link', { recvKbps: 1, sendKbps: 1, lossPercent: 0, rttMs: 1 })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });

    const links = (await t.http().get(`/api/conferences/${e.id}/media/links`).set(bearer(e.organizer)).expect(200)).body as MediaLinkDto[];
    const a = links.find((l) => l.pointId === e.points['BDI-01'].id);
    expect(a).toMatchObject({ recvKbps: 812.3, sendKbps: 250, lossPercent: 0.4, rttMs: 24 });
    expect(Date.now() - Date.parse(a!.at)).toBeLessThan(10_000);
    const presenter = await t.userToken('presenter');
    await t.addStaff(e.id, presenter);
    const audience = (await t.http().get(`/api/conferences/${e.id}/media/audience`).set(bearer(presenter)).expect(200)).body as MediaAudienceDto;
    expect(audience).toEqual({ reporting: 2, receiving: 1 });
    // Link details (phone-level diagnostics) are for the control room, not for points.
    await t.http().get(`/api/conferences/${e.id}/media/links`).set(bearer(e.operators['BDI-01'])).expect(403);
  });
});
