import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { Event, manyPoints, seedEvent } from './fixtures';
import { startTestApp, TestApp, USER_PASSWORD } from './harness';

/**
 * Sign-in and join limits at scale, and what a second api process of the same deployment sees
 * (PostgreSQL only: an embedded PGlite database belongs to one process).
 */
const SECRET = 'a-test-signing-key-that-is-long-enough-0123456789';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('sign-in limits across addresses and under a flood', () => {
  it('does not let one address spray many usernames, nor spoof X-Forwarded-For past it', async () => {
    const spray = async (app: TestApp) => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await app.http().post('/api/auth/login').set('X-Forwarded-For', `10.0.${i}.1`).send({ username: `nobody${i}`, password: 'x' })).status);
      }
      return statuses;
    };
    // With an allowance of 1 per username and address, one address may fail 10 times (any usernames).
    // Behind no trusted proxy (the default) the header is ignored: all these come from one address.
    const direct = await startTestApp(undefined, { LOGIN_FAILURES_BEFORE_BACKOFF: '1' });
    try {
      const statuses = await spray(direct);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await direct.close();
    }
    // Behind a proxy named in TRUST_PROXY, each client is counted on its own.
    const proxied = await startTestApp(undefined, { TRUST_PROXY: 'loopback', LOGIN_FAILURES_BEFORE_BACKOFF: '1' });
    try {
      expect((await spray(proxied)).every((s) => s === 401)).toBe(true);
    } finally {
      await proxied.close();
    }
  }, 180_000);

  it('runs password checks one at a time here and turns a flood away instead of queueing it without end', async () => {
    // A quarter of OWASP's cost (N=2^16, ~0.25 s a check here) keeps the test short; production uses 2^17.
    const other = await startTestApp(undefined, { PASSWORD_HASH_CONCURRENCY: '1', LOGIN_FAILURES_BEFORE_BACKOFF: '100', PASSWORD_HASH_COST: '16' });
    try {
      const e = await seedEvent(other);
      const summary = async () => {
        const started = performance.now();
        await other.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200);
        return performance.now() - started;
      };
      const quiet = [await summary(), await summary(), await summary()].sort((x, y) => x - y)[1];
      const flood = Promise.all(
        Array.from({ length: 40 }, (_, i) => other.http().post('/api/auth/login').send({ username: `flood${i}`, password: 'x' })),
      );
      const during: number[] = [];
      for (let i = 0; i < 10; i++) {
        during.push(await summary());
        await new Promise((r) => setTimeout(r, 200));
      }
      const results = await flood;
      during.sort((x, y) => x - y);
      const busy = results.filter((r) => r.status === 503);
      console.log(
        `40 concurrent bad sign-ins at scrypt N=2^16: ${results.length - busy.length} checked one at a time, ${busy.length} told to retry; ` +
          `organizer summary ${quiet.toFixed(0)} ms before, during: median ${during[5].toFixed(0)} ms, max ${during[9].toFixed(0)} ms`,
      );
      expect(results.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(33);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0].body.code).toBe('SERVICE_BUSY');
      expect(Number(busy[0].headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  }, 180_000);
});

describe('accounts seen from another api process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { JWT_SECRET: SECRET });
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses the token of a user deleted behind the api’s back', async () => {
    const organizer = await t.userToken('organizer');
    const claims = jwt.decode(organizer) as { sub: string };
    await t.http().get('/api/auth/me').set(bearer(organizer)).expect(200);
    const dataSource = t.app.get(DataSource);
    await dataSource.query('DELETE FROM users WHERE id = $1', [claims.sub]);
    // Deleted behind the api's back (no notice): a process that has not cached the user refuses the token.
    const other = await startTestApp(t.db, { JWT_SECRET: SECRET }, t);
    try {
      expect((await other.http().get('/api/auth/me').set(bearer(organizer)).expect(401)).body.code).toBe('SESSION_ENDED');
    } finally {
      await other.close();
    }
  }, 30_000);

  it('stores new hashes at the configured cost and re-hashes an older one at the next sign-in', async () => {
    const token = await t.userToken('presenter');
    const { username } = (await t.http().get('/api/auth/me').set(bearer(token)).expect(200)).body as { username: string };
    const ds = t.app.get(DataSource);
    const hashOf = async () => ((await ds.query('SELECT password_hash FROM users WHERE username = $1', [username])) as { password_hash: string }[])[0].password_hash;
    expect((await hashOf()).split('$')[1]).toBe(String(2 ** 14));
    const stronger = await startTestApp(t.db, { PASSWORD_HASH_COST: '15' }, t);
    try {
      await stronger.http().post('/api/auth/login').send({ username, password: USER_PASSWORD }).expect(200);
      expect((await hashOf()).split('$')[1]).toBe(String(2 ** 15));
      await stronger.http().post('/api/auth/login').send({ username, password: USER_PASSWORD }).expect(200);
    } finally {
      await stronger.close();
    }
  }, 60_000);
});

describe(`join codes (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  beforeAll(async () => {
    t = await startTestApp();
    e = await seedEvent(t, manyPoints(649));
  }, 120_000);
  afterAll(() => t?.close());

  it('lets 649 points behind one address join at once: only wrong codes count', async () => {
    const started = Date.now();
    const codes = Object.values(e.points).map((p) => p.joinCode);
    const statuses: number[] = [];
    for (let i = 0; i < codes.length; i += 50) {
      const batch = await Promise.all(codes.slice(i, i + 50).map((joinCode) => t.http().post('/api/point-sessions').send({ joinCode })));
      statuses.push(...batch.map((r) => r.status));
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`649 correct joins from one address: ${statuses.filter((s) => s === 201).length} joined in ${seconds.toFixed(1)} s`);
    expect(statuses.every((s) => s === 201)).toBe(true);
  }, 120_000);

  it('refuses an address after 60 wrong codes in a minute (429 + Retry-After), and the same wrong code after 10', async () => {
    while (Date.now() % 60_000 > 45_000) await new Promise((r) => setTimeout(r, 500));
    const same: number[] = [];
    for (let i = 0; i < 11; i++) same.push((await t.http().post('/api/point-sessions').send({ joinCode: '0000000000000' })).status);
    expect(same).toEqual([...Array(10).fill(401), 429]);
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) {
      const res = await t.http().post('/api/point-sessions').send({ joinCode: `${String(i).padStart(2, '0')}00000000001` });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([...Array(50).fill(401), 429]);
  }, 60_000);
});

