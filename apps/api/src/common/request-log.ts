import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../metrics/metrics.service';
import { principalFields } from './json-logger';
import { requestContext } from './request-context';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Probes and scrapes come every few seconds: counted in the metrics, logged only at debug. */
const QUIET = /^\/api\/health(\/|$)|^\/metrics$/;

export interface RequestLine {
  reqId: string;
  principal?: Record<string, string>;
  method: string;
  /** The route pattern (`/api/rooms/:roomCode/roster`), never the address: codes and tokens stay out of logs. */
  route: string;
  status: number;
  ms: number;
  ip: string | null;
  /** The client went away before the answer was sent. */
  aborted?: true;
}

/** The route a request matched, as declared; a fixed label for anything else (so metrics stay bounded). */
export function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  if (req.path.startsWith('/api/') || req.path === '/metrics') return '(unmatched)';
  if (req.path.startsWith('/socket.io')) return '/socket.io';
  return '(web)';
}

/**
 * Gives every request an id (a trusted proxy's `X-Request-Id`, or a new one; sent back in the answer),
 * makes it and the principal part of every log line the request causes, and on completion observes
 * its latency per route and writes one line about it.
 */
export function requestLogging(metrics: Metrics, write: (line: RequestLine, quiet: boolean) => void, trustIncomingId: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const reqId = trustIncomingId && typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    const ctx = requestContext.getStore();
    if (ctx) ctx.requestId = reqId;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      write(
        {
          reqId,
          principal: principalFields(ctx?.principal),
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          ip: req.ip ?? null,
          ...(res.writableFinished ? {} : { aborted: true as const }),
        },
        QUIET.test(req.path),
      );
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
