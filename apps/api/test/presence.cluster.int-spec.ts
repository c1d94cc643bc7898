import { startTestApp, TestApp } from './harness';
import { Event, seedEvent } from './fixtures';
import { openSocket } from './sockets';
import { presenceEvents, presenceOf, waitForPresence } from './presence-helpers';

/** Two api processes of one deployment (same Postgres schema, same Redis prefix), as behind a load balancer. */
describe('presence across two api processes (postgres)', () => {
  let a: TestApp;
  let b: TestApp;
  let e: Event;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startTestApp('postgres', {}, a);
    [urlA, urlB] = await Promise.all([a.listen(), b.listen()]);
    e = await seedEvent(a);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('keeps a point online while a page on either process holds it, and tells the watchers of both processes once', async () => {
    const point = e.points['BDI-01'];
    const watchA = await openSocket(urlA, '/live', e.organizer, e.id);
    const watchB = await openSocket(urlB, '/live', e.organizer, e.id);
    const pageA = await openSocket(urlA, '/live', e.operators['BDI-01'], e.id);
    const pageB = await openSocket(urlB, '/live', e.operators['BDI-01'], e.id);
    await Promise.all([waitForPresence(watchA, point.id, true), waitForPresence(watchB, point.id, true)]);
    expect((await presenceOf(b, e.id, e.organizer)).online).toBe(1);

    pageA.close();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await presenceOf(a, e.id, e.organizer)).points.find((p) => p.pointId === point.id)!.online).toBe(true);
    expect(presenceEvents(watchA).filter((c) => c.pointId === point.id)).toHaveLength(1);

    pageB.close();
    const [downA, downB] = await Promise.all([waitForPresence(watchA, point.id, false, 3000), waitForPresence(watchB, point.id, false, 3000)]);
    expect(downA).toEqual(downB);
    // Each watcher heard exactly one online and one offline, whichever process saw them.
    for (const w of [watchA, watchB]) expect(presenceEvents(w).filter((c) => c.pointId === point.id).map((c) => c.online)).toEqual([true, false]);
    expect((await presenceOf(a, e.id, e.organizer)).online).toBe(0);
    watchA.close();
    watchB.close();
  });

  it('takes offline the points of a process that stops, as seen from the other one', async () => {
    const [p1, p2] = [e.points['BDI-02'], e.points['HKI-01']];
    const watch = await openSocket(urlA, '/live', e.organizer, e.id);
    await openSocket(urlB, '/live', e.operators['BDI-02'], e.id);
    const onA = await openSocket(urlA, '/live', e.operators['HKI-01'], e.id);
    await Promise.all([waitForPresence(watch, p1.id, true), waitForPresence(watch, p2.id, true)]);

    const stoppedAt = Date.now();
    await b.close();
    await waitForPresence(watch, p1.id, false, 10_000);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    const now = await presenceOf(a, e.id, e.organizer);
    expect(now.online).toBe(1);
    expect(now.points.find((p) => p.pointId === p2.id)!.online).toBe(true);
    onA.close();
    watch.close();
    b = await startTestApp('postgres', {}, a);
  }, 40_000);
});
