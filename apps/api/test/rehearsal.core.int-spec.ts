import { randomUUID } from 'node:crypto';
import type { AttendanceSummary, PointAttendanceDto, PointRehearsalDto } from '@bridgepoint/contracts';
import { startTestApp, TestApp } from './harness';
import { Event, seedEvent } from './fixtures';
import { presenceOf } from './presence-helpers';
import { openSocket, until } from './sockets';

describe(`rehearsal (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const pointPath = (code: string, action: string) => `/api/conferences/${e.id}/points/${e.points[code].id}/${action}`;
  const setStatus = (status: string) => t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ status });
  const answer = (code: string, body: unknown, token = e.operators[code]) => t.http().put(pointPath(code, 'rehearsal')).set(bearer(token)).send(body as object);
  const summary = async (): Promise<AttendanceSummary> =>
    (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
    await setStatus('scheduled').expect(200);
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses confirmations before the rehearsal, and a rehearsal straight from draft', async () => {
    const early = await answer('BDI-01', { received: true }).expect(409);
    expect(early.body.code).toBe('CONFERENCE_NOT_IN_REHEARSAL');
    const draft = await t.http().post('/api/conferences').set(bearer(e.organizer)).send({ title: 'Nháp', startsAt: '2026-12-01T01:00:00Z' }).expect(201);
    const jump = await t.http().patch(`/api/conferences/${draft.body.id}`).set(bearer(e.organizer)).send({ status: 'rehearsal' }).expect(409);
    expect(jump.body.code).toBe('CONFERENCE_INVALID_TRANSITION');
  });

  it('collects each point\'s answer, tells the control room at once, and validates who answers what', async () => {
    await setStatus('rehearsal').expect(200);
    const control = await openSocket(url, '/live', e.organizer, e.id);
    try {
      // The first summary arrives once the socket has joined the conference's watchers.
      await until(() => control.received.some((r) => r.event === 'attendance.summary'), 5000, 'first summary');
      const ok = await answer('BDI-01', { received: true }).expect(200);
      expect(ok.body).toMatchObject({ pointId: e.points['BDI-01'].id, rehearsal: 'confirmed', problem: null });
      const bad = await answer('BDI-02', { received: false, problem: 'sound', note: '  Loa phòng họp hỏng  ' }).expect(200);
      expect(bad.body).toMatchObject({ rehearsal: 'problem', problem: 'sound', note: 'Loa phòng họp hỏng' });

      await until(
        () => control.received.filter((r) => r.event === 'presence.rehearsal').length >= 2,
        5000,
        'two presence.rehearsal events',
      );
      const pushed = control.received.filter((r) => r.event === 'presence.rehearsal').map((r) => r.payload as PointRehearsalDto);
      expect(pushed.map((a) => [a.pointId, a.rehearsal])).toEqual([
        [e.points['BDI-01'].id, 'confirmed'],
        [e.points['BDI-02'].id, 'problem'],
      ]);
    } finally {
      control.close();
    }

    const board = await presenceOf(t, e.id, e.organizer);
    expect(board.rehearsalStartedAt).not.toBeNull();
    const byCode = Object.fromEntries(board.points.map((p) => [p.code, p]));
    expect(byCode['BDI-01']).toMatchObject({ rehearsal: 'confirmed', rehearsalProblem: null });
    expect(byCode['BDI-02']).toMatchObject({ rehearsal: 'problem', rehearsalProblem: 'sound', rehearsalNote: 'Loa phòng họp hỏng' });
    expect(byCode['HKI-01'].rehearsal).toBe('unconfirmed');

    // Another point's operator, a missing problem, an unknown problem, an overlong note.
    expect((await answer('BDI-02', { received: true }, e.operators['BDI-01']).expect(403)).body.code).toBe('FORBIDDEN');
    for (const body of [{ received: false }, { received: false, problem: 'smell' }, { received: 'yes' }, { received: true, note: 'x'.repeat(501) }]) {
      expect((await answer('HKI-01', body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    // An organizer may record the answer a point gave on the phone.
    await answer('HKI-01', { received: false, problem: 'picture' }, e.organizer).expect(200);
    const point = await t.http().get(pointPath('HKI-01', 'attendance')).set(bearer(e.operators['HKI-01'])).expect(200);
    expect(point.body).toMatchObject({ conferenceStatus: 'rehearsal', rehearsal: 'problem' });
  });

  it('counts rehearsal check-ins while rehearsing, then clears them all when the conference goes live', async () => {
    const op = e.operators['BDI-01'];
    await t.http().post(pointPath('BDI-01', 'check-in')).set(bearer(op)).expect(200);
    await t.http().put(pointPath('BDI-02', 'headcount')).set(bearer(e.operators['BDI-02'])).send({ present: 2 }).expect(200);
    const key = randomUUID();
    await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).set('Idempotency-Key', key).send({ delegateCode: 'DB-1' }).expect(200);
    const during = await summary();
    expect(during.points.checkedIn).toBe(2);
    expect(during.delegates).toMatchObject({ checkedIn: 1, present: 2 });

    // The operator's page follows the status change on its live connection.
    const page = await openSocket(url, '/live', op, e.id);
    try {
      await until(() => page.received.some((r) => r.event === 'point.attendance'), 5000, 'first point state');
      const from = page.received.length;
      await setStatus('live').expect(200);
      await until(
        () => page.received.slice(from).some((r) => r.event === 'point.attendance' && (r.payload as PointAttendanceDto).conferenceStatus === 'live'),
        5000,
        'point.attendance with the live status',
      );
      const pushed = page.received
        .slice(from)
        .filter((r) => r.event === 'point.attendance')
        .map((r) => r.payload as PointAttendanceDto)
        .at(-1)!;
      expect(pushed).toMatchObject({ status: 'expected', checkedInAt: null, delegatesCheckedIn: 0, present: null });
    } finally {
      page.close();
    }

    const after = await summary();
    expect(after.points.checkedIn).toBe(0);
    expect(after.delegates).toMatchObject({ checkedIn: 0, present: 0 });
    expect(after.missing).toHaveLength(3);
    const roster = await t.http().get(pointPath('BDI-01', 'delegates')).set(bearer(op)).expect(200);
    expect(roster.body.every((d: { checkedIn: boolean }) => !d.checkedIn)).toBe(true);
    const history = await t.http().get(pointPath('BDI-02', 'headcount')).set(bearer(e.operators['BDI-02'])).expect(200);
    expect(history.body).toEqual([]);

    // The same request replayed after the rehearsal is a new, real check-in, not the rehearsal's stored answer.
    const replay = await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).set('Idempotency-Key', key).send({ delegateCode: 'DB-1' }).expect(200);
    expect(replay.body).toMatchObject({ delegateCode: 'DB-1', alreadyCheckedIn: false });
    expect((await summary()).delegates.checkedIn).toBe(1);

    // The answers stay on the board; new ones are refused once live.
    expect((await presenceOf(t, e.id, e.organizer)).points.find((p) => p.code === 'BDI-01')?.rehearsal).toBe('confirmed');
    expect((await answer('BDI-01', { received: true }).expect(409)).body.code).toBe('CONFERENCE_NOT_IN_REHEARSAL');
  });
});
