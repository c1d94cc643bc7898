import { ioServerOf } from '../src/bootstrap';
import { drainAndClose } from '../src/health/graceful-shutdown';
import { Event, liveClient, seedEvent } from './fixtures';
import { startTestApp, TestApp, USER_PASSWORD, waitForJob } from './harness';
import { openSocket, until } from './sockets';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * A machine with nothing installed (`npm start` without Redis): one api process with every role keeps the
 * job queues, live fan-out, rate limits and presence in its own memory. What a user sees must not change.
 * (Runs in-process on both tiers: the embedded database, and PostgreSQL without Redis.)
 */
describe(`one process without Redis (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let url: string;
  let e: Event;

  beforeAll(async () => {
    t = await startTestApp(undefined, { COORDINATION: 'in-process' });
    url = await t.listen();
    e = await seedEvent(t);
  }, 90_000);
  afterAll(() => t?.close());

  it('says so in its health and readiness answers', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'ok', redis: 'in-process', coordination: 'in-process', database: t.db });
    const ready = await t.http().get('/api/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ready', db: 'ok', redis: 'in-process' });
  });

  it('runs an import job whose state, progress and result are read at /api/jobs/:id, and counts it in the metrics', async () => {
    const csv = ['Mã đại biểu,Họ và tên,Mã điểm cầu', 'DB-8,Bùi Văn Tám,BDI-02', 'DB-9,Ngô Thị Chín,HKI-01', 'DB-10,,HKI-01'].join('\n');
    const res = await t.http().post('/api/delegates/import').set(bearer(e.organizer)).attach('file', Buffer.from(csv), 'more.csv').field('conferenceId', e.id).expect(202);
    const job = await waitForJob(t, e.organizer, res.body.jobId);
    expect(job).toMatchObject({ id: res.body.jobId, state: 'completed', progress: 100, failedReason: null, result: { created: 2, updated: 0, errorCount: 1 } });
    expect(job.result.errors[0]).toMatchObject({ line: 4, field: 'fullName' });
    expect(Date.parse(job.finishedAt)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));
    // Read again: the finished job stays readable; another organizer of no staff may not read it.
    expect((await t.http().get(`/api/jobs/${res.body.jobId}`).set(bearer(e.organizer)).expect(200)).body.state).toBe('completed');
    const stranger = await t.userToken('organizer');
    await t.http().get(`/api/jobs/${res.body.jobId}`).set(bearer(stranger)).expect(403);
    expect((await t.http().get('/api/jobs/no-such-job').set(bearer(e.organizer)).expect(404)).body.code).toBe('JOB_NOT_FOUND');
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    // Three imports: the event's points and delegates, and this one.
    expect(metrics).toMatch(/^bridgepoint_queue_jobs\{[^}]*queue="imports"[^}]*state="completed"[^}]*\} 3$/m);
    // The retention cleanup ran once at start, as scheduled.
    expect(metrics).toMatch(/^bridgepoint_queue_jobs\{[^}]*queue="cleanup"[^}]*state="completed"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^bridgepoint_queue_jobs\{[^}]*queue="cleanup"[^}]*state="failed"[^}]*\} 0$/m);
  }, 60_000);

  it("pushes attendance.summary to an organizer's /live socket after a check-in, and presence when an operator page opens", async () => {
    const live = liveClient(url, e.organizer, e.id);
    const presence: { pointId: string; online: boolean }[] = [];
    live.socket.on('presence.changed', (p: { pointId: string; online: boolean }) => presence.push(p));
    const before = await live.waitFor(() => true);
    await t.http().post(`/api/conferences/${e.id}/points/${e.points['BDI-01'].id}/check-in`).set(bearer(e.operators['BDI-01'])).expect(200);
    const after = await live.waitFor((s) => s.points.checkedIn === before.points.checkedIn + 1);
    expect(after.points).toMatchObject({ total: 3 });

    const operator = await openSocket(url, '/live', e.operators['HKI-01'], e.id);
    await until(() => presence.some((p) => p.pointId === e.points['HKI-01'].id && p.online), 5000, 'the point online on the control room');
    const listed = await t.http().get(`/api/conferences/${e.id}/presence`).set(bearer(e.organizer)).expect(200);
    expect(listed.body.points.find((p: { code: string }) => p.code === 'HKI-01')).toMatchObject({ online: true });
    operator.close();
    await until(() => presence.some((p) => p.pointId === e.points['HKI-01'].id && !p.online), 5000, 'the point offline on the control room');
    live.close();
  }, 30_000);

  it('still slows a password guesser down: 429 RATE_LIMITED after too many failures', async () => {
    await t.userToken('moderator');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http().post('/api/auth/login').send({ username: 'moderator1', password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const right = await t.http().post('/api/auth/login').send({ username: 'moderator1', password: USER_PASSWORD }).expect(429);
    expect(right.body.code).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('drains on shutdown: its in-process job workers are closed like BullMQ workers', async () => {
    const report = await drainAndClose(t.app, ioServerOf(t.app), 2000);
    // imports, exports, attendance snapshots, file retention, links.
    expect(report).toMatchObject({ workersClosed: 5, cut: 0 });
    // Closed already: the harness only removes what the test made.
    t.app.close = async () => undefined;
  }, 30_000);
});
