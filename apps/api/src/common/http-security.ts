import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { requestContext } from './request-context';

const HSTS_SECONDS = 180 * 24 * 3600;

/**
 * Content-Security-Policy for the single-page app: scripts and styles from this origin only (React
 * sets style attributes, hence 'unsafe-inline' for styles), sockets to this origin, media from
 * camera streams and blobs; never framed.
 */
export function contentSecurityPolicy(config: AppConfig): Record<string, string[]> {
  const origins = config.allowedOrigins ?? [];
  const sockets = origins.map((o) => o.replace(/^http/, 'ws'));
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'connect-src': ["'self'", ...origins, ...sockets],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Headers for the open internet: CSP, no framing, nosniff, no referrer (join codes live in page
 * addresses), HSTS on HTTPS, no X-Powered-By; API answers are never cached. Also the request context
 * (address, later the principal) that the audit log reads.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig) {
  app.disable('x-powered-by');
  app.use((req: Request, _res: Response, next: NextFunction) => requestContext.run({ ip: req.ip ?? null }, next));
  app.use(securityHeaders(config));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    if (req.path.startsWith('/api/')) noStore(res);
    next();
  });
}

export const STRICT_TRANSPORT_SECURITY = `max-age=${HSTS_SECONDS}; includeSubDomains`;

function securityHeaders(config: AppConfig) {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    // Cameras, microphones and screen sharing stay allowed for this origin.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    // Sent separately, only over HTTPS.
    strictTransportSecurity: false,
  });
}

function noStore(res: ServerResponse) {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

/** The headers of an API answer, for requests answered outside Express (HSTS is the caller's, as it knows TLS). */
export function apiAnswerHeaders(config: AppConfig): (req: IncomingMessage, res: ServerResponse) => void {
  const helmetHeaders = securityHeaders(config);
  return (req, res) => {
    helmetHeaders(req, res, () => undefined);
    noStore(res);
  };
}
