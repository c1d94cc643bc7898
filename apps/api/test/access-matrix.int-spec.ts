import { randomUUID } from 'node:crypto';
import Ajv, { ValidateFunction } from 'ajv';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApi } from '../src/openapi/document';
import { Event, manyPoints, seedEvent } from './fixtures';
import { startTestApp, TestApp, waitForJob } from './harness';

/**
 * The authorization matrix: every route the router serves, asked by every kind of principal, must be
 * allowed or refused exactly as the policy below says. A route missing from the policy fails the test,
 * so a new endpoint cannot ship without deciding who may call it. Every answer is also checked against
 * the OpenAPI document: its status is documented, its body has the documented shape, and the document
 * names who may call each route as this policy does.
 */

type Who =
  | 'anonymous'
  | 'admin'
  | 'organizer'
  | 'outsider'
  | 'moderator'
  | 'presenter'
  | 'operator'
  | 'otherOperator'
  | 'foreignOperator'
  | 'delegate';
const EVERYONE: Who[] = ['anonymous', 'admin', 'organizer', 'outsider', 'moderator', 'presenter', 'operator', 'otherOperator', 'foreignOperator', 'delegate'];
const USERS: Who[] = ['admin', 'organizer', 'outsider', 'moderator', 'presenter'];
const ORGANIZERS: Who[] = ['admin', 'organizer', 'outsider'];
const ADMIN: Who[] = ['admin'];
/** Staff of the conference, by role. */
const ORG: Who[] = ['admin', 'organizer'];
const MOD: Who[] = [...ORG, 'moderator'];
const STAFF: Who[] = [...MOD, 'presenter'];
const OPERATORS: Who[] = ['operator', 'otherOperator'];

interface Target {
  allowed: Who[];
  /** Path parameters to fill in, e.g. `:id` → conference A. */
  body?: () => unknown;
  multipart?: Record<string, string>;
}

/** Refusals by access control, as opposed to answers about the request itself. */
const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_CONFERENCE_STAFF', 'SESSION_ENDED']);

const POLICY: Record<string, Target> = {
  'GET /api/health': { allowed: EVERYONE },
  'GET /api/health/live': { allowed: EVERYONE },
  'GET /api/health/ready': { allowed: EVERYONE },
  // Open without METRICS_TOKEN (as here); with it, only for that bearer token (observability.int-spec.ts).
  'GET /metrics': { allowed: EVERYONE },
  'GET /api/about': { allowed: EVERYONE },
  'POST /api/auth/login': { allowed: EVERYONE, body: () => ({ username: 'nobody', password: 'wrong' }) },
  'GET /api/auth/me': { allowed: USERS },
  'POST /api/auth/password': { allowed: USERS, body: () => ({ currentPassword: 'not-it', newPassword: 'another long phrase' }) },
  'POST /api/auth/logout': { allowed: USERS },
  'GET /api/users': { allowed: ADMIN },
  'POST /api/users': { allowed: ADMIN, body: () => ({}) },
  'PATCH /api/users/:userId': { allowed: ADMIN, body: () => ({}) },
  'POST /api/users/:userId/password': { allowed: ADMIN, body: () => ({ password: 'short' }) },
  'GET /api/audit': { allowed: ADMIN },
  'GET /api/audit/export': { allowed: ADMIN },
  'GET /api/conferences': { allowed: USERS },
  'POST /api/conferences': { allowed: ORGANIZERS, body: () => ({}) },
  'GET /api/conferences/:id': { allowed: [...STAFF, ...OPERATORS] },
  'PATCH /api/conferences/:id': { allowed: ORG, body: () => ({}) },
  'PUT /api/conferences/:id/agenda': { allowed: ORG, body: () => ({}) },
  'PUT /api/conferences/:id/agenda/current': { allowed: MOD, body: () => ({ agendaItemId: null }) },
  'GET /api/conferences/:id/points': { allowed: ORG },
  'POST /api/conferences/:id/points': { allowed: ORG, body: () => ({ codes: ['NO-SUCH-POINT'] }) },
  'DELETE /api/conferences/:id/points/:pointId': { allowed: ORG },
  'POST /api/conferences/:id/points/:pointId/join-code': { allowed: ORG },
  'GET /api/conferences/:id/staff': { allowed: ORG },
  'POST /api/conferences/:id/staff': { allowed: ORG, body: () => ({ username: 'no-such-user' }) },
  'DELETE /api/conferences/:id/staff/:userId': { allowed: ORG },
  'GET /api/conferences/:id/audit': { allowed: ORG },
  'GET /api/conferences/:id/audit/export': { allowed: ORG },
  'POST /api/point-sessions': { allowed: EVERYONE, body: () => ({ joinCode: '0000000000000' }) },
  'GET /api/conferences/:id/attendance/summary': { allowed: MOD },
  'GET /api/conferences/:id/presence': { allowed: MOD },
  'GET /api/conferences/:id/points/:ownPointId/attendance': { allowed: [...ORG, 'operator'] },
  'POST /api/conferences/:id/points/:ownPointId/check-in': { allowed: [...ORG, 'operator'] },
  'POST /api/conferences/:id/points/:ownPointId/check-out': { allowed: [...ORG, 'operator'] },
  'PUT /api/conferences/:id/points/:ownPointId/headcount': { allowed: [...ORG, 'operator'], body: () => ({ present: 1 }) },
  'GET /api/conferences/:id/points/:ownPointId/headcount': { allowed: [...ORG, 'operator'] },
  'PUT /api/conferences/:id/points/:ownPointId/rehearsal': { allowed: [...ORG, 'operator'], body: () => ({ received: true }) },
  'GET /api/conferences/:id/points/:ownPointId/delegates': { allowed: [...ORG, 'operator'] },
  'GET /api/conferences/:id/points/:ownPointId/readiness': { allowed: [...MOD, 'operator'] },
  'PUT /api/conferences/:id/points/:ownPointId/readiness': {
    allowed: ['operator'],
    body: () => ({ result: 'ready', measurements: { sendKbps: 250, receiveKbps: 240, lossPercent: 0, rttMs: 20 } }),
  },
  'POST /api/conferences/:id/attendance': { allowed: [...ORG, ...OPERATORS], body: () => ({}) },
  'DELETE /api/conferences/:id/attendance/:delegateCode': { allowed: [...ORG, ...OPERATORS], body: () => ({ reason: 'Đánh dấu nhầm' }) },
  'POST /api/conferences/:id/corrections': { allowed: ORG, body: () => ({}) },
  'GET /api/conferences/:id/corrections': { allowed: ORG },
  'GET /api/conferences/:id/record': { allowed: MOD },
  'GET /api/conferences/:id/record/reconciliation': { allowed: MOD },
  // Locks conference A's record for the routes that follow (their changes answer 409 RECORD_LOCKED, not a refusal); unlocked next.
  'POST /api/conferences/:id/record/lock': { allowed: ORG },
  'POST /api/conferences/:id/record/unlock': { allowed: ADMIN },
  'POST /api/conferences/:id/questions': { allowed: [...OPERATORS, 'delegate'], body: () => ({ text: 'Xin hỏi về chương trình' }) },
  'GET /api/conferences/:id/questions': { allowed: [...STAFF, ...OPERATORS] },
  'PUT /api/conferences/:id/questions/order': { allowed: MOD, body: () => ({}) },
  'GET /api/conferences/:id/questions/current': { allowed: STAFF },
  'PUT /api/conferences/:id/questions/current': { allowed: MOD, body: () => ({ questionId: null }) },
  'PATCH /api/conferences/:id/questions/:qid': { allowed: MOD, body: () => ({}) },
  'POST /api/conferences/:id/questions/:qid/withdraw': { allowed: ['operator'] },
  'GET /api/conferences/:id/questions/:qid/history': { allowed: MOD },
  'POST /api/conferences/:id/speak-requests': { allowed: OPERATORS, body: () => ({}) },
  'GET /api/conferences/:id/speak-requests': { allowed: [...STAFF, ...OPERATORS] },
  'POST /api/conferences/:id/speak-requests/:rid/withdraw': { allowed: ['operator'] },
  'POST /api/conferences/:id/speak-requests/:rid/grant': { allowed: MOD },
  'POST /api/conferences/:id/speak-requests/:rid/skip': { allowed: MOD },
  'POST /api/conferences/:id/speak-requests/:rid/remove': { allowed: MOD },
  'GET /api/conferences/:id/floor': { allowed: [...STAFF, ...OPERATORS] },
  'POST /api/conferences/:id/floor': { allowed: MOD, body: () => ({}) },
  'POST /api/conferences/:id/floor/release': { allowed: MOD },
  'POST /api/conferences/:id/exports': { allowed: ORG, body: () => ({}) },
  'GET /api/exports/:exportId': { allowed: ORG },
  'GET /api/jobs/:jobId': { allowed: ORG },
  'POST /api/bridge-points/import': { allowed: ORG, multipart: { conferenceId: ':id' } },
  'POST /api/delegates/import': { allowed: ORG, multipart: { conferenceId: ':id' } },
  'POST /api/imports/:uploadId/commit': { allowed: ORG },
  'GET /api/conferences/:id/points/:ownPointId/room-code': { allowed: [...ORG, 'operator'] },
  'DELETE /api/conferences/:id/points/:pointId/delegate-sessions/:delegateCode': { allowed: ORG },
  'GET /api/rooms/:roomCode': { allowed: EVERYONE },
  'GET /api/rooms/:roomCode/roster': { allowed: EVERYONE },
  'POST /api/delegate-sessions': { allowed: EVERYONE, body: () => ({ roomCode: 'not-a-room', delegateCode: 'DB-1' }) },
  'GET /api/delegate-sessions/me': { allowed: ['delegate'] },
  'POST /api/conferences/:id/attendance/self': { allowed: ['delegate'] },
  'GET /api/units': { allowed: USERS },
  'GET /api/bridge-points': { allowed: ORGANIZERS },
  'GET /api/delegates': { allowed: ORGANIZERS },
  'GET /api/media/stats': { allowed: ORGANIZERS },
  'GET /api/conferences/:id/media/links': { allowed: MOD },
  'GET /api/conferences/:id/media/audience': { allowed: STAFF },
  'GET /api/conferences/:id/links': { allowed: ORG },
  'GET /api/conferences/:id/links/export': { allowed: ORG },
  'GET /api/conferences/:id/recordings': { allowed: ORG },
  // No recording is made here (no media): organizers get 404 RECORDING_NOT_FOUND.
  'GET /api/conferences/:id/recordings/:recordingId/file': { allowed: ORG },
  'POST /api/conferences/:id/links/send': { allowed: ORG, body: () => ({}) },
  'POST /api/conferences/:id/announcements': { allowed: ORG, body: () => ({}) },
  'GET /api/conferences/:id/announcements': { allowed: [...MOD, ...OPERATORS] },
  // A notice to every point of conference A: both its operators may acknowledge it.
  'POST /api/conferences/:id/announcements/:aid/ack': { allowed: OPERATORS },
  'GET /api/conferences/:id/threads': { allowed: MOD },
  // `:pointId` is conference B's point: staff of A are answered 404, operators of A are refused (own point only).
  'GET /api/conferences/:id/points/:pointId/messages': { allowed: MOD },
  'POST /api/conferences/:id/points/:pointId/messages': { allowed: MOD, body: () => ({ text: 'Xin chào' }) },
  'POST /api/conferences/:id/points/:pointId/messages/read': { allowed: MOD },
};

/** Routes left out of the OpenAPI document on purpose. */
const UNDOCUMENTED = new Set(['GET /metrics']);

/** Routes of the Express app that are not Nest handlers (documents served by Swagger). */
const DOCUMENTS = /^\/api\/docs/;

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('authorization matrix', () => {
  let t: TestApp;
  let a: Event;
  let b: Event;
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
  const params: Record<string, string> = {};
  let doc: OpenAPIObject;
  /** Answers that the document does not describe: `route as who: what differs`. */
  const undocumented: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(undefined, { QUESTIONS_PER_MINUTE: '100000', SPEAK_REQUESTS_PER_MINUTE: '100000' });
    doc = buildOpenApi(t.app);
    a = await seedEvent(t);
    // Conference B has points of its own (the registry is shared: A's points could take part in B too).
    b = await seedEvent(t, manyPoints(2));
    const [moderator, presenter, scratch] = [await t.userToken('moderator'), await t.userToken('presenter'), await t.userToken('moderator')];
    await t.addStaff(a.id, moderator, presenter);
    Object.assign(tokens, {
      admin: t.adminToken,
      organizer: a.organizer,
      outsider: b.organizer,
      moderator,
      presenter,
      operator: a.operators['BDI-01'],
      otherOperator: a.operators['BDI-02'],
      foreignOperator: b.operators['P-001'],
    });
    const bearer = { Authorization: `Bearer ${a.organizer}` };
    const question = await t.http().post(`/api/conferences/${a.id}/questions`).set({ Authorization: `Bearer ${tokens.operator}` }).send({ text: 'Câu hỏi' }).expect(201);
    const speak = await t.http().post(`/api/conferences/${a.id}/speak-requests`).set({ Authorization: `Bearer ${tokens.operator}` }).send({}).expect(201);
    const exportJob = await t.http().post(`/api/conferences/${a.id}/exports`).set(bearer).send({ kind: 'points', format: 'csv' }).expect(202);
    const done = await waitForJob(t, a.organizer, exportJob.body.jobId);
    const me = await t.http().get('/api/auth/me').set({ Authorization: `Bearer ${scratch}` }).expect(200);
    const room = await t.http().get(`/api/conferences/${a.id}/points/${a.points['BDI-01'].id}/room-code`).set(bearer).expect(200);
    // A previewed upload into conference A: committing it is for A's staff.
    const preview = await t
      .http()
      .post('/api/bridge-points/import?dryRun=true')
      .set(bearer)
      .attach('file', Buffer.from('Mã điểm cầu,Tên điểm cầu\nMX-1,Điểm cầu thử'), 'f.csv')
      .field('conferenceId', a.id)
      .expect(202);
    const notice = await t.http().post(`/api/conferences/${a.id}/announcements`).set(bearer).send({ text: 'Thông báo chung' }).expect(201);
    const delegate = await t.http().post('/api/delegate-sessions').send({ roomCode: room.body.roomCode, delegateCode: 'DB-1', deviceId: 'matrix-phone' }).expect(201);
    tokens.delegate = delegate.body.accessToken;
    Object.assign(params, {
      id: a.id,
      // A point of the other conference: organizers get a 404 here, nothing is removed or rotated.
      pointId: b.points['P-001'].id,
      ownPointId: a.points['BDI-01'].id,
      qid: question.body.id,
      aid: notice.body.id,
      rid: speak.body.id,
      exportId: done.result.exportId,
      jobId: exportJob.body.jobId,
      userId: me.body.id,
      roomCode: room.body.roomCode,
      uploadId: preview.body.uploadId,
      delegateCode: 'NO-SUCH-DELEGATE',
      recordingId: randomUUID(),
    });
  }, 120_000);
  afterAll(() => t?.close());

  it('lists every route in the policy', () => {
    const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } }).router.stack;
    // A route for every method is Nest's "no such endpoint" for a path kept out of the /api prefix
    // (/metrics): its real handlers are listed by their own layers.
    const catchAll = (l: RouteLayer) => Object.keys(l.route!.methods).length > 20;
    const served = stack
      .filter((l) => l.route && !DOCUMENTS.test(l.route.path) && !catchAll(l))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    const normalized = new Set(served.map((r) => normalize(r)));
    const unknown = [...normalized].filter((r) => !POLICY[r]);
    const stale = Object.keys(POLICY).filter((r) => !normalized.has(r));
    expect({ unknown, stale }).toEqual({ unknown: [], stale: [] });
  });

  it('allows and refuses each route exactly as the policy says', async () => {
    const wrong: string[] = [];
    // Signing out ends the caller's sessions: it goes last, after everything else was asked.
    const routes = Object.entries(POLICY).sort(([x], [y]) => Number(x.endsWith('/logout')) - Number(y.endsWith('/logout')));
    for (const [route, target] of routes) {
      for (const who of EVERYONE) {
        const { status, code } = await ask(route, target, who);
        const refused = (status === 401 || status === 403) && ACCESS_CODES.has(code);
        const expected = target.allowed.includes(who);
        if (refused === expected || status >= 500) wrong.push(`${route} as ${who}: ${status} ${code} (expected ${expected ? 'allowed' : 'refused'})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it('answers only as its OpenAPI document says, in the documented shapes', () => {
    expect(undocumented).toEqual([]);
  });

  it('documents every route: who may call it as the policy says, its success body, uuid path parameters', () => {
    const wrong: string[] = [];
    for (const [route, target] of Object.entries(POLICY)) {
      // Prometheus' scrape address is not part of the API document.
      if (UNDOCUMENTED.has(route)) continue;
      const op = operationOf(route);
      if (!op) {
        wrong.push(`${route}: not in the document`);
        continue;
      }
      const allowed = (op['x-allowed'] ?? []) as string[];
      const says = {
        anonymous: allowed.some((a) => a.startsWith('anyone')),
        operator: allowed.some((a) => a.startsWith('point operator')),
        delegate: allowed.some((a) => a.startsWith('delegate')),
        moderator: allowed.some((a) => a.startsWith('moderator')),
        presenter: allowed.some((a) => a.startsWith('presenter')),
        organizer: allowed.some((a) => a.startsWith('organizer')),
      };
      const everyone = says.anonymous;
      const policy = {
        anonymous: target.allowed.includes('anonymous'),
        // `:pointId` is another conference's point in this matrix: no operator may act on it, yet own points' operators may.
        operator: (target.allowed.includes('operator') || target.allowed.includes('otherOperator')) || (says.operator && route.includes(':pointId')),
        delegate: target.allowed.includes('delegate'),
        moderator: target.allowed.includes('moderator'),
        presenter: target.allowed.includes('presenter'),
        organizer: target.allowed.includes('organizer') || target.allowed.includes('outsider'),
      };
      if (everyone) Object.assign(says, { operator: true, delegate: true, moderator: true, presenter: true, organizer: true });
      if (JSON.stringify(says) !== JSON.stringify(policy)) wrong.push(`${route}: documented ${JSON.stringify(says)}, policy ${JSON.stringify(policy)}`);
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      if (!success) wrong.push(`${route}: no success response`);
      for (const p of (op.parameters ?? []) as Array<{ name: string; in: string; schema?: { format?: string } }>) {
        const isUuid = /^(id|pointId|userId|qid|rid|aid|exportId|uploadId|recordingId)$/.test(p.name);
        if (p.in === 'path' && isUuid && p.schema?.format !== 'uuid') wrong.push(`${route}: path parameter ${p.name} is not documented as a uuid`);
      }
    }
    expect(wrong).toEqual([]);
  });

  const validators = new Map<string, ValidateFunction>();
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', { validate: (v: string) => /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)) });

  function operationOf(route: string) {
    const [method, pattern] = route.split(' ');
    const path = pattern.replace(':ownPointId', ':pointId').replace(/:(\w+)/g, '{$1}');
    return doc.paths[path]?.[method.toLowerCase() as 'get'] as
      | { responses: Record<string, { content?: Record<string, { schema: object }> }>; parameters?: unknown[]; [k: string]: unknown }
      | undefined;
  }

  /** What is wrong with an answer, by the document; null when it is as documented. */
  function checkAgainstDocument(route: string, status: number, type: string, body: unknown): string | null {
    if (UNDOCUMENTED.has(route)) return null;
    const op = operationOf(route);
    if (!op) return 'the route is not in the document';
    const response = op.responses[String(status)];
    if (!response) return `status ${status} is not documented (${JSON.stringify(body).slice(0, 120)})`;
    if (!type.startsWith('application/json')) return null;
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return `status ${status} answered JSON where the document says no body`;
    const key = `${route} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile({ ...schema, components: doc.components });
      validators.set(key, validate);
    }
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
    return `${status} body differs from the document: ${errors.join('; ')}`;
  }

  /** The policy names parameters after what they stand for; the router's names differ per controller. */
  function normalize(route: string): string {
    if (POLICY[route]) return route;
    const own = route.replace(/\/points\/:pointId\/(attendance|check-in|check-out|headcount|delegates|room-code|rehearsal|readiness)$/, '/points/:ownPointId/$1');
    return own;
  }

  async function ask(route: string, target: Target, who: Who): Promise<{ status: number; code: string }> {
    const [method, pattern] = route.split(' ');
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `missing-${name}`);
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    if (who !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[who]}`);
    if (target.multipart) {
      for (const [k, v] of Object.entries(target.multipart)) req = req.field(k, v.replace(/^:(\w+)$/, (_, n: string) => params[n]));
    } else if (target.body) {
      req = req.send(target.body() as object);
    }
    const res = await req;
    const problem = checkAgainstDocument(route, res.status, res.headers['content-type'] ?? '', res.body);
    if (problem) undocumented.push(`${route} as ${who}: ${problem}`);
    return { status: res.status, code: (res.body as { code?: string })?.code ?? '' };
  }
});
