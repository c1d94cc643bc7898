import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { openSocket, until } from './sockets';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A built web client stand-in: an index page and a source map. */
function webDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bridgepoint</title><div id="root"></div>');
  writeFileSync(join(dir, 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
  return dir;
}

describe(`HTTP headers and documents (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = webDist();
    t = await startTestApp(undefined, { WEB_DIST: dist, TRUST_PROXY: 'loopback', PUBLIC_URL: 'https://hop.example.vn' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends a CSP that forbids framing, nosniff and no referrer; never says X-Powered-By; API answers are not cached', async () => {
    for (const path of ['/api/health', '/conferences', '/point/ABC']) {
      const res = await t.http().get(path);
      const csp = res.headers['content-security-policy'];
      expect([path, csp]).toEqual([path, expect.stringContaining("frame-ancestors 'none'")]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain('wss://hop.example.vn');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    expect((await t.http().get('/api/health')).headers['cache-control']).toBe('no-store');
    expect((await t.http().get('/api/auth/me')).headers['cache-control']).toBe('no-store');
    // Check-ins are answered before Express routes anything: they carry the same headers.
    for (const path of ['/api/conferences/7d7c7c1e-3b5e-4a8e-9a55-0d5c3b9b5a11/attendance', '/api/conferences/x/attendance/self']) {
      const res = await t.http().post(path).send({ delegateCode: 'DB-1' });
      expect([path, res.status, res.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-powered-by']).toBeUndefined();
      const https = await t.http().post(path).set('X-Forwarded-Proto', 'https').send({});
      expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });

  it('sends HSTS only over HTTPS (as the trusted proxy reports it)', async () => {
    expect((await t.http().get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    const https = await t.http().get('/api/health').set('X-Forwarded-Proto', 'https');
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('serves the API documents outside production', async () => {
    await t.http().get('/api/docs.json').expect(200);
    await t.http().get('/app.js.map').expect(200);
  });
});

describe(`production (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = webDist();
    t = await startTestApp(undefined, {
      NODE_ENV: 'production',
      WEB_DIST: dist,
      JWT_SECRET: 'production-test-signing-key-0123456789abcdef',
      PASSWORD_HASH_COST: '17',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('hides the API documents and the source maps unless asked', async () => {
    await t.http().get('/api/docs.json').expect(404);
    await t.http().get('/api/docs').expect(404);
    await t.http().get('/app.js.map').expect(404);
    const page = await t.http().get('/conferences').expect(200);
    expect(page.text).toContain('<div id="root">');
  });
});

describe(`hostile input (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp(undefined, { PUBLIC_URL: 'https://hop.example.vn' });
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses NUL characters in any text with INVALID_TEXT, and other control characters, never a 500', async () => {
    const question = await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['BDI-01'])).send({ text: 'Xin hỏi\u0000 về' });
    expect([question.status, question.body.code]).toEqual([400, 'INVALID_TEXT']);
    const title = await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ title: 'Hội nghị\u0000' });
    expect([title.status, title.body.code]).toEqual([400, 'INVALID_TEXT']);
    const key = await t.http().post('/api/auth/login').send({ 'user\u0000name': 'a', password: 'b' });
    expect([key.status, key.body.code]).toEqual([400, 'INVALID_TEXT']);
    const bell = await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ title: 'Hội nghị\u0007' });
    expect([bell.status, bell.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // Tabs and line breaks are ordinary text.
    await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['BDI-01'])).send({ text: 'Dòng một\nDòng\thai' }).expect(201);
  });

  it('refuses 5,000-deep JSON on the unauthenticated sign-in with JSON_TOO_DEEP', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(deep);
    expect([res.status, res.body.code]).toEqual([400, 'JSON_TOO_DEEP']);
    const arrays = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect([arrays.status, arrays.body.code]).toEqual([400, 'JSON_TOO_DEEP']);
    await t.http().get('/api/health').expect(200);
  });

  it('refuses the default socket.io namespace and pages of other origins', async () => {
    const anonymous = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const refused = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    expect(refused.message).toMatch(/live or \/media/);
    anonymous.close();

    const foreign = io(`${url}/live`, {
      auth: { token: e.organizer, conferenceId: e.id },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { Origin: 'https://evil.example' },
    });
    const error = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(error.message).toMatch(/ORIGIN_NOT_ALLOWED|websocket error/);
    foreign.close();
    const own = await openSocket(url, '/live', e.organizer, e.id, { extraHeaders: { Origin: 'https://hop.example.vn' } });
    expect(own.socket.connected).toBe(true);
    own.close();
  });

  it('keeps at most 3 media and 4 live connections per point: a newer one replaces the oldest', async () => {
    const op = e.operators['HKI-01'];
    const media: Awaited<ReturnType<typeof openSocket>>[] = [];
    for (let i = 0; i < 5; i++) media.push(await openSocket(url, '/media', op, e.id));
    await until(() => media.filter((s) => s.closedByServer).length === 2, 5000, 'two media sockets replaced');
    expect(media.slice(0, 2).map((s) => s.errors.at(-1)?.code)).toEqual(['CONNECTION_REPLACED', 'CONNECTION_REPLACED']);
    expect(media.slice(2).every((s) => s.socket.connected)).toBe(true);
    const live: Awaited<ReturnType<typeof openSocket>>[] = [];
    for (let i = 0; i < 6; i++) live.push(await openSocket(url, '/live', op, e.id));
    await until(() => live.filter((s) => s.closedByServer).length === 2, 5000, 'two live sockets replaced');
    expect(live.slice(4).every((s) => s.socket.connected)).toBe(true);
    for (const s of [...media, ...live]) s.close();
  });
});
