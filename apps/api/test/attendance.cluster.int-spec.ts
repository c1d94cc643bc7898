import { startTestApp, TestApp } from './harness';
import { Event, liveClient, seedEvent } from './fixtures';

/** Two api processes of one deployment (same Postgres schema, same Redis prefix), as behind a load balancer. */
describe('attendance across two api processes (postgres)', () => {
  let a: TestApp;
  let b: TestApp;
  let e: Event;
  let urlA: string;
  let urlB: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

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

  it('shows identical live numbers on both processes, whichever process took the change', async () => {
    const onA = liveClient(urlA, e.organizer, e.id);
    const onB = liveClient(urlB, e.organizer, e.id);
    await Promise.all([onA.waitFor(() => true), onB.waitFor(() => true)]);

    await a.http().post(`/api/conferences/${e.id}/points/${e.points['BDI-01'].id}/check-in`).set(bearer(e.operators['BDI-01'])).expect(200);
    await b.http().put(`/api/conferences/${e.id}/points/${e.points['BDI-02'].id}/headcount`).set(bearer(e.operators['BDI-02'])).send({ present: 2 }).expect(200);
    const codes = ['DB-1', 'DB-2', 'DB-3'];
    await Promise.all(
      codes.map((code, i) =>
        (i % 2 ? a : b).http().post(`/api/conferences/${e.id}/attendance`).set(bearer(e.operators['BDI-01'])).send({ delegateCode: code }).expect(200),
      ),
    );

    const done = (s: { points: { checkedIn: number }; delegates: { checkedIn: number } }) => s.points.checkedIn === 2 && s.delegates.checkedIn === 3;
    const [sa, sb] = await Promise.all([onA.waitFor(done), onB.waitFor(done)]);
    const strip = ({ at: _at, timeline: _t, ...rest }: typeof sa) => rest;
    expect(strip(sb)).toEqual(strip(sa));
    expect(sa.delegates).toEqual({ expected: 7, present: 2, checkedIn: 3 });
    onA.close();
    onB.close();
  });

  it('computes the same numbers after a process restarts: the truth is in Postgres', async () => {
    const before = (await a.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;
    await b.close();
    b = await startTestApp('postgres', {}, a);
    const after = (await b.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;
    // The timeline runs to the current minute: a minute may have begun between the two reads, and a process
    // reusing its minute counts places the newest check-ins in the current minute; the running totals agree.
    expect({ ...after, at: null, timeline: null }).toEqual({ ...before, at: null, timeline: null });
    const totals = (s: typeof before) => {
      const { pointsCheckedIn, delegatesCheckedIn, present } = s.timeline.at(-1);
      return { pointsCheckedIn, delegatesCheckedIn, present };
    };
    expect(totals(after)).toEqual(totals(before));
    expect(totals(after)).toMatchObject({ pointsCheckedIn: 2, delegatesCheckedIn: 3 });
  });
});
