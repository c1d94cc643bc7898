import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { TLSSocket } from 'node:tls';
import { ErrorBody, ErrorCode, Principal } from '@bridgepoint/contracts';
import { ConferenceAccess, UUID } from '../auth/conference-access';
import { assertAllowed, routeAccess } from '../auth/principal';
import { TokenService } from '../auth/token.service';
import { CONTROL_CHARACTERS } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { STRICT_TRANSPORT_SECURITY } from '../common/http-security';
import { logFailure, toErrorBody } from '../common/http-exception.filter';
import { parseIdempotencyKey } from '../common/idempotency';
import { checkJsonValue } from '../common/json-guard';
import { requestContext, type RequestContext } from '../common/request-context';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

/** `POST /api/conferences/:id/attendance` and `.../attendance/self`, with or without a query string. */
const ROUTE = /^\/api\/conferences\/([^/?#]+)\/attendance(\/self)?\/?(?:\?.*)?$/;
/** ParseUUIDPipe({ version: '4' }), as the routes in AttendanceController declare. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const MAX_BODY_BYTES = 1024 * 1024;
const CODE_MAX = 64;

export interface FastPathDeps {
  tokens: TokenService;
  access: ConferenceAccess;
  attendance: AttendanceService;
  /** The security headers every API answer carries (helmet, no-store, HSTS behind TLS). */
  headers: (req: IncomingMessage, res: ServerResponse) => void;
  /** Whether `X-Forwarded-Proto: https` from a proxy may be believed (TRUST_PROXY). */
  trustProxy: boolean;
  /**
   * Express middlewares every request goes through before its route (draining on shutdown, the request id,
   * the request log line and latency metric): run here too, on the request as Express would present it.
   */
  before: Array<(req: never, res: never, next: () => void) => void>;
}

const logger = new Logger('HTTP');
const PATTERN = { self: '/api/conferences/:id/attendance/self', roster: '/api/conferences/:id/attendance' };
/** Who may call each of the two routes, read once from their decorators in AttendanceController. */
const ACCESS = {
  self: routeAccess(AttendanceController.prototype.selfCheckIn, AttendanceController),
  roster: routeAccess(AttendanceController.prototype.checkInDelegate, AttendanceController),
};

/**
 * The two check-in requests, answered before Express routes anything: at 23,041 delegates and 649 operators
 * they are most of the api's requests, and Express, Nest's pipeline, class-transformer and class-validator
 * cost several times the check-in itself. Everything else about them is the routes in AttendanceController:
 * the same token checks (revocation included), the same access rules as the guard and the handlers, the same
 * validation and error bodies (the authorization matrix and the fuzz test go through here). Those routes stay
 * registered — they document the operations and would serve them if this path were not installed.
 */
export function installCheckInFastPath(server: Server, deps: FastPathDeps): void {
  const [express, ...others] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  if (!express || others.length) throw new Error('Expected exactly one request listener (Express) on the HTTP server');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
    if (!match) return express(req, res);
    void handle(deps, req, res, match[1], match[2] === '/self');
  });
}

async function handle(deps: FastPathDeps, req: IncomingMessage, res: ServerResponse, conferenceId: string, self: boolean) {
  deps.headers(req, res);
  const secure = (req.socket as TLSSocket).encrypted === true || (deps.trustProxy && req.headers['x-forwarded-proto'] === 'https');
  if (secure) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  const ip = req.socket.remoteAddress ?? null;
  // What the shared middlewares read of an Express request: the path, the address, the route that matched.
  Object.assign(req, { path: (req.url ?? '').split('?')[0], ip, baseUrl: '', route: { path: self ? PATTERN.self : PATTERN.roster } });
  const context: RequestContext = { ip };
  await requestContext.run(context, async () => {
    for (const middleware of deps.before) middleware(req as never, res as never, () => undefined);
    try {
      const body = self ? null : await readJson(req);
      const principal = await authenticate(deps, req, conferenceId, self);
      context.principal = principal;
      // Then the order of Nest's pipes and the handlers: the path, the body, the conference, the key.
      if (!UUID_V4.test(conferenceId)) throw validation('id', 'Validation failed (uuid v 4 is expected)');
      if (self) {
        if (principal.kind !== 'delegate') throw DomainError.forbidden('Delegates check themselves in from their own phone; operators use the roster.');
        const { result, replayed } = await deps.attendance.checkInSelf(conferenceId, principal, parseIdempotencyKey(header(req, 'idempotency-key')));
        send(res, 200, { delegateCode: result.delegateCode, checkedInAt: result.checkedInAt, replayed: replayed || result.alreadyCheckedIn });
      } else {
        const delegateCode = delegateCodeOf(body);
        if (principal.kind !== 'user' && principal.conferenceId !== conferenceId) {
          throw new DomainError(ErrorCode.Forbidden, 'This join code is for another conference.', 403);
        }
        const key = parseIdempotencyKey(header(req, 'idempotency-key'));
        send(res, 200, await deps.attendance.checkInDelegate(conferenceId, delegateCode, principal, key));
      }
    } catch (error) {
      const body = toErrorBody(error);
      logFailure(logger, error, body);
      const retry = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if ((body.statusCode === 429 || body.statusCode === 503) && retry) res.setHeader('Retry-After', String(retry));
      if (!res.headersSent) send(res, body.statusCode, body);
      // A request refused before its body was read: drain it so the connection can be reused.
      if (!req.complete) req.resume();
    }
  });
}

/** The auth guard's decision for these two routes, from the routes' own decorators (see AuthGuard). */
async function authenticate(deps: FastPathDeps, req: IncomingMessage, conferenceId: string, self: boolean): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!match) throw DomainError.unauthenticated('Sign in first: this request has no access token.');
  const principal = await deps.tokens.verify(match[1]);
  assertAllowed(principal, self ? ACCESS.self : ACCESS.roster);
  // A malformed id is left to validation (400), as the guard does.
  if (UUID.test(conferenceId)) await deps.access.assert(principal, conferenceId);
  return principal;
}

/** `{ delegateCode }` as DelegateCheckInDto validates it: a trimmed, non-empty string of at most 64 characters. */
function delegateCodeOf(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validation('delegateCode', 'delegateCode must be a string', 'delegateCode should not be empty');
  }
  const unknown = Object.keys(body).filter((k) => k !== 'delegateCode');
  const problems: { field: string; problems: string[] }[] = unknown.map((k) => ({ field: k, problems: [`property ${k} should not exist`] }));
  const raw = (body as { delegateCode?: unknown }).delegateCode;
  const value = typeof raw === 'string' ? raw.normalize('NFC').trim() : raw;
  const own: string[] = [];
  if (typeof value !== 'string') own.push('delegateCode must be a string');
  if (value === '' || value === undefined || value === null) own.push('delegateCode should not be empty');
  if (typeof value === 'string' && value.length > CODE_MAX) own.push(`delegateCode must be shorter than or equal to ${CODE_MAX} characters`);
  if (typeof value === 'string' && CONTROL_CHARACTERS.test(value)) own.push('delegateCode contains a control character (such as NUL)');
  if (own.length) problems.unshift({ field: 'delegateCode', problems: own });
  if (problems.length) throw invalid(problems);
  return value as string;
}

function validation(field: string, ...problems: string[]) {
  return invalid([{ field, problems }]);
}

function invalid(details: { field: string; problems: string[] }[]) {
  const summary = details.map((d) => d.problems.join('; ')).join('; ');
  return DomainError.badRequest(ErrorCode.ValidationFailed, `Invalid request: ${summary}`, details);
}

/** The JSON body as the api's body parser and JSON guard take it: other content types read as `{}`. */
function readJson(req: IncomingMessage): Promise<unknown> {
  const type = header(req, 'content-type') ?? '';
  const declared = Number(header(req, 'content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      if (!/^application\/(.+\+)?json\b/i.test(type) || size === 0) return resolve({});
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
        checkJsonValue(value);
        resolve(value);
      } catch (e) {
        reject(e instanceof DomainError ? e : DomainError.badRequest(ErrorCode.ValidationFailed, 'The request body is not valid JSON.'));
      }
    });
  });
}

const tooLarge = () => new DomainError(ErrorCode.PayloadTooLarge, 'The request is too large.', 413);

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, status: number, body: unknown | ErrorBody) {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
