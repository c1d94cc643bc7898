import { PresenceService } from '../src/presence/presence.service';
import { startTestApp, TestApp } from './harness';
import { Event, seedEvent } from './fixtures';
import { openSocket, until } from './sockets';
import { cutNetwork, presenceOf, privateRedis, waitForPresence } from './presence-helpers';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe(`presence (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('shows a point online while one of its operator pages holds /live, tells the control room, and keeps its spans', async () => {
    const point = e.points['BDI-01'];
    const control = await openSocket(url, '/live', e.organizer, e.id);
    const before = await presenceOf(t, e.id, e.organizer);
    expect(before).toMatchObject({ total: 3, online: 0 });
    expect(before.points.find((p) => p.pointId === point.id)).toMatchObject({
      code: 'BDI-01',
      online: false,
      lastSeenAt: null,
      readiness: 'untested',
      sending: false,
    });

    const page1 = await openSocket(url, '/live', e.operators['BDI-01'], e.id);
    const page2 = await openSocket(url, '/live', e.operators['BDI-01'], e.id);
    const up = await waitForPresence(control, point.id, true);
    expect(Date.parse(up.at)).toBeGreaterThan(Date.now() - 10_000);
    const now = await presenceOf(t, e.id, e.organizer);
    expect(now.online).toBe(1);
    expect(now.points.find((p) => p.pointId === point.id)).toMatchObject({ online: true, lastSeenAt: expect.any(String) });
    // The summary shows online beside checked in.
    const summary = (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;
    expect(summary.points).toEqual({ total: 3, checkedIn: 0, online: 1 });

    // One page of two closes: still online.
    page1.close();
    await new Promise((r) => setTimeout(r, 500));
    expect((await presenceOf(t, e.id, e.organizer)).online).toBe(1);
    page2.close();
    const down = await waitForPresence(control, point.id, false, 3000);
    const after = await presenceOf(t, e.id, e.organizer);
    expect(after.online).toBe(0);
    expect(after.points.find((p) => p.pointId === point.id)!.lastSeenAt).toBe(down.at);
    // Online and offline reached the room once each.
    expect(control.received.filter((r) => r.event === 'presence.changed')).toHaveLength(2);
    control.close();

    const spans = await t.app.get(PresenceService).spans(e.id, point.id);
    expect(spans).toHaveLength(1);
    expect(spans[0].from.toISOString()).toBe(up.at);
    expect(spans[0].to?.toISOString()).toBe(down.at);
  });

  it('is for the conference staff who watch it: organizers and moderators', async () => {
    const moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
    expect((await presenceOf(t, e.id, moderator)).total).toBe(3);
    await t.http().get(`/api/conferences/${e.id}/presence`).set(bearer(e.operators['BDI-01'])).expect(403);
    const outsider = await t.userToken('organizer');
    expect((await t.http().get(`/api/conferences/${e.id}/presence`).set(bearer(outsider)).expect(403)).body.code).toBe('NOT_CONFERENCE_STAFF');
    expect((await t.http().get('/api/conferences/not-a-uuid/presence').set(bearer(e.organizer)).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('takes a point offline within 10 s when its page stops answering without closing (a cut network)', async () => {
    const point = e.points['BDI-02'];
    const control = await openSocket(url, '/live', e.organizer, e.id);
    const page = await openSocket(url, '/live', e.operators['BDI-02'], e.id);
    await waitForPresence(control, point.id, true);
    const cutAt = Date.now();
    const destroy = cutNetwork(page.socket);
    const down = await waitForPresence(control, point.id, false, 12_000);
    const took = Date.now() - cutAt;
    destroy();
    control.close();
    expect(took).toBeLessThanOrEqual(10_000);
    expect((await presenceOf(t, e.id, e.organizer)).points.find((p) => p.pointId === point.id)).toMatchObject({ online: false, lastSeenAt: down.at });
  }, 30_000);
});

describe(`presence after a Redis restart (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let t: TestApp;
  let e: Event;
  let url: string;

  beforeAll(async () => {
    redis = await privateRedis();
    t = await startTestApp(undefined, { REDIS_URL: redis.url });
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await redis?.dispose();
  });

  it('rebuilds presence from the live sockets, and takes offline a point that left while Redis was down', async () => {
    const [a, b] = [e.points['BDI-01'], e.points['HKI-01']];
    const control = await openSocket(url, '/live', e.organizer, e.id);
    const pageA = await openSocket(url, '/live', e.operators['BDI-01'], e.id);
    const pageB = await openSocket(url, '/live', e.operators['HKI-01'], e.id);
    await waitForPresence(control, a.id, true);
    await waitForPresence(control, b.id, true);

    await redis.stop();
    pageB.close();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();

    // B left while nobody could hear it: reconciled once every process has had time to re-assert its points.
    const restartedAt = Date.now();
    await until(async () => (await presenceOf(t, e.id, e.organizer)).points.find((p) => p.pointId === b.id)!.online === false, 20_000, 'B offline');
    expect(Date.now() - restartedAt).toBeLessThan(20_000);
    const now = await presenceOf(t, e.id, e.organizer);
    expect(now.online).toBe(1);
    expect(now.points.find((p) => p.pointId === a.id)!.online).toBe(true);

    // A is held in the new Redis again: its page closing is heard at once.
    pageA.close();
    await waitForPresence(control, a.id, false, 3000);
    expect((await presenceOf(t, e.id, e.organizer)).online).toBe(0);
    control.close();
  }, 60_000);
});
