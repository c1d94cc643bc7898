import { MediaErrorCode, pointSource, type FloorDto, type MediaUplinkState } from '@bridgepoint/contracts';
import type { RTCPeerConnection } from 'werift';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { mediaClient, sendOffer, until, type MediaTestClient } from './media-clients';

const uplinkOf = (c: MediaTestClient, pointId: string) =>
  c.events.filter(([ev, p]) => ev === 'media.uplink' && (p as MediaUplinkState).pointId === pointId).map(([, p]) => p as MediaUplinkState).at(-1);

describe(`media control: mute, uplink states, the dropped speaker (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let moderator: string;
  const peers: RTCPeerConnection[] = [];
  const sockets: MediaTestClient[] = [];
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const open = async (token: string) => {
    const c = await mediaClient(url, token, e.id);
    sockets.push(c);
    expect((await c.ask('media.join')).ok).toBe(true);
    return c;
  };
  const publish = async (c: MediaTestClient, pointId: string) =>
    expect(await c.ask('media.publish', { source: pointSource(pointId), sdp: await sendOffer(peers) })).toMatchObject({ ok: true });
  const floor = async () => (await t.http().get(`/api/conferences/${e.id}/floor`).set(bearer(e.organizer)).expect(200)).body as FloorDto;

  beforeAll(async () => {
    t = await startTestApp(undefined, { MEDIA_ENGINE: 'werift' });
    url = await t.listen();
    e = await seedEvent(t);
    moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
  }, 60_000);
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await Promise.all(peers.splice(0).map((pc) => pc.close()));
    await t.http().post(`/api/conferences/${e.id}/floor/release`).set(bearer(e.organizer)).expect(200);
  });
  afterAll(() => t?.close());

  it('refuses malformed control events with MEDIA_INVALID and lets only moderators and organizers mute', async () => {
    const a = e.points['BDI-01'].id;
    const operator = await open(e.operators['BDI-01']);
    const mod = await open(moderator);
    for (const [event, payload] of [
      ['media.mute', { pointId: 'nope', muted: true }],
      ['media.mute', { pointId: a, muted: 'yes' }],
      ['media.mute', { pointId: a, muted: true, extra: 1 }],
      ['media.muteOthers', { all: true }],
    ] as const) {
      expect({ event, r: await mod.ask(event, payload) }).toMatchObject({ event, r: { ok: false, error: { code: MediaErrorCode.Invalid } } });
    }
    expect(await operator.ask('media.devices', { camera: 'on', microphone: true })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Invalid } });
    // A point cannot mute anyone (itself included), nor lift the host site's mute; a presenter cannot either.
    expect(await operator.ask('media.mute', { pointId: a, muted: false })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    expect(await operator.ask('media.muteOthers', {})).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    const presenter = await t.userToken('presenter');
    await t.addStaff(e.id, presenter);
    const pres = await open(presenter);
    expect(await pres.ask('media.mute', { pointId: a, muted: true })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
    // Only points report camera and microphone switches.
    expect(await mod.ask('media.devices', { camera: true, microphone: true })).toMatchObject({ ok: false, error: { code: MediaErrorCode.Forbidden } });
  });

  it('shows each uplink to the control room, mutes a point from the host site and tells the point', async () => {
    const a = e.points['BDI-01'].id;
    const b = e.points['BDI-02'].id;
    const operatorA = await open(e.operators['BDI-01']);
    const operatorB = await open(e.operators['BDI-02']);
    const control = await open(moderator);
    await publish(operatorA, a);
    await publish(operatorB, b);
    expect(await operatorA.ask('media.devices', { camera: false, microphone: true })).toEqual({ ok: true, data: null });
    await until(() => uplinkOf(control, a)?.live === true && uplinkOf(control, a)?.camera === false);
    expect(uplinkOf(control, a)).toMatchObject({ live: true, camera: false, microphone: true, hostMuted: false });
    // A point hears only of itself.
    expect(operatorA.events.some(([ev, p]) => ev === 'media.uplink' && (p as MediaUplinkState).pointId === b)).toBe(false);

    const muted = await control.ask<MediaUplinkState>('media.mute', { pointId: a, muted: true });
    expect(muted).toMatchObject({ ok: true, data: { pointId: a, hostMuted: true, audio: false } });
    await until(() => uplinkOf(operatorA, a)?.hostMuted === true);
    // The operator's own switch cannot lift it.
    expect(await operatorA.ask('media.devices', { camera: true, microphone: true })).toEqual({ ok: true, data: null });
    await until(() => uplinkOf(control, a)?.camera === true);
    expect(uplinkOf(control, a)?.hostMuted).toBe(true);
    // It holds for the point's next publication too.
    await publish(operatorA, a);
    const again = await control.ask<MediaUplinkState>('media.mute', { pointId: a, muted: true });
    expect(again).toMatchObject({ ok: true, data: { hostMuted: true } });
    expect(await control.ask('media.mute', { pointId: a, muted: false })).toMatchObject({ ok: true, data: { hostMuted: false } });
    await until(() => uplinkOf(operatorA, a)?.hostMuted === false);

    // "Mute every point except the floor": B holds it, A is muted, B is not.
    await t.http().post(`/api/conferences/${e.id}/floor`).set(bearer(moderator)).send({ pointId: b }).expect(200);
    await until(() => control.events.some(([ev, p]) => ev === 'media.floor' && (p as { pointId: string }).pointId === b));
    expect(await control.ask('media.muteOthers', {})).toEqual({ ok: true, data: { muted: 1 } });
    await until(() => uplinkOf(operatorA, a)?.hostMuted === true);
    expect(uplinkOf(control, b)?.hostMuted ?? false).toBe(false);
    // Giving A the floor lets it be heard again.
    await t.http().post(`/api/conferences/${e.id}/floor`).set(bearer(moderator)).send({ pointId: a }).expect(200);
    await until(() => uplinkOf(operatorA, a)?.hostMuted === false);
  });

  it('marks the floor interrupted when the speaking point drops for more than 5 s, and resumes it when it is back', async () => {
    const a = e.points['HKI-01'].id;
    let operatorA = await open(e.operators['HKI-01']);
    await open(moderator);
    await publish(operatorA, a);
    await t.http().post(`/api/conferences/${e.id}/floor`).set(bearer(moderator)).send({ pointId: a }).expect(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await floor()).interruptedAt).toBeNull();

    const dropped = Date.now();
    operatorA.close();
    await until(async () => (await floor()).interruptedAt !== null, 10_000);
    const tookMs = Date.now() - dropped;
    expect(tookMs).toBeGreaterThanOrEqual(5000);
    expect(tookMs).toBeLessThan(8000);
    expect(await floor()).toMatchObject({ pointId: a });

    // Back: the floor resumes by itself.
    operatorA = await open(e.operators['HKI-01']);
    await publish(operatorA, a);
    await until(async () => (await floor()).interruptedAt === null, 5000);
    expect((await floor()).pointId).toBe(a);
  }, 30_000);
});
