import jwt from 'jsonwebtoken';
import { Event, seedEvent } from './fixtures';
import { ADMIN, startTestApp, TestApp, USER_PASSWORD } from './harness';
import { openSocket } from './sockets';

const SECRET = 'a-test-signing-key-that-is-long-enough-0123456789';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const userId = (token: string) => (jwt.decode(token) as { sub: string }).sub;

describe(`sign-in limits (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { PASSWORD_HASH_CONCURRENCY: '1' });
  }, 60_000);
  afterAll(() => t?.close());

  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

  it('slows a guesser down after 5 wrong passwords: the right one then waits too (429 + Retry-After)', async () => {
    await t.userToken('organizer');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login('organizer1', `wrong-guess-${i}`)).status);
    const right = await login('organizer1', USER_PASSWORD);
    console.log(`Sign-in: wrong passwords answered ${statuses.join(',')}; the right one then ${right.status}`);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('RATE_LIMITED');
    const wait = Number(right.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    // After the wait, one more try is allowed: the right password gets in and clears the count.
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect((await login('organizer1', USER_PASSWORD)).status).toBe(200);
    expect((await login('organizer1', 'wrong-again')).status).toBe(401);
  }, 30_000);

});

describe(`tokens and revocation (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(undefined, { JWT_SECRET: SECRET });
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  const headcount = (token: string, code: string) =>
    t.http().put(`/api/conferences/${e.id}/points/${e.points[code].id}/headcount`).set(bearer(token)).send({ present: 1 });

  it('rotating a join code ends that point’s REST access and closes its /live and /media sockets', async () => {
    const old = e.operators['BDI-01'];
    await headcount(old, 'BDI-01').expect(200);
    const live = await openSocket(url, '/live', old, e.id);
    const media = await openSocket(url, '/media', old, e.id);
    const other = await openSocket(url, '/live', e.operators['BDI-02'], e.id);

    const rotated = await t.http().post(`/api/conferences/${e.id}/points/${e.points['BDI-01'].id}/join-code`).set(bearer(e.organizer)).expect(200);
    expect((await headcount(old, 'BDI-01').expect(401)).body.code).toBe('JOIN_CODE_ROTATED');
    expect((await live.closed())?.code).toBe('JOIN_CODE_ROTATED');
    expect((await media.closed())?.code).toBe('JOIN_CODE_ROTATED');
    // Other points are not touched; the old code no longer opens a session, the new one does.
    expect(other.closedByServer).toBe(false);
    await t.http().post('/api/point-sessions').send({ joinCode: e.points['BDI-01'].joinCode }).expect(401);
    const fresh = await t.http().post('/api/point-sessions').send({ joinCode: rotated.body.joinCode }).expect(201);
    await headcount(fresh.body.accessToken, 'BDI-01').expect(200);
    e.operators['BDI-01'] = fresh.body.accessToken;
    other.close();
  });

  it('signing out ends every session of the user, REST and sockets', async () => {
    const moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
    const live = await openSocket(url, '/live', moderator, e.id);
    await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(moderator)).expect(200);
    await t.http().post('/api/auth/logout').set(bearer(moderator)).expect(204);
    expect((await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(moderator)).expect(401)).body.code).toBe('SESSION_ENDED');
    expect((await live.closed())?.code).toBe('SESSION_ENDED');
  });

  it('a role change or disabling ends the sessions at once; a disabled user cannot sign in', async () => {
    const organizer = await t.userToken('organizer');
    await t.addStaff(e.id, organizer);
    const live = await openSocket(url, '/live', organizer, e.id);
    const id = userId(organizer);
    const demoted = await t.http().patch(`/api/users/${id}`).set(bearer(t.adminToken)).send({ role: 'presenter' }).expect(200);
    expect(demoted.body.role).toBe('presenter');
    expect((await t.http().get(`/api/conferences/${e.id}/points`).set(bearer(organizer)).expect(401)).body.code).toBe('SESSION_ENDED');
    expect((await live.closed())?.code).toBe('SESSION_ENDED');

    const again = await t.http().post('/api/auth/login').send({ username: demoted.body.username, password: USER_PASSWORD }).expect(200);
    // The new token speaks with the role read from the database.
    await t.http().get(`/api/conferences/${e.id}/points`).set(bearer(again.body.accessToken)).expect(403);
    await t.http().patch(`/api/users/${id}`).set(bearer(t.adminToken)).send({ disabled: true }).expect(200);
    expect((await t.http().get(`/api/conferences/${e.id}`).set(bearer(again.body.accessToken)).expect(401)).body.code).toBe('SESSION_ENDED');
    const refused = await t.http().post('/api/auth/login').send({ username: demoted.body.username, password: USER_PASSWORD }).expect(403);
    expect(refused.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('reads roles from the database and refuses tokens without expiry', async () => {
    const organizer = await t.userToken('organizer');
    const claims = jwt.decode(organizer) as { sub: string; ver: number };
    // A signed token claiming admin is still an organizer: the role is not taken from the token.
    const claimsAdmin = jwt.sign({ typ: 'user', sub: claims.sub, ver: claims.ver, role: 'admin', name: 'admin' }, SECRET, { expiresIn: 600 });
    await t.http().get('/api/users').set(bearer(claimsAdmin)).expect(403);
    const forever = jwt.sign({ typ: 'user', sub: claims.sub, ver: claims.ver }, SECRET);
    expect((await t.http().get('/api/auth/me').set(bearer(forever)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.http().get('/api/auth/me').set(bearer(organizer)).expect(200);
  });

  it('closes a socket when its token expires', async () => {
    const admin = jwt.decode(t.adminToken) as { sub: string; ver: number };
    const shortLived = jwt.sign({ typ: 'user', sub: admin.sub, ver: admin.ver }, SECRET, { expiresIn: 2 });
    const live = await openSocket(url, '/live', shortLived, e.id);
    const started = Date.now();
    const refusal = await live.closed(10_000);
    expect(refusal?.code).toBe('UNAUTHENTICATED');
    expect(Date.now() - started).toBeGreaterThan(1000);
  }, 20_000);
});

describe(`passwords (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses short and common passwords with PASSWORD_TOO_WEAK and a reason', async () => {
    for (const password of ['12345678', 'bridgepoint', 'Bridgepoint2026!', 'password1234', 'aaaaaaaaaaaaaaaa', 'kieu-anh-kieu-anh-x']) {
      const res = await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'kieu-anh', displayName: 'Kiều Anh', role: 'moderator', password });
      expect([password, res.status, res.body.code]).toEqual([password, 400, 'PASSWORD_TOO_WEAK']);
      expect(res.body.message).toMatch(/Choose a stronger password/);
    }
    await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username: 'kieu-anh', displayName: 'Kiều Anh', role: 'moderator', password: 'ba con mèo trên mái nhà' }).expect(201);
  });

  it('lets a user change their own password: other sessions end, this one continues with a fresh token', async () => {
    const token = await t.userToken('moderator');
    const other = (await t.http().post('/api/auth/login').send({ username: (await t.http().get('/api/auth/me').set(bearer(token))).body.username, password: USER_PASSWORD })).body.accessToken;
    await t.http().post('/api/auth/password').set(bearer(token)).send({ currentPassword: 'wrong', newPassword: 'a new long passphrase' }).expect(400);
    const changed = await t.http().post('/api/auth/password').set(bearer(token)).send({ currentPassword: USER_PASSWORD, newPassword: 'a new long passphrase' }).expect(200);
    await t.http().get('/api/auth/me').set(bearer(other)).expect(401);
    await t.http().get('/api/auth/me').set(bearer(changed.body.accessToken)).expect(200);
  });

  it('keeps the bootstrap admin an enabled admin', async () => {
    const users = (await t.http().get('/api/users').set(bearer(t.adminToken)).expect(200)).body as { id: string; username: string; bootstrap: boolean }[];
    const admin = users.find((u) => u.username === ADMIN.username)!;
    expect(admin.bootstrap).toBe(true);
    for (const change of [{ disabled: true }, { role: 'organizer' }]) {
      const res = await t.http().patch(`/api/users/${admin.id}`).set(bearer(t.adminToken)).send(change).expect(409);
      expect(res.body.code).toBe('ACCOUNT_MANAGED_BY_CONFIG');
    }
  });
});

describe(`conference lifecycle (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  beforeAll(async () => {
    t = await startTestApp();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('an ended conference opens no operator session and takes no question or request to speak', async () => {
    const op = e.operators['BDI-01'];
    for (const status of ['scheduled', 'live', 'ended']) {
      await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ status }).expect(200);
    }
    const join = await t.http().post('/api/point-sessions').send({ joinCode: e.points['BDI-01'].joinCode }).expect(409);
    expect(join.body.code).toBe('CONFERENCE_ENDED');
    const q = await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(op)).send({ text: 'Câu hỏi muộn' }).expect(409);
    expect(q.body.code).toBe('CONFERENCE_ENDED');
    const s = await t.http().post(`/api/conferences/${e.id}/speak-requests`).set(bearer(op)).send({}).expect(409);
    expect(s.body.code).toBe('CONFERENCE_ENDED');
    // The operator can still read the conference and its own state.
    await t.http().get(`/api/conferences/${e.id}`).set(bearer(op)).expect(200);
  });
});
