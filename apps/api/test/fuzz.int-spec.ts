import { MEDIA_CLIENT_EVENTS } from '@bridgepoint/contracts';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { openSocket } from './sockets';

/**
 * Hostile input on every operation the API documents and every `/media` event: wrong types, NUL
 * characters, huge strings, deep nesting, junk parameters. Whatever comes in, the answer is a 4xx (or a
 * success for harmless input), never a 500, and the server keeps serving.
 */

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: { type?: string } }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const HUGE = 'x'.repeat(100_000);
const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });

/** Values of the wrong kind for a property of this type, and poison of every kind. */
function wrongValues(type: string | undefined): unknown[] {
  const poison = [null, 'a\u0000b', HUGE, deep(40), [[[[[[[[]]]]]]]], { $gt: '' }, '__proto__'];
  switch (type) {
    case 'string':
      return [12345, true, ['x'], { x: 1 }, ...poison];
    case 'number':
    case 'integer':
      return ['12', -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, 1.5, 'NaN', ...poison];
    case 'boolean':
      return ['true', 1, ...poison];
    case 'array':
      return ['x', { 0: 'x' }, Array.from({ length: 10_000 }, () => 'x'), ...poison];
    default:
      return [12345, 'x', ...poison];
  }
}

describe('fuzzing the API', () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let doc: Doc;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(undefined, { QUESTIONS_PER_MINUTE: '1000000', SPEAK_REQUESTS_PER_MINUTE: '1000000', MEDIA_ENGINE: 'werift' });
    url = await t.listen();
    e = await seedEvent(t);
    doc = (await t.http().get('/api/docs.json').expect(200)).body as Doc;
    ids.id = e.id;
    ids.pointId = e.points['BDI-01'].id;
  }, 60_000);
  afterAll(() => t?.close());

  /** Admins pass every role check; operator-only routes get the operator's token. */
  const tokenFor = (path: string, method: string) =>
    /\/(questions|speak-requests)$|\/withdraw$/.test(path) && method === 'post' ? e.operators['BDI-01'] : t.adminToken;

  function operations() {
    const out: { method: string; path: string; op: Operation }[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) out.push({ method, path, op });
    }
    return out;
  }

  function properties(op: Operation): Record<string, Schema> {
    const schema = op.requestBody?.content['application/json']?.schema;
    const resolved = schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
    return resolved?.properties ?? {};
  }

  const send = (method: string, path: string, token: string, body?: unknown, query?: Record<string, string>) => {
    let req = t.http()[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](path).set('Authorization', `Bearer ${token}`);
    if (query) req = req.query(query);
    if (body !== undefined) req = req.set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
    return req;
  };

  it('answers wrong bodies on every documented operation with a 4xx, never a 500', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const { method, path, op } of operations()) {
      if (!op.requestBody?.content['application/json']) continue;
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
      const token = tokenFor(path, method);
      // Raw JSON text: a 5,000-deep document is more than JSON.stringify may recurse here.
      const bodies: unknown[] = [[], '"text"', 42, null, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, '{"a":', { unknownField: 1 }];
      for (const [name, schema] of Object.entries(properties(op))) {
        for (const value of wrongValues(schema.type)) bodies.push({ [name]: value });
      }
      for (const body of bodies) {
        const res = await send(method, concrete, token, body);
        requests++;
        if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} ${String(JSON.stringify(body)).slice(0, 80)} → ${res.status}`);
      }
    }
    console.log(`Fuzzed request bodies: ${requests} requests, ${failures.length} server errors`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
  }, 300_000);

  it('answers junk path and query parameters with a 4xx, never a 500', async () => {
    const junk = ['x', '00000000-0000-0000-0000-000000000000', '%00', "'; DROP TABLE users; --", HUGE.slice(0, 5000), '..%2F..%2Fetc%2Fpasswd'];
    const failures: string[] = [];
    for (const { method, path, op } of operations()) {
      const token = tokenFor(path, method);
      for (const value of junk) {
        const concrete = path.replace(/\{(\w+)\}/g, () => encodeURIComponent(value));
        const query = Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, value]));
        const res = await send(method, concrete, token, method === 'get' || method === 'delete' ? undefined : {}, query);
        if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} with ${value.slice(0, 30)} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses a body over 1 MB with 413, and still serves afterwards', async () => {
    const res = await send('post', '/api/auth/login', t.adminToken, { username: 'x', password: 'y'.repeat(2_000_000) });
    expect([res.status, res.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    await t.http().get('/api/health').expect(200);
  });

  it('acknowledges junk on every /media event with an error, and keeps the socket and the server up', async () => {
    const socket = await openSocket(url, '/media', e.operators['BDI-01'], e.id);
    const payloads: unknown[] = [undefined, null, 42, 'x', [], { x: 1 }, deep(3000), { sdp: `v=0${'a'.repeat(100_000)}` }, { source: 'a\u0000b' }, { source: 'point:../../x' }, { kinds: ['x'] }, { transportId: HUGE }, { spatialLayer: -1, consumerId: 'x' }, { recvKbps: 'x' }];
    const answers: string[] = [];
    for (const event of MEDIA_CLIENT_EVENTS) {
      for (const payload of payloads) {
        const ack = await new Promise<{ ok: boolean; error?: { code: string } } | 'timeout'>((resolve) => {
          const timer = setTimeout(() => resolve('timeout'), 5000);
          socket.socket.emit(event, payload, (r: { ok: boolean }) => {
            clearTimeout(timer);
            resolve(r);
          });
        });
        if (ack === 'timeout') answers.push(`${event}: no answer`);
        else if (ack.ok && event !== 'media.join' && event !== 'media.leave' && event !== 'media.unsubscribe') answers.push(`${event} accepted ${JSON.stringify(payload)?.slice(0, 40)}`);
        else if (!ack.ok && !/^(MEDIA_|VALIDATION)/.test(ack.error?.code ?? '')) answers.push(`${event}: ${ack.error?.code}`);
      }
    }
    expect(socket.socket.connected).toBe(true);
    expect(answers).toEqual([]);
    // Events that do not exist are ignored; an oversized frame closes only that connection.
    socket.socket.emit('no.such.event', { x: 1 });
    const big = await openSocket(url, '/media', e.operators['BDI-02'], e.id);
    big.socket.emit('media.link', { x: 'y'.repeat(400_000) });
    await new Promise((r) => big.socket.once('disconnect', r));
    expect(socket.socket.connected).toBe(true);
    await t.http().get('/api/health').expect(200);
    socket.close();
  }, 120_000);
});
