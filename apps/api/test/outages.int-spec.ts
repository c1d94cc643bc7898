import { randomUUID } from 'node:crypto';
import { seedEvent, type Event } from './fixtures';
import { startTestApp, TEST_DATABASE_URL, type TestApp } from './harness';
import { PrivateRedis, TcpSwitch } from './tcp-switch';

/**
 * PostgreSQL or Redis unreachable: the api answers 503 SERVICE_UNAVAILABLE with Retry-After (never 500),
 * readiness says what is down while liveness stays up, the log says so once with a count (no stack trace
 * per request), and everything works again once the server is back. PostgreSQL is cut off through a relay
 * of this test's own and Redis is a server of its own, so the machine's servers keep serving everyone else.
 */
describe('outages of PostgreSQL and Redis', () => {
  const pg = new URL(TEST_DATABASE_URL);
  const database = new TcpSwitch({ host: pg.hostname, port: Number(pg.port || 5432) });
  const redis = new PrivateRedis();
  let t: TestApp;
  let event: Event;
  const printed: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    await database.up();
    await redis.start();
    // Capture what the api logs (warnings included) to check how outages are reported.
    const capture = (chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    t = await startTestApp('postgres', {
      DATABASE_URL: `${database.url('postgresql')}${pg.pathname}`,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
    });
    event = await seedEvent(t);
  }, 120_000);

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await database.up().catch(() => undefined);
    await t?.close();
    // Stop listening; connections the closed app left (BullMQ's blocking ones) end on their own.
    database.stop();
    await redis.stop();
  });

  const checkIn = (code: string, key = randomUUID()) =>
    t
      .http()
      .post(`/api/conferences/${event.id}/attendance`)
      .set({ Authorization: `Bearer ${event.operators['BDI-01']}`, 'Idempotency-Key': key })
      .send({ delegateCode: code });
  const since = (mark: number) => printed.slice(mark).join('');

  it('answers liveness and readiness while everything is up', async () => {
    const live = await t.http().get('/api/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const ready = await t.http().get('/api/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ready', db: 'ok', redis: 'ok' });
    await t.http().get('/api/health').expect(200);
  });

  it('answers 503 with Retry-After while PostgreSQL is down, logs it once, and recovers', async () => {
    const mark = printed.length;
    await database.cut();
    const key = randomUUID();
    const failed = [];
    for (let i = 0; i < 12; i++) failed.push(await checkIn('DB-1', key));
    const summary = await t.http().get(`/api/conferences/${event.id}/attendance/summary`).set({ Authorization: `Bearer ${event.organizer}` });
    failed.push(summary);
    for (const res of failed) {
      expect({ status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: '2',
      });
    }
    expect(failed[0].body.details).toEqual({ retryAfterSeconds: 2, dependency: 'database' });
    const ready = await t.http().get('/api/health/ready').expect(503);
    expect(ready.body).toEqual({ status: 'not-ready', db: 'down', redis: 'ok' });
    await t.http().get('/api/health/live').expect(200);
    await t.http().get('/api/health').expect(503);

    await database.up();
    const ok = await checkIn('DB-1', key);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ delegateCode: 'DB-1', alreadyCheckedIn: false });

    // Once when it starts, once when it is over (after a quiet spell), with the count; no stack traces.
    const deadline = Date.now() + 10_000;
    while (!/PostgreSQL outage over/.test(since(mark)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const log = since(mark);
    expect(log.match(/PostgreSQL is unreachable/g)).toHaveLength(1);
    expect(log).toMatch(/PostgreSQL outage over: 13 requests answered 503/);
    expect(log).not.toMatch(/\n\s+at /);
    expect(log).not.toMatch(/INTERNAL_ERROR|ExceptionsHandler/);
  }, 60_000);

  it('answers 503 for job reads while Redis is down instead of waiting, and recovers', async () => {
    const mark = printed.length;
    const jobId = randomUUID();
    await t.http().get(`/api/jobs/${jobId}`).set({ Authorization: `Bearer ${event.organizer}` }).expect(404);
    await redis.stop();
    const started = Date.now();
    const res = await t.http().get(`/api/jobs/${jobId}`).set({ Authorization: `Bearer ${event.organizer}` });
    expect({ status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] }).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryAfter: '2',
    });
    expect(res.body.details).toEqual({ retryAfterSeconds: 2, dependency: 'redis' });
    expect(Date.now() - started).toBeLessThan(8000);
    const ready = await t.http().get('/api/health/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'not-ready', redis: 'down' });
    // Check-ins do not need Redis: they keep working.
    const ok = await checkIn('DB-2');
    expect(ok.status).toBe(200);

    await redis.start();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await t.http().get('/api/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    // (The server came back empty, as a restarted Redis without persistence does: still no such job.)
    await t.http().get(`/api/jobs/${jobId}`).set({ Authorization: `Bearer ${event.organizer}` }).expect(404);
    expect(since(mark).match(/Redis is unreachable/g)).toHaveLength(1);
    expect(since(mark)).not.toMatch(/\n\s+at /);
  }, 60_000);
});
