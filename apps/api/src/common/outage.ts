import { Logger } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import { DomainError } from './domain-error';

/** A backing service the api cannot work without. */
export type Dependency = 'database' | 'redis';

const NAMES: Record<Dependency, string> = { database: 'PostgreSQL', redis: 'Redis' };

/** Seconds a client is asked to wait (`Retry-After`) when a dependency is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;

/** Socket-level failures: the server is not there (yet), or went away mid-conversation. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Postgres SQLSTATEs that mean "the server is unavailable", not "the request is wrong": class 08
 * (connection exception), 57P01–57P03 (shutting down, crashed, starting up), 53300 (too many connections).
 */
function pgUnavailable(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** node-postgres and TypeORM raise these without a SQLSTATE when the connection drops. */
const PG_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection is not established|terminating connection/i;
/** ioredis: commands refused or given up while the connection is down. */
const REDIS_MESSAGES = /Connection is closed|Stream isn't writeable|Reached the max retries per request limit|Command timed out/i;

/**
 * Which dependency an error says is unreachable, or null when it is anything else (a bug, a bad
 * request). Used to answer 503 SERVICE_UNAVAILABLE instead of 500 while PostgreSQL or Redis is away.
 */
export function unavailableDependency(error: unknown): Dependency | null {
  if (error instanceof RedisUnavailableError) return 'redis';
  if (error instanceof DatabaseUnavailableError) return 'database';
  if (!error || typeof error !== 'object') return null;
  const e = error as { name?: string; code?: unknown; message?: unknown; stack?: unknown; errors?: unknown; driverError?: unknown };
  if (e.name === 'MaxRetriesPerRequestError') return 'redis';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const stack = typeof e.stack === 'string' ? e.stack : '';
  if (/^[0-9A-Z]{5}$/.test(code) && pgUnavailable(code)) return 'database';
  if (REDIS_MESSAGES.test(message) && /ioredis|bullmq/.test(stack)) return 'redis';
  if (PG_MESSAGES.test(message)) return 'database';
  if (SOCKET_CODES.has(code)) {
    if (/ioredis|bullmq/.test(stack)) return 'redis';
    // A query's failure (TypeORM copies the driver error's code onto it): the database's connection broke.
    if (e.driverError) return 'database';
    // Connecting to (or resolving) a server: the database's pool. A reset while reading a request is the
    // client going away, not an outage.
    const syscall = (error as { syscall?: unknown }).syscall;
    return syscall === 'connect' || syscall === 'getaddrinfo' ? 'database' : null;
  }
  // Node reports a refused connection to a name with several addresses (localhost) as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.length > 0) return unavailableDependency(e.errors[0]);
  // A query's own failure (TypeORM wraps the driver's): a socket error there is the database's connection.
  if (e.driverError && e.driverError !== error) return unavailableDependency(e.driverError) ?? (isSocketError(e.driverError) ? 'database' : null);
  return null;
}

function isSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SOCKET_CODES.has(code);
}

/** A database call that failed because its connection broke (the socket error itself cannot say whose it was). */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The database connection broke: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** For errors of calls known to go to the database: a socket-level failure there is a database outage. */
export function asDatabaseFailure(error: unknown): unknown {
  return isSocketError(error) && unavailableDependency(error) === null ? new DatabaseUnavailableError(error) : error;
}

/** A Redis operation that did not finish within its deadline (see `withRedisDeadline`). */
export class RedisUnavailableError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer from Redis within ${ms} ms`);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * BullMQ's connections wait for Redis instead of failing (so workers survive an outage); a request
 * that enqueues or reads a job must not wait with them: past `ms` it fails, and the client gets 503.
 */
export function withRedisDeadline<T>(what: string, work: Promise<T>, ms = 3000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(what, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

interface Episode {
  since: number;
  last: number;
  count: number;
  reason: string;
  timer: NodeJS.Timeout;
}

/**
 * Logs an outage once when it starts and once when it is over, with how many requests were refused,
 * instead of one stack trace per failed request. An outage is over when no request has failed on that
 * dependency for `quietMs` (the next request that needs it is the one that would notice).
 */
export class OutageLog {
  private readonly logger = new Logger('Outage');
  private readonly episodes = new Map<Dependency, Episode>();
  private readonly listeners: ((dependency: Dependency, count: number) => void)[] = [];

  constructor(private readonly quietMs = 3000) {}

  /** Called for every request refused because `dependency` is unreachable. */
  record(dependency: Dependency, error: unknown) {
    const now = Date.now();
    for (const l of this.listeners) l(dependency, 1);
    const open = this.episodes.get(dependency);
    if (open) {
      open.count++;
      open.last = now;
      open.timer.refresh();
      return;
    }
    const reason = describe(error);
    const timer = setTimeout(() => this.close(dependency), this.quietMs).unref();
    this.episodes.set(dependency, { since: now, last: now, count: 1, reason, timer });
    this.logger.warn(`${NAMES[dependency]} is unreachable (${reason}): answering 503 SERVICE_UNAVAILABLE until it is back`);
  }

  /** Whether requests are being refused for this dependency right now. */
  isOpen(dependency: Dependency): boolean {
    return this.episodes.has(dependency);
  }

  onRefused(listener: (dependency: Dependency, count: number) => void) {
    this.listeners.push(listener);
  }

  private close(dependency: Dependency) {
    const e = this.episodes.get(dependency);
    if (!e) return;
    this.episodes.delete(dependency);
    this.logger.warn(
      `${NAMES[dependency]} outage over: ${e.count} request${e.count === 1 ? '' : 's'} answered 503 between the first and the last ` +
        `failure (${((e.last - e.since) / 1000).toFixed(2)} s; ${e.reason})`,
    );
  }
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message.split('\n')[0].slice(0, 160) : String(error).slice(0, 160);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

/** The process's one outage log: the HTTP filter and the socket gateways report to it. */
export const outages = new OutageLog();

/**
 * For socket handlers: a 503 SERVICE_UNAVAILABLE domain error when `error` says PostgreSQL or Redis is
 * unreachable (and the outage log counts it), or null for anything else.
 */
export function asUnavailable(error: unknown): DomainError | null {
  const dependency = unavailableDependency(error);
  if (!dependency) return null;
  outages.record(dependency, error);
  return new DomainError(
    ErrorCode.ServiceUnavailable,
    `The ${dependency === 'database' ? 'database' : 'coordination service'} is unreachable for a moment. Try again in a few seconds.`,
    503,
    { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS, dependency },
  );
}
