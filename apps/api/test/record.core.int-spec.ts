import type { AttendanceCorrectionDto } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './harness';
import { Event, liveClient, manyPoints, seedEvent } from './fixtures';

/** Undoing check-ins, organizers' corrections after the event, and the record's lock. */
describe(`attendance corrections and the record's lock (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let secondOrganizer: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const pointPath = (code: string, action: string) => `/api/conferences/${e.id}/points/${e.points[code].id}/${action}`;
  const summary = async () => (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;
  const checkIn = (token: string, delegateCode: string) => t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(token)).send({ delegateCode });
  const unmark = (token: string, delegateCode: string, reason = 'Đánh dấu nhầm') =>
    t.http().delete(`/api/conferences/${e.id}/attendance/${delegateCode}`).set(bearer(token)).send({ reason });
  const correct = (token: string, body: object) => t.http().post(`/api/conferences/${e.id}/corrections`).set(bearer(token)).send(body);
  const corrections = async (): Promise<AttendanceCorrectionDto[]> =>
    (await t.http().get(`/api/conferences/${e.id}/corrections`).set(bearer(e.organizer)).expect(200)).body;
  const setStatus = (status: string) => t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ status }).expect(200);
  /** What the database holds, counted from the rows rather than the per-point counters. */
  const counted = async () => {
    const ds = t.app.get(DataSource);
    const [row] = await ds.query(
      `SELECT (SELECT count(*)::int FROM delegate_checkins WHERE conference_id = $1) AS rows,
              (SELECT sum(delegates_checked_in)::int FROM conference_points WHERE conference_id = $1) AS counters`,
      [e.id],
    );
    return row as { rows: number; counters: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
    secondOrganizer = await t.userToken('organizer');
    await t.addStaff(e.id, secondOrganizer);
    await setStatus('scheduled');
    await setStatus('live');
  }, 60_000);
  afterAll(() => t?.close());

  it("lets a point's operator unmark its own delegate with a reason; the summary and /live follow; repeating changes nothing", async () => {
    const op = e.operators['BDI-01'];
    await checkIn(op, 'DB-1').expect(200);
    await checkIn(op, 'DB-2').expect(200);
    const live = liveClient(url, e.organizer, e.id);
    try {
      await live.waitFor((s) => s.delegates.checkedIn === 2);
      const res = await unmark(op, 'db-1', 'Đại biểu vắng, bấm nhầm').expect(200);
      expect(res.body).toMatchObject({ delegateCode: 'DB-1', fullName: 'Nguyễn Văn Ánh', checkedIn: false, changed: true, pointId: e.points['BDI-01'].id });
      await live.waitFor((s) => s.delegates.checkedIn === 1);
      expect((await summary()).delegates.checkedIn).toBe(1);

      const again = await unmark(op, 'DB-1').expect(200);
      expect(again.body).toMatchObject({ checkedIn: false, changed: false, correctionId: null });
      expect((await summary()).delegates.checkedIn).toBe(1);
      expect(await counted()).toEqual({ rows: 1, counters: 1 });
    } finally {
      live.close();
    }
    const roster = await t.http().get(pointPath('BDI-01', 'delegates')).set(bearer(op)).expect(200);
    expect(roster.body.find((d: { code: string }) => d.code === 'DB-1').checkedIn).toBe(false);
    // Unmarked by mistake: checking in again works and counts once.
    await checkIn(op, 'DB-1').expect(200);
    expect((await summary()).delegates.checkedIn).toBe(2);

    const [kept] = await corrections();
    expect(kept).toMatchObject({
      kind: 'delegate_unmark',
      target: 'DB-1',
      reason: 'Đại biểu vắng, bấm nhầm',
      actor: `point:${e.points['BDI-01'].id}`,
      actorName: 'Nguyễn Văn An',
      before: { checkedIn: true, pointId: e.points['BDI-01'].id },
      after: { checkedIn: false },
    });
  });

  it("refuses another point's operator, a missing reason and unknown delegates", async () => {
    const other = await unmark(e.operators['BDI-02'], 'DB-1').expect(403);
    expect(other.body).toMatchObject({ code: 'CORRECTION_NOT_ALLOWED', message: expect.stringContaining('another point') });
    const noReason = await t.http().delete(`/api/conferences/${e.id}/attendance/DB-1`).set(bearer(e.operators['BDI-01'])).send({}).expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    const blank = await unmark(e.organizer, 'DB-1', '   ').expect(400);
    expect(blank.body.code).toBe('VALIDATION_FAILED');
    expect((await unmark(e.organizer, 'NO-SUCH').expect(404)).body.code).toBe('DELEGATE_NOT_FOUND');
    const badKind = await correct(e.organizer, { kind: 'headcount', pointId: e.points['BDI-01'].id, present: true, reason: 'x' }).expect(400);
    expect(badKind.body.code).toBe('VALIDATION_FAILED');
    expect((await summary()).delegates.checkedIn).toBe(2);
  });

  it('once locked, refuses every attendance change with RECORD_LOCKED until an admin unlocks it; both are in the audit log', async () => {
    const lock = await t.http().post(`/api/conferences/${e.id}/record/lock`).set(bearer(e.organizer)).expect(200);
    expect(lock.body).toMatchObject({ locked: true, lockedBy: expect.stringMatching(/^user:/) });
    await t.http().post(`/api/conferences/${e.id}/record/lock`).set(bearer(e.organizer)).expect(200);

    const op = e.operators['BDI-02'];
    const refusals = [
      await checkIn(op, 'DB-4'),
      await t.http().put(pointPath('BDI-02', 'headcount')).set(bearer(op)).send({ present: 2 }),
      await t.http().post(pointPath('HKI-01', 'check-in')).set(bearer(e.operators['HKI-01'])),
      await unmark(e.operators['BDI-01'], 'DB-2'),
      await correct(e.organizer, { kind: 'headcount', pointId: e.points['BDI-01'].id, present: 9, reason: 'Báo lại' }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'RECORD_LOCKED', message: expect.stringContaining('locked') });
    }
    expect((await summary()).delegates.checkedIn).toBe(2);

    const byOrganizer = await t.http().post(`/api/conferences/${e.id}/record/unlock`).set(bearer(e.organizer)).expect(403);
    expect(byOrganizer.body.code).toBe('FORBIDDEN');
    const unlocked = await t.http().post(`/api/conferences/${e.id}/record/unlock`).set(bearer(t.adminToken)).expect(200);
    expect(unlocked.body.locked).toBe(false);
    await checkIn(op, 'DB-4').expect(200);

    const audit = await t.http().get(`/api/conferences/${e.id}/audit`).set(bearer(e.organizer)).expect(200);
    const actions = audit.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['record.lock', 'record.unlock', 'attendance.delegate_unmark']));
    expect(actions.filter((a: string) => a === 'record.lock')).toHaveLength(1);
  });

  it('locked during a burst of check-ins: every check-in is either in before the lock or refused, none lands after it', async () => {
    const burst = await seedEvent(t, manyPoints(20));
    const org = bearer(burst.organizer);
    for (const status of ['scheduled', 'live']) await t.http().patch(`/api/conferences/${burst.id}`).set(org).send({ status }).expect(200);
    const rows = async () =>
      Number((await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM delegate_checkins WHERE conference_id = $1', [burst.id]))[0].n);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const checkIns = Array.from({ length: 20 }, (_, i) => i + 1).flatMap((i) =>
      [1, 2].map(async (k) => {
        await pause(i * 3);
        const code = `P-${String(i).padStart(3, '0')}`;
        return t.http().post(`/api/conferences/${burst.id}/attendance`).set(bearer(burst.operators[code])).send({ delegateCode: `D-${i}-${k}` });
      }),
    );
    const locked = (async () => {
      await pause(25);
      await t.http().post(`/api/conferences/${burst.id}/record/lock`).set(org).expect(200);
      return rows();
    })();
    const answers = await Promise.all(checkIns);
    const atLock = await locked;
    expect(answers.every((r) => r.status === 200 || (r.status === 409 && r.body.code === 'RECORD_LOCKED'))).toBe(true);
    expect(await rows()).toBe(atLock);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(atLock);
    const summary = (await t.http().get(`/api/conferences/${burst.id}/attendance/summary`).set(org).expect(200)).body;
    expect(summary.delegates.checkedIn).toBe(atLock);
  });

  it('after the event, operators can no longer unmark; organizers correct delegates, headcounts and check-ins, each kept', async () => {
    await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(e.operators['BDI-01'])).send({ present: 3 }).expect(200);
    await setStatus('ended');
    const late = await unmark(e.operators['BDI-01'], 'DB-2').expect(403);
    expect(late.body).toMatchObject({ code: 'CORRECTION_NOT_ALLOWED', message: expect.stringContaining('ended') });

    const before = await summary();
    const out = await unmark(e.organizer, 'DB-2', 'Đại biểu ra về trước khi khai mạc').expect(200);
    expect(out.body.changed).toBe(true);
    const marked = await correct(e.organizer, { kind: 'delegate', delegateCode: 'DB-6', present: true, reason: 'Có mặt, quên điểm danh' }).expect(200);
    expect(marked.body).toMatchObject({ changed: true, correction: { kind: 'delegate_mark', target: 'DB-6', after: { checkedIn: true } } });
    const headcount = await correct(e.organizer, { kind: 'headcount', pointId: e.points['BDI-01'].id, present: 2, reason: 'Điểm cầu báo lại' }).expect(200);
    expect(headcount.body.correction).toMatchObject({ before: { present: 3 }, after: { present: 2 }, target: 'BDI-01' });
    const status = await correct(e.organizer, { kind: 'point_status', pointId: e.points['HKI-01'].id, checkedIn: true, reason: 'Điểm cầu có tham dự' }).expect(200);
    expect(status.body.correction).toMatchObject({ before: { status: 'expected' }, after: { status: 'checked_in' } });
    const same = await correct(e.organizer, { kind: 'point_status', pointId: e.points['HKI-01'].id, checkedIn: true, reason: 'Lặp lại' }).expect(200);
    expect(same.body).toEqual({ changed: false, correction: null });

    const after = await summary();
    expect(after.delegates.checkedIn).toBe(before.delegates.checkedIn);
    expect(after.points.checkedIn).toBe(before.points.checkedIn + 1);
    expect(after.delegates.present).toBe(before.delegates.present - 1);
    expect(after.missing.map((m: { code: string }) => m.code)).not.toContain('HKI-01');
    expect(await counted()).toEqual({ rows: after.delegates.checkedIn, counters: after.delegates.checkedIn });
    const list = await corrections();
    expect(list.map((c) => `${c.kind}:${c.target}:${c.reason}`)).toEqual([
      'delegate_unmark:DB-1:Đại biểu vắng, bấm nhầm',
      'delegate_unmark:DB-2:Đại biểu ra về trước khi khai mạc',
      'delegate_mark:DB-6:Có mặt, quên điểm danh',
      'headcount:BDI-01:Điểm cầu báo lại',
      'point_status:HKI-01:Điểm cầu có tham dự',
    ]);
  });

  it('two organizers correcting the same entries at once end in one consistent state', async () => {
    const pointId = e.points['BDI-02'].id;
    const [a, b] = await Promise.all([
      correct(e.organizer, { kind: 'headcount', pointId, present: 7, reason: 'Theo biên bản giấy' }),
      correct(secondOrganizer, { kind: 'headcount', pointId, present: 8, reason: 'Theo danh sách ký' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const changes = [a.body.correction, b.body.correction].sort((x, y) => Number(x.id) - Number(y.id));
    // The second correction saw the first one's result: the history is one chain, ending on the stored value.
    expect(changes[1].before.present).toBe(changes[0].after.present);
    const state = await t.http().get(pointPath('BDI-02', 'attendance')).set(bearer(e.organizer)).expect(200);
    expect(state.body.present).toBe(changes[1].after.present);

    const unmarks = await Promise.all([unmark(e.organizer, 'DB-4', 'Vắng'), unmark(secondOrganizer, 'DB-4', 'Vắng mặt')]);
    expect(unmarks.map((r) => r.status)).toEqual([200, 200]);
    expect(unmarks.map((r) => r.body.changed).sort()).toEqual([false, true]);
    const marks = await Promise.all([
      correct(e.organizer, { kind: 'delegate', delegateCode: 'DB-7', present: true, reason: 'Có mặt' }),
      correct(secondOrganizer, { kind: 'delegate', delegateCode: 'DB-7', present: true, reason: 'Có mặt' }),
    ]);
    expect(marks.map((r) => r.body.changed).sort()).toEqual([false, true]);
    const totals = await summary();
    expect(await counted()).toEqual({ rows: totals.delegates.checkedIn, counters: totals.delegates.checkedIn });
    const kept = (await corrections()).filter((c) => c.target === 'DB-4' || c.target === 'DB-7');
    expect(kept.map((c) => c.kind).sort()).toEqual(['delegate_mark', 'delegate_unmark']);
  });
});
