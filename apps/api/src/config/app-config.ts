import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { passwordProblems } from '../auth/password-policy';

export type ApiRole = 'http' | 'realtime' | 'media' | 'jobs';
export type Coordination = 'redis' | 'in-process';
const API_ROLE_NAMES: readonly ApiRole[] = ['http', 'realtime', 'media', 'jobs'];

/** Everything the api reads from its environment, parsed and checked once at boot. */
export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  host: string;
  port: number;
  /** Unset: embedded PGlite under dataDir. */
  databaseUrl: string | null;
  databaseSchema: string;
  dataDir: string;
  redisUrl: string;
  /**
   * Where processes coordinate (job queues, socket fan-out, rate limits, presence): `redis`, or `in-process` —
   * one api process holding every role, with the same features kept in its memory (no Redis to install).
   */
  coordination: Coordination;
  /**
   * COORDINATION is `auto` (the default) and REDIS_URL is unset: Redis at the default address is used when it
   * answers, in-process coordination otherwise (decided at start, see `resolveCoordination`).
   */
  coordinationAuto: boolean;
  /** Namespaces every Redis key (BullMQ queues, adapters), so several deployments or test runs share one Redis. */
  redisPrefix: string;
  jwtSecret: string | null;
  jwtUserTtlSeconds: number;
  jwtPointTtlSeconds: number;
  adminUsername: string;
  adminPassword: string;
  cityName: string;
  roles: ReadonlySet<ApiRole>;
  webDist: string | null;
  /** Failed join-code attempts allowed per client address per minute (correct codes never count). */
  joinFailuresPerMinute: number;
  /** Failed sign-ins of one username from one address before each further try waits (doubling). */
  loginFailuresBeforeBackoff: number;
  /** scrypt cost as log2(N): 17 is OWASP's recommendation (128 MiB, ~0.5 s here). */
  passwordHashCost: number;
  /** Password checks running at once per process; more wait in a short queue. */
  passwordHashConcurrency: number;
  /** Serve the OpenAPI document and Swagger UI at /api/docs. */
  apiDocs: boolean;
  /** Web origins allowed to open sockets (and in CSP); null: the page's own origin only. */
  allowedOrigins: string[] | null;
  /** Open `/media` connections per point operator, and `/live` ones per point per process: a newer one replaces the oldest. */
  mediaSocketsPerPoint: number;
  liveSocketsPerPoint: number;
  /**
   * socket.io's own heartbeat, for every connection (delegates' phones included): a connection that stops
   * answering is closed after at most interval + timeout. socket.io's defaults: 25 s + 20 s.
   */
  socketPingIntervalMs: number;
  socketPingTimeoutMs: number;
  /**
   * Operator pages are pinged more often (`presence.ping`, answered by the page): an operator page that stops
   * answering (a killed browser, a cut network) is closed, and its point goes offline, after at most interval
   * + timeout.
   */
  presencePingIntervalMs: number;
  presencePingTimeoutMs: number;
  /** Written questions, and requests to speak, allowed per point per minute. */
  questionsPerMinute: number;
  speakRequestsPerMinute: number;
  /** Express "trust proxy": which hops may set X-Forwarded-For (rate limits count the client behind them). */
  trustProxy: boolean | number | string;
  publicUrl: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** On SIGTERM: how long requests in flight and running jobs get to finish before connections are cut. */
  shutdownGraceMs: number;
  /** `json`: one pino object per line (production); `text`: Nest's coloured console lines. */
  logFormat: 'json' | 'text';
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  media: MediaConfig;
  imports: ImportConfig;
  links: LinksConfig;
  record: RecordConfig;
  recording: RecordingConfig;
}

/** Server-side recording of the broadcast and of each speaking turn, by ffmpeg. */
export interface RecordingConfig {
  /** RECORDING=off turns it off; it is off anyway without ffmpeg. */
  enabled: boolean;
  /** FFMPEG_BIN; null: `ffmpeg` on PATH. */
  ffmpegBin: string | null;
  /** RECORDINGS_DIR; default `<DATA_DIR>/recordings`. */
  dir: string;
}

/** The heading and checks of the official attendance record (PDF). */
export interface RecordConfig {
  /** The organizing body, top left of the record's heading. */
  organization: string;
  /** The place written beside the date ("Hà Nội, ngày … tháng … năm …"). */
  city: string;
  /** The host site named under the title; null: not printed. */
  hostSite: string | null;
  /** Points whose headcount and roster check-ins differ by more than this are flagged. */
  diffThreshold: number;
}

/** How operators' join links leave the platform: by mail (SMTP) and through an SMS/Zalo gateway's webhook. */
export interface LinksConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`; null: no email. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The gateway's endpoint: POST `{ to, text }` as JSON; null: no SMS. */
  smsWebhookUrl: string | null;
  /** Sent as `Authorization: Bearer …` to the gateway, when set. */
  smsWebhookToken: string | null;
  /** `{name}`, `{code}`, `{link}`, `{conference}` are filled in. */
  smsTemplate: string;
}

/** What an uploaded file may be, checked before it is parsed, and how long files with personal data are kept. */
export interface ImportConfig {
  maxBytes: number;
  /** XLSX/ODS: sum of the uncompressed sizes in the zip directory, checked before anything is inflated. */
  maxUncompressedBytes: number;
  maxRows: number;
  maxColumns: number;
  /** The worker thread that reads a file is stopped past this time or heap size. */
  parseTimeoutMs: number;
  parseMemoryMb: number;
  uploadRetentionHours: number;
  exportRetentionHours: number;
}

export type MediaEngineChoice = 'auto' | 'mediasoup' | 'werift';

/** The SFU: which engine, where it listens and what it tells browsers to connect to. */
export interface MediaConfig {
  /** `auto`: mediasoup when a worker binary is found, werift otherwise. */
  engine: MediaEngineChoice;
  /** Explicit mediasoup worker binary; otherwise mediasoup's own default path. */
  mediasoupWorkerBin: string | null;
  /** mediasoup workers (default: one per core). */
  workers: number | null;
  /** Address the engine binds its sockets to. */
  listenIp: string;
  /** Address put in ICE candidates (public IP or name); null: the listen address. */
  announcedAddress: string | null;
  /** mediasoup: first WebRtcServer port (worker i uses port + i, UDP and TCP). */
  port: number;
  /** werift: its UDP port range, when MEDIA_PORT is set (MEDIA_PORT..MEDIA_PORT_MAX); any free port otherwise. */
  weriftPortRange: [number, number] | null;
  /**
   * mediasoup: weighted load (transports 10, producers 5, consumers 2) at which a worker takes no new
   * transports. A point receiving audio and video weighs 14; the default, 6000, is about 430 points per worker
   * (measured here: one worker core forwards to ~700 such points before it saturates).
   */
  workerBudget: number;
  /**
   * werift: subscriptions (peer connections sending to a viewer) this process admits; 0 for no limit. Beyond it
   * points are refused with MEDIA_FULL; publications and the host site's own screens are always admitted.
   */
  subscriberCapacity: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment; every problem names the variable and what it expects. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback: string): string => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };
  const optional = (name: string): string | null => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? null : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = optional(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" must be a whole number between ${min} and ${max}`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, fallback: string | null, protocols: string[]): string | null => {
    const raw = optional(name) ?? fallback;
    if (raw === null) return null;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name}="${raw}" must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      }
    } catch {
      problems.push(`${name}="${raw}" is not a URL (expected e.g. ${protocols[0]}//host:port)`);
    }
    return raw;
  };

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = optional(name);
    if (raw === null) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name}="${raw}" must be true or false`);
    return fallback;
  };

  const nodeEnv = str('NODE_ENV', 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = url('DATABASE_URL', null, ['postgres:', 'postgresql:']);
  const databaseSchema = str('DATABASE_SCHEMA', 'public');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push(`DATABASE_SCHEMA="${databaseSchema}" must be a lowercase SQL identifier (letters, digits, _)`);
  }
  const redisUrl = url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) ?? '';
  const coordinationRaw = str('COORDINATION', 'auto');
  if (!['auto', 'redis', 'in-process'].includes(coordinationRaw)) {
    problems.push(`COORDINATION="${coordinationRaw}" must be one of auto, redis, in-process`);
  }
  if (coordinationRaw === 'in-process' && optional('REDIS_URL') !== null) {
    problems.push('REDIS_URL is set while COORDINATION=in-process: unset one of them');
  }
  const coordination: Coordination = coordinationRaw === 'in-process' ? 'in-process' : 'redis';
  const coordinationAuto = coordinationRaw === 'auto' && optional('REDIS_URL') === null;
  const redisPrefix = str('REDIS_PREFIX', 'bp');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(redisPrefix)) {
    problems.push(`REDIS_PREFIX="${redisPrefix}" may hold only letters, digits, "_", "." and "-"`);
  }

  const jwtSecret = optional('JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  } else if (jwtSecret === null && production) {
    problems.push('JWT_SECRET is required when NODE_ENV=production (e.g. `openssl rand -hex 32`)');
  }

  const adminUsername = str('ADMIN_USERNAME', 'admin');
  if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(adminUsername)) {
    problems.push(`ADMIN_USERNAME="${adminUsername}" must be 3-64 letters, digits or "_.@-"`);
  }
  const adminPassword = str('ADMIN_PASSWORD', production ? '' : 'bridgepoint');
  if (adminPassword === '') {
    problems.push('ADMIN_PASSWORD is required when NODE_ENV=production');
  } else if (production) {
    const weak = passwordProblems(adminPassword, adminUsername);
    if (weak.length > 0) problems.push(`ADMIN_PASSWORD is too weak for production: ${weak.join('; ')}`);
  } else if (adminPassword.length < 8) {
    problems.push('ADMIN_PASSWORD must be at least 8 characters');
  }

  const passwordHashCost = int('PASSWORD_HASH_COST', 17, 14, 20);
  if (production && passwordHashCost < 17) problems.push('PASSWORD_HASH_COST must be at least 17 when NODE_ENV=production');

  const publicUrl = url('PUBLIC_URL', null, ['http:', 'https:']);
  const originsRaw = optional('ALLOWED_ORIGINS');
  let allowedOrigins: string[] | null = null;
  if (originsRaw !== null) {
    allowedOrigins = [];
    for (const o of originsRaw.split(',').map((x) => x.trim()).filter(Boolean)) {
      try {
        const u = new URL(o);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
        allowedOrigins.push(u.origin);
      } catch {
        problems.push(`ALLOWED_ORIGINS contains "${o}"; expected origins such as https://hop.example.vn`);
      }
    }
  } else if (publicUrl !== null && URL.canParse(publicUrl)) {
    allowedOrigins = [new URL(publicUrl).origin];
  }

  const rolesRaw = str('API_ROLES', API_ROLE_NAMES.join(','));
  const roles = new Set<ApiRole>();
  for (const r of rolesRaw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((API_ROLE_NAMES as readonly string[]).includes(r)) roles.add(r as ApiRole);
    else problems.push(`API_ROLES contains "${r}"; allowed: ${API_ROLE_NAMES.join(', ')}`);
  }
  if (roles.size === 0) problems.push(`API_ROLES must name at least one of ${API_ROLE_NAMES.join(', ')}`);
  if (coordination === 'in-process' && roles.size > 0 && roles.size < API_ROLE_NAMES.length) {
    problems.push(IN_PROCESS_ROLES_PROBLEM);
  }

  const logLevel = str('LOG_LEVEL', 'log');
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    problems.push(`LOG_LEVEL="${logLevel}" must be one of error, warn, log, debug`);
  }

  const logFormat = str('LOG_FORMAT', production ? 'json' : 'text');
  if (!['json', 'text'].includes(logFormat)) problems.push(`LOG_FORMAT="${logFormat}" must be json or text`);
  const metricsToken = optional('METRICS_TOKEN');
  if (metricsToken !== null && !/^\S{16,}$/.test(metricsToken)) problems.push('METRICS_TOKEN must be at least 16 characters without spaces');

  const mediaEngine = str('MEDIA_ENGINE', 'auto');
  if (!['auto', 'mediasoup', 'werift'].includes(mediaEngine)) {
    problems.push(`MEDIA_ENGINE="${mediaEngine}" must be one of auto, mediasoup, werift`);
  }
  const mediaPort = int('MEDIA_PORT', 40000, 1024, 65535);
  const media: MediaConfig = {
    engine: mediaEngine as MediaEngineChoice,
    mediasoupWorkerBin: optional('MEDIASOUP_WORKER_BIN') ? resolve(str('MEDIASOUP_WORKER_BIN', '')) : null,
    workers: optional('MEDIASOUP_WORKERS') === null ? null : int('MEDIASOUP_WORKERS', 1, 1, 256),
    listenIp: str('MEDIA_LISTEN_IP', '0.0.0.0'),
    announcedAddress: optional('MEDIA_ANNOUNCED_ADDRESS'),
    port: mediaPort,
    weriftPortRange:
      optional('MEDIA_PORT') === null ? null : [mediaPort, int('MEDIA_PORT_MAX', Math.min(65535, mediaPort + 9999), mediaPort, 65535)],
    workerBudget: int('MEDIA_WORKER_BUDGET', 6000, 10, 1_000_000),
    subscriberCapacity: int('MEDIA_SUBSCRIBER_CAPACITY', 0, 0, 1_000_000),
  };

  const imports: ImportConfig = {
    maxBytes: int('IMPORT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxUncompressedBytes: int('IMPORT_MAX_UNCOMPRESSED_BYTES', 150 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    maxRows: int('IMPORT_MAX_ROWS', 300_000, 10, 10_000_000),
    maxColumns: int('IMPORT_MAX_COLUMNS', 200, 10, 16_384),
    parseTimeoutMs: int('IMPORT_PARSE_TIMEOUT_SECONDS', 120, 1, 3600) * 1000,
    parseMemoryMb: int('IMPORT_PARSE_MEMORY_MB', 1024, 64, 16_384),
    uploadRetentionHours: int('UPLOAD_RETENTION_HOURS', 7 * 24, 1, 24 * 3650),
    exportRetentionHours: int('EXPORT_RETENTION_HOURS', 7 * 24, 1, 24 * 3650),
  };

  const links: LinksConfig = {
    smtpUrl: url('SMTP_URL', null, ['smtp:', 'smtps:']),
    mailFrom: str('MAIL_FROM', 'Bridgepoint <no-reply@localhost>'),
    smsWebhookUrl: url('SMS_WEBHOOK_URL', null, ['http:', 'https:']),
    smsWebhookToken: optional('SMS_WEBHOOK_TOKEN'),
    smsTemplate: str('SMS_TEMPLATE', '{conference}: đường dẫn điểm cầu {name} ({code}): {link}'),
  };

  const dataDir = resolve(str('DATA_DIR', 'data'));
  const config: AppConfig = {
    nodeEnv,
    production,
    host: str('HOST', '0.0.0.0'),
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    databaseSchema,
    dataDir,
    redisUrl,
    coordination,
    coordinationAuto,
    redisPrefix,
    jwtSecret,
    jwtUserTtlSeconds: int('JWT_USER_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    jwtPointTtlSeconds: int('JWT_POINT_TTL_SECONDS', 24 * 3600, 60, 30 * 24 * 3600),
    adminUsername,
    adminPassword,
    cityName: str('CITY_NAME', 'Hà Nội'),
    roles,
    trustProxy: trustProxyOf(str('TRUST_PROXY', 'false')),
    joinFailuresPerMinute: int('JOIN_FAILURES_PER_MINUTE', 60, 1, 1_000_000),
    loginFailuresBeforeBackoff: int('LOGIN_FAILURES_BEFORE_BACKOFF', 5, 1, 1000),
    passwordHashCost,
    passwordHashConcurrency: int('PASSWORD_HASH_CONCURRENCY', Math.max(1, Math.floor(availableParallelism() / 2)), 1, 64),
    apiDocs: bool('API_DOCS', !production),
    allowedOrigins,
    mediaSocketsPerPoint: int('MEDIA_SOCKETS_PER_POINT', 3, 1, 100),
    liveSocketsPerPoint: int('LIVE_SOCKETS_PER_POINT', 4, 1, 100),
    socketPingIntervalMs: int('SOCKET_PING_INTERVAL_MS', 25_000, 1000, 120_000),
    socketPingTimeoutMs: int('SOCKET_PING_TIMEOUT_MS', 20_000, 1000, 120_000),
    presencePingIntervalMs: int('PRESENCE_PING_INTERVAL_MS', 4000, 500, 120_000),
    presencePingTimeoutMs: int('PRESENCE_PING_TIMEOUT_MS', 4000, 500, 120_000),
    questionsPerMinute: int('QUESTIONS_PER_MINUTE', 5, 1, 1_000_000),
    speakRequestsPerMinute: int('SPEAK_REQUESTS_PER_MINUTE', 3, 1, 1_000_000),
    webDist: optional('WEB_DIST') ? resolve(str('WEB_DIST', '')) : null,
    publicUrl,
    logLevel: logLevel as AppConfig['logLevel'],
    shutdownGraceMs: int('SHUTDOWN_GRACE_SECONDS', 15, 1, 3600) * 1000,
    logFormat: logFormat as AppConfig['logFormat'],
    metricsToken,
    media,
    imports,
    links,
    record: {
      organization: str('RECORD_ORGANIZATION', `Ủy ban nhân dân thành phố ${str('CITY_NAME', 'Hà Nội')}`),
      city: str('RECORD_CITY', str('CITY_NAME', 'Hà Nội')),
      hostSite: optional('RECORD_HOST_SITE'),
      diffThreshold: int('RECORD_DIFF_THRESHOLD', 3, 0, 100_000),
    },
    recording: {
      enabled: bool('RECORDING', true),
      ffmpegBin: optional('FFMPEG_BIN') ? resolve(str('FFMPEG_BIN', '')) : null,
      dir: resolve(str('RECORDINGS_DIR', join(dataDir, 'recordings'))),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const IN_PROCESS_ROLES_PROBLEM =
  'API_ROLES names only some roles, which needs Redis (processes coordinate through it): set REDIS_URL, or run one process with every role (unset API_ROLES)';

/**
 * COORDINATION=auto without REDIS_URL: Redis at the default address when it answers (`ping`), in-process
 * coordination otherwise — which holds every role in one process, so a split of roles is refused.
 */
export async function resolveCoordination(config: AppConfig, ping: () => Promise<boolean>): Promise<AppConfig> {
  if (!config.coordinationAuto || (await ping())) return config;
  if (config.roles.size < API_ROLE_NAMES.length) throw new ConfigError([IN_PROCESS_ROLES_PROBLEM]);
  return { ...config, coordination: 'in-process' };
}

/** Express's "trust proxy" from TRUST_PROXY: false/true, a hop count, or addresses and subnets. */
function trustProxyOf(raw: string): boolean | number | string {
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
