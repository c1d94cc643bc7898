import { randomUUID } from 'node:crypto';
import { ADMIN, startTestApp, type TestApp } from './harness';
import { liveClient, seedEvent, type Event } from './fixtures';

const METRICS_TOKEN = 'scrape-token-for-tests-0123456789';

/**
 * What operations see: Prometheus metrics at /metrics (behind METRICS_TOKEN) and JSON log lines with the
 * request id and principal, in which no password, token, join code or room code ever appears.
 */
describe('metrics and logs', () => {
  let t: TestApp;
  let url: string;
  let event: Event;
  const printed: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    const capture = (chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    t = await startTestApp(undefined, { LOG_FORMAT: 'json', LOG_LEVEL: 'log', METRICS_TOKEN });
    url = await t.listen();
    event = await seedEvent(t);
  }, 120_000);

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await t?.close();
  });

  const metrics = async () => (await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
  /** The value of one sample, e.g. `bridgepoint_check_ins_total{result="new"}` (labels in any order, extra ones allowed). */
  const sample = (text: string, name: string, labels: Record<string, string>) => {
    for (const line of text.split('\n')) {
      const m = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const has = Object.entries(labels).every(([k, v]) => m[2].includes(`${k}="${v}"`));
      if (has) return Number(m[3]);
    }
    return null;
  };

  it('serves Prometheus metrics only with the token: routes, check-ins, sockets, queues, the pool', async () => {
    const operator = event.operators['BDI-01'];
    const live = liveClient(url, event.organizer, event.id);
    await live.waitFor(() => true);
    for (const code of ['DB-1', 'DB-2']) {
      await t
        .http()
        .post(`/api/conferences/${event.id}/attendance`)
        .set({ Authorization: `Bearer ${operator}`, 'Idempotency-Key': `k-${code}` })
        .send({ delegateCode: code })
        .expect(200);
    }
    await t.http().post(`/api/conferences/${event.id}/attendance`).set({ Authorization: `Bearer ${operator}`, 'Idempotency-Key': 'k-DB-1' }).send({ delegateCode: 'DB-1' }).expect(200);

    await t.http().get('/metrics').expect(401);
    const refused = await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token-at-all-0000').expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    const text = await metrics();
    live.close();

    const route = { method: 'POST', route: '/api/conferences/:id/attendance', status: '200' };
    expect(sample(text, 'bridgepoint_http_request_duration_seconds_count', route)).toBe(3);
    expect(sample(text, 'bridgepoint_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(3);
    expect(sample(text, 'bridgepoint_check_ins_total', { result: 'new' })).toBe(2);
    expect(sample(text, 'bridgepoint_check_ins_total', { result: 'replayed' })).toBe(1);
    expect(sample(text, 'bridgepoint_sockets', { namespace: '/live' })).toBe(1);
    expect(sample(text, 'bridgepoint_queue_jobs', { queue: 'imports', state: 'completed' })).toBe(2);
    expect(sample(text, 'bridgepoint_queue_jobs', { queue: 'exports', state: 'failed' })).toBe(0);
    expect(sample(text, 'bridgepoint_db_pool_connections', { state: 'open' })).toBeGreaterThan(0);
    expect(text).toMatch(/^bridgepoint_nodejs_eventloop_lag_seconds/m);
    expect(sample(text, 'bridgepoint_media', { what: 'rooms' })).toBe(0);
    // Addresses with ids or codes never become labels: only route patterns do.
    expect(text).not.toContain(event.id);
  });

  it('writes JSON lines with the request id and principal, and no password, token, join code or room code', async () => {
    const mark = printed.length;
    const organizer = { Authorization: `Bearer ${event.organizer}` };
    const point = event.points['BDI-01'];
    const login = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    const room = await t.http().get(`/api/conferences/${event.id}/points/${point.id}/room-code`).set(organizer).expect(200);
    await t.http().get(`/api/rooms/${encodeURIComponent(room.body.roomCode)}/roster?search=Nguyen`).expect(200);
    const delegate = await t.http().post('/api/delegate-sessions').send({ roomCode: room.body.roomCode, delegateCode: 'DB-3', deviceId: 'log-phone' }).expect(201);
    const self = await t
      .http()
      .post(`/api/conferences/${event.id}/attendance/self`)
      .set({ Authorization: `Bearer ${delegate.body.accessToken}`, 'Idempotency-Key': randomUUID(), 'X-Request-Id': 'forged-by-the-client' })
      .send({})
      .expect(200);
    await t.http().post('/api/point-sessions').send({ joinCode: point.joinCode }).expect(201);
    await t.http().post('/api/point-sessions').send({ joinCode: '0000000000000' }).expect(401);
    await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: 'a wrong password, logged nowhere' }).expect(401);
    await new Promise((r) => setTimeout(r, 50));

    const lines = printed.slice(mark).join('').split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const r of requests) expect(r).toMatchObject({ level: 'info', reqId: expect.any(String), route: expect.stringMatching(/^\/api\//), status: expect.any(Number) });

    // The id the answer carries is the one in the log (a client cannot choose it without TRUST_PROXY).
    const selfId = self.headers['x-request-id'];
    expect(selfId).toMatch(/^[0-9a-f-]{36}$/);
    const selfLine = requests.find((r) => r.reqId === selfId);
    expect(selfLine).toMatchObject({
      route: '/api/conferences/:id/attendance/self',
      principal: { kind: 'delegate', delegateId: delegate.body.delegateId, pointId: point.id, conferenceId: event.id },
    });
    expect(requests.find((r) => r.route === '/api/conferences/:id/points/:pointId/room-code')).toMatchObject({ principal: { kind: 'user' } });
    expect(requests.some((r) => r.route === '/api/rooms/:roomCode/roster')).toBe(true);

    Object.assign(secrets, {
      adminPassword: ADMIN.password,
      wrongPassword: 'a wrong password, logged nowhere',
      adminToken: login.body.accessToken,
      organizerToken: event.organizer,
      operatorToken: event.operators['BDI-01'],
      delegateToken: delegate.body.accessToken,
      joinCode: point.joinCode,
      roomCode: room.body.roomCode,
      metricsToken: METRICS_TOKEN,
    });
    const everything = printed.join('');
    const leaked = Object.entries(secrets).filter(([, v]) => everything.includes(v) || everything.includes(encodeURIComponent(v)));
    expect(leaked.map(([k]) => k)).toEqual([]);
  });
});
