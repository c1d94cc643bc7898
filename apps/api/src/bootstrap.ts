import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleLogger, INestApplication, Logger, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { installCheckInFastPath } from './attendance/check-in-fast-path';
import { AttendanceService } from './attendance/attendance.service';
import { ConferenceAccess } from './auth/conference-access';
import { TokenService } from './auth/token.service';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { apiAnswerHeaders, applyHttpSecurity } from './common/http-security';
import { jsonGuard } from './common/json-guard';
import { JsonLogger } from './common/json-logger';
import { requestLogging, type RequestLine } from './common/request-log';
import { createValidationPipe } from './common/validation';
import { ShutdownState } from './health/shutdown-state';
import { AppConfig } from './config/app-config';
import { Metrics } from './metrics/metrics.service';
import { RedisIoAdapter } from './redis/redis-io.adapter';
import { buildOpenApi } from './openapi/document';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
/** Nest's start-up chatter (every module and route): shown only with LOG_LEVEL=debug. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory']);

class AppLogger extends ConsoleLogger {
  override log(message: unknown, context?: string) {
    if (context && STARTUP_CONTEXTS.has(context) && !this.isLevelEnabled('debug')) return;
    super.log(message, context);
  }
}

const IO_ADAPTERS = new WeakMap<INestApplication, RedisIoAdapter>();

/** The socket.io server of an app made by `createApp`, once a gateway created it. */
export function ioServerOf(app: INestApplication) {
  return IO_ADAPTERS.get(app)?.server ?? null;
}

/**
 * Builds the Nest application for a config: used by main.ts and by the integration tests. Signals are
 * main.ts's business (graceful shutdown); tests close the app themselves.
 */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const json = config.logFormat === 'json' ? new JsonLogger(config.logLevel, STARTUP_CONTEXTS) : null;
  const logger: LoggerService = json ?? new AppLogger({ logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { logger, bodyParser: true });
  const shutdown = app.get(ShutdownState).middleware;
  app.use(shutdown);
  app.set('trust proxy', config.trustProxy);
  applyHttpSecurity(app, config);
  const metrics = app.get(Metrics);
  metrics.watchSockets(() => ioServerOf(app));
  const logRequests = requestLogging(metrics, requestWriter(json, config.logLevel === 'debug'), config.trustProxy !== false);
  app.use(logRequests);
  app.useBodyParser('json', { limit: '1mb' });
  app.use(jsonGuard);
  // Prometheus scrapes /metrics, its usual address; everything else lives under /api.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  const io = new RedisIoAdapter(app, config);
  // In-process coordination: one process holds every socket, and socket.io's own in-memory adapter serves.
  if (config.roles.has('realtime') && config.coordination === 'redis') await io.connect();
  app.useWebSocketAdapter(io);
  IO_ADAPTERS.set(app, io);

  installCheckInFastPath(app.getHttpServer(), {
    tokens: app.get(TokenService),
    access: app.get(ConferenceAccess),
    attendance: app.get(AttendanceService),
    headers: apiAnswerHeaders(config),
    trustProxy: config.trustProxy !== false,
    before: [shutdown, logRequests],
  });
  if (config.apiDocs) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs.json' });
  }

  if (config.webDist) serveWeb(app, config.webDist, config.production);
  return app;
}

/** One line per request: a JSON object at info (probes at debug); in text mode, a line with LOG_LEVEL=debug only. */
function requestWriter(json: JsonLogger | null, debug: boolean): (line: RequestLine, quiet: boolean) => void {
  if (json) return (line, quiet) => json.pino[quiet ? 'debug' : 'info'](line, 'request');
  if (!debug) return () => undefined;
  const text = new Logger('HTTP');
  return (line) => text.debug(`${line.method} ${line.route} ${line.status} ${line.ms} ms (${line.reqId})`);
}

/** The built web client on the same origin; any non-API path falls back to index.html. */
function serveWeb(app: NestExpressApplication, dir: string, production: boolean) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`WEB_DIST=${dir} has no index.html: build the web client first (npm run build)`);
  // Source maps would hand the whole client source to anyone: not in production.
  if (production) {
    app.use((req: Request, res: Response, next: NextFunction) => (req.path.endsWith('.map') ? res.status(404).end() : next()));
  }
  app.useStaticAssets(dir, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io') || req.path === '/metrics') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
