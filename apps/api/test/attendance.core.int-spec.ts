import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './harness';
import { Event, liveClient, seedEvent } from './fixtures';

describe(`attendance (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const pointPath = (code: string, action: string) => `/api/conferences/${e.id}/points/${e.points[code].id}/${action}`;
  const checkInDelegate = (token: string, delegateCode: string, key?: string) => {
    const req = t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send({ delegateCode });
  };
  const summary = async () => (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('lets an operator check its own point in and out and report headcounts, kept as history', async () => {
    const op = e.operators['BDI-01'];
    const inRes = await t.http().post(pointPath('BDI-01', 'check-in')).set(bearer(op)).expect(200);
    expect(inRes.body).toMatchObject({ code: 'BDI-01', name: 'Điểm cầu Phúc Xá', unit: 'Phúc Xá', status: 'checked_in', expectedDelegates: 3, present: null });
    await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(op)).send({ present: 2 }).expect(200);
    const hc = await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(op)).send({ present: 3 }).expect(200);
    expect(hc.body).toMatchObject({ present: 3, status: 'checked_in' });
    const history = await t.http().get(pointPath('BDI-01', 'headcount')).set(bearer(op)).expect(200);
    expect(history.body.map((h: { present: number }) => h.present)).toEqual([2, 3]);

    const out = await t.http().post(pointPath('BDI-01', 'check-out')).set(bearer(op)).expect(200);
    expect(out.body.status).toBe('checked_out');
    expect((await summary()).points.checkedIn).toBe(0);
    await t.http().post(pointPath('BDI-01', 'check-in')).set(bearer(op)).expect(200);
  });

  it('refuses an operator acting for another point, bad headcounts and unknown points', async () => {
    const op = e.operators['BDI-01'];
    expect((await t.http().post(pointPath('BDI-02', 'check-in')).set(bearer(op)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(op)).send({ present: -1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(op)).send({ present: '3' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(op)).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const unknown = await t.http().post(`/api/conferences/${e.id}/points/${randomUUID()}/check-in`).set(bearer(e.organizer)).expect(404);
    expect(unknown.body.code).toBe('POINT_NOT_IN_CONFERENCE');
    await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(op)).expect(403);
  });

  it('counts a delegate once, whatever the retries; the same Idempotency-Key returns the first result', async () => {
    const op = e.operators['BDI-01'];
    const key = randomUUID();
    const first = await checkInDelegate(op, 'db-1', key).expect(200);
    expect(first.body).toMatchObject({ delegateCode: 'DB-1', fullName: 'Nguyễn Văn Ánh', alreadyCheckedIn: false, pointId: e.points['BDI-01'].id });
    const retry = await checkInDelegate(op, 'DB-1', key).expect(200);
    expect(retry.body).toEqual(first.body);
    const again = await checkInDelegate(op, 'DB-1', randomUUID()).expect(200);
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, checkedInAt: first.body.checkedInAt });
    const roster = await t.http().get(pointPath('BDI-01', 'delegates')).query({ search: 'nguyen van anh' }).set(bearer(op)).expect(200);
    expect(roster.body).toEqual([expect.objectContaining({ code: 'DB-1', fullName: 'Nguyễn Văn Ánh', checkedIn: true })]);
    await t.http().get(pointPath('BDI-02', 'delegates')).set(bearer(op)).expect(403);
    const reused = await checkInDelegate(op, 'DB-2', key).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await checkInDelegate(op, 'DB-2', 'not a key!').expect(400)).body.code).toBe('IDEMPOTENCY_KEY_INVALID');

    // Twenty concurrent attempts for one delegate: exactly one first check-in.
    const burst = await Promise.all(Array.from({ length: 20 }, () => checkInDelegate(op, 'DB-2', randomUUID())));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(burst.filter((r) => r.body.alreadyCheckedIn === false)).toHaveLength(1);
    expect((await summary()).delegates.checkedIn).toBe(2);
  });

  it('accepts another point\'s delegate only where the organizer allows it, recorded against the point that checked in', async () => {
    const op = e.operators['BDI-01'];
    const refused = await checkInDelegate(op, 'DB-6').expect(403);
    expect(refused.body.code).toBe('DELEGATE_OF_ANOTHER_POINT');
    await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ allowCrossPointCheckIn: true }).expect(200);
    const ok = await checkInDelegate(op, 'DB-6').expect(200);
    expect(ok.body.pointId).toBe(e.points['BDI-01'].id);
    await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ allowCrossPointCheckIn: false }).expect(200);
  });

  it('answers bad delegate requests with their 4xx and code', async () => {
    const op = e.operators['BDI-02'];
    expect((await checkInDelegate(op, 'DB-404').expect(404)).body.code).toBe('DELEGATE_NOT_FOUND');
    expect((await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).send({ delegateCode: 'DB-4', extra: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const huge = await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).send({ delegateCode: 'x'.repeat(2_000_000) }).expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer('nope')).send({ delegateCode: 'DB-4' }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    const other = await t.http().post('/api/conferences').set(bearer(e.organizer)).send({ title: 'Khác', startsAt: '2026-12-09T01:00:00Z' }).expect(201);
    expect((await t.http().post(`/api/conferences/${other.body.id}/attendance`).set(bearer(op)).send({ delegateCode: 'DB-4' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().post(`/api/conferences/${other.body.id}/attendance`).set(bearer(e.organizer)).send({ delegateCode: 'DB-4' }).expect(404)).body.code).toBe('DELEGATE_NOT_FOUND');
  });

  it('summarizes points, headcounts and delegates by district, with the missing points and whom to call', async () => {
    const s = await summary();
    expect(s.points).toEqual({ total: 3, checkedIn: 1, online: 0 });
    expect(s.delegates).toEqual({ expected: 7, present: 3, checkedIn: 3 });
    expect(s.missing.map((m: { code: string; operatorPhone: string }) => [m.code, m.operatorPhone])).toEqual([
      ['BDI-02', '0912000002'],
      ['HKI-01', '0912000003'],
    ]);
    const baDinh = s.byUnit.find((u: { name: string }) => u.name === 'Ba Đình');
    expect(baDinh).toMatchObject({ points: { total: 2, checkedIn: 1 }, delegates: { expected: 5, present: 3, checkedIn: 3 } });
    expect(s.timeline.at(-1)).toMatchObject({ pointsCheckedIn: 1, delegatesCheckedIn: 3 });
  });

  it('pushes a snapshot on connect and coalesced updates on change over /live', async () => {
    const watcher = liveClient(url, e.organizer, e.id);
    const first = await watcher.waitFor(() => true);
    expect(first.points.checkedIn).toBe(1);
    const started = Date.now();
    await t.http().post(pointPath('HKI-01', 'check-in')).set(bearer(e.operators['HKI-01'])).expect(200);
    for (const code of ['DB-7']) await checkInDelegate(e.operators['HKI-01'], code).expect(200);
    const updated = await watcher.waitFor((s) => s.points.checkedIn === 2 && s.delegates.checkedIn === 4);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updated.missing.map((m) => m.code)).toEqual(['BDI-02']);
    // Coalesced: never more than 4 summaries in any second.
    const times = watcher.summaries.map((s) => Date.parse(s.at));
    for (let i = 4; i < times.length; i++) expect(times[i] - times[i - 4]).toBeGreaterThanOrEqual(900);
    watcher.close();
  });

  it('refuses live connections without a valid token or for another conference', async () => {
    const bad = liveClient(url, 'nope', e.id);
    await new Promise((r) => bad.socket.on('disconnect', r));
    expect(bad.errors[0].code).toBe('UNAUTHENTICATED');
    const wrong = liveClient(url, e.operators['BDI-01'], randomUUID());
    await new Promise((r) => wrong.socket.on('disconnect', r));
    expect(wrong.errors[0].code).toBe('FORBIDDEN');
    expect(bad.summaries.length + wrong.summaries.length).toBe(0);
  });
});
