import type { PointReadinessDto, PresenceReadiness } from '@bridgepoint/contracts';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { presenceOf } from './presence-helpers';
import { openSocket, until } from './sockets';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const MEASURED = { sendKbps: 281.4, receiveKbps: 268.94, lossPercent: 0.4, rttMs: 23.456, audioLevel: 0.31, camera: true, microphone: true };

describe(`pre-flight readiness (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  const path = (pointId: string) => `/api/conferences/${e.id}/points/${pointId}/readiness`;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('stores the operator\'s result, shows it in presence and tells the control room at once', async () => {
    const point = e.points['BDI-01'];
    const control = await openSocket(url, '/live', e.organizer, e.id);
    // The control room's socket is in its room once the first summary arrives.
    await until(() => control.received.some((r) => r.event === 'attendance.summary'), 5000, 'first summary');
    const before = (await t.http().get(path(point.id)).set(bearer(e.operators['BDI-01'])).expect(200)).body as PointReadinessDto;
    expect(before).toEqual({ pointId: point.id, readiness: 'untested', readinessDetail: null, readinessAt: null, measurements: null });

    const failed = (
      await t
        .http()
        .put(path(point.id))
        .set(bearer(e.operators['BDI-01']))
        .send({ result: 'failed', detail: '  Không nhận lại được hình và tiếng.  ', measurements: { ...MEASURED, receiveKbps: 0 } })
        .expect(200)
    ).body as PointReadinessDto;
    expect(failed).toMatchObject({ readiness: 'failed', readinessDetail: 'Không nhận lại được hình và tiếng.', measurements: { receiveKbps: 0, rttMs: 23.5 } });
    await until(() => control.received.some((r) => r.event === 'presence.readiness'), 5000, 'presence.readiness failed');
    expect((await presenceOf(t, e.id, e.organizer)).points.find((p) => p.pointId === point.id)).toMatchObject({
      readiness: 'failed',
      readinessDetail: 'Không nhận lại được hình và tiếng.',
    });

    // Rerun: ready replaces the failure and its reason.
    const ready = (await t.http().put(path(point.id)).set(bearer(e.operators['BDI-01'])).send({ result: 'ready', measurements: MEASURED }).expect(200))
      .body as PointReadinessDto;
    expect(ready).toMatchObject({ readiness: 'ready', readinessDetail: null, measurements: { sendKbps: 281.4, receiveKbps: 268.9, lossPercent: 0.4 } });
    expect(Date.parse(ready.readinessAt!)).toBeGreaterThanOrEqual(Date.parse(failed.readinessAt!));
    await until(() => control.received.filter((r) => r.event === 'presence.readiness').length === 2, 5000, 'presence.readiness ready');
    const events = control.received.filter((r) => r.event === 'presence.readiness').map((r) => r.payload as PresenceReadiness);
    expect(events.map((x) => [x.pointId, x.readiness])).toEqual([
      [point.id, 'failed'],
      [point.id, 'ready'],
    ]);
    expect((await presenceOf(t, e.id, e.organizer)).points.find((p) => p.pointId === point.id)).toMatchObject({ readiness: 'ready', readinessDetail: null });
    // The organizers read it too; the point stays offline (nothing about presence changed).
    const seen = (await t.http().get(path(point.id)).set(bearer(e.organizer)).expect(200)).body as PointReadinessDto;
    expect(seen).toEqual(ready);
    control.close();
  });

  it('keeps presence working for a point that stored its result before it was ever online', async () => {
    const point = e.points['BDI-02'];
    await t.http().put(path(point.id)).set(bearer(e.operators['BDI-02'])).send({ result: 'ready', measurements: MEASURED }).expect(200);
    const page = await openSocket(url, '/live', e.operators['BDI-02'], e.id);
    await until(
      async () => (await presenceOf(t, e.id, e.organizer)).points.find((p) => p.pointId === point.id)?.online === true,
      5000,
      'BDI-02 online',
    );
    expect((await presenceOf(t, e.id, e.organizer)).points.find((p) => p.pointId === point.id)).toMatchObject({ online: true, readiness: 'ready' });
    page.close();
  });

  it('is written by the point\'s own operator only', async () => {
    const point = e.points['BDI-01'];
    const body = { result: 'ready', measurements: MEASURED };
    const other = await t.http().put(path(point.id)).set(bearer(e.operators['BDI-02'])).send(body).expect(403);
    expect(other.body.code).toBe('FORBIDDEN');
    const moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
    for (const token of [e.organizer, moderator]) {
      expect((await t.http().put(path(point.id)).set(bearer(token)).send(body).expect(403)).body.code).toBe('FORBIDDEN');
    }
    await t.http().put(path(point.id)).send(body).expect(401);
    // Another point may not read it either.
    await t.http().get(path(point.id)).set(bearer(e.operators['BDI-02'])).expect(403);
  });

  it('refuses a malformed report with 400 and stores nothing', async () => {
    const point = e.points['HKI-01'];
    const op = bearer(e.operators['HKI-01']);
    const bad: unknown[] = [
      {},
      { result: 'maybe', measurements: MEASURED },
      { result: 'ready' },
      { result: 'ready', measurements: { ...MEASURED, lossPercent: 140 } },
      { result: 'ready', measurements: { ...MEASURED, sendKbps: -1 } },
      { result: 'ready', measurements: { ...MEASURED, rttMs: 'fast' } },
      { result: 'ready', measurements: { ...MEASURED, extra: 1 } },
      { result: 'ready', measurements: MEASURED, verdict: 'green' },
      { result: 'failed', measurements: MEASURED },
      { result: 'failed', detail: 'x'.repeat(501), measurements: MEASURED },
      { result: 'ready', measurements: [] },
    ];
    for (const body of bad) {
      const res = await t.http().put(path(point.id)).set(op).send(body as object);
      expect([res.status, res.body.code, JSON.stringify(body)]).toEqual([400, 'VALIDATION_FAILED', JSON.stringify(body)]);
      expect(typeof res.body.message).toBe('string');
    }
    // A control character is refused before validation, as everywhere.
    const nul = await t.http().put(path(point.id)).set(op).send({ result: 'failed', detail: 'bad\u0000reason', measurements: MEASURED });
    expect([nul.status, nul.body.code]).toEqual([400, 'INVALID_TEXT']);
    expect(((await t.http().get(path(point.id)).set(op).expect(200)).body as PointReadinessDto).readiness).toBe('untested');
  });
});
