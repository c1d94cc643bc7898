import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * End-to-end harness: the real API (built, `apps/api/dist/main.js`) with embedded PGlite in a fresh
 * data directory, the machine's Redis under a prefix of its own, the built web client served by the
 * API, and a headless Chromium with a fresh profile.
 */

export const REPO_ROOT = resolve(__dirname, '..', '..');
const API_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');
const WEB_DIST = join(REPO_ROOT, 'apps/web/dist');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  baseUrl: string;
  admin: { username: string; password: string };
  context: BrowserContext;
  page: Page;
  /**
   * Another device: a fresh context in a second browser, with its own storage and network (so
   * `setOffline` there leaves the main context online). Closed by `stop()`.
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Everything the API printed so far: attach it to a failure. */
  apiOutput(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error('No Chromium found: install it (`apt-get install -y chromium`) or set CHROMIUM_PATH.');
  }
  return found;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The API exited with code ${child.exitCode} before it was ready.\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`GET /api/health did not answer 200 within ${timeoutMs} ms (last: ${last}).\n${output()}`);
}

function stopProcess(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** `chromiumArgs`: extra flags for both browsers (fake camera and microphone, for instance); `env`: extra api settings. */
export async function startHarness(options: { healthTimeoutMs?: number; chromiumArgs?: string[]; env?: Record<string, string> } = {}): Promise<Harness> {
  const args = [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])];
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the API first (npm run build -w apps/api).`);
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`${WEB_DIST}/index.html is missing: build the web client first (npm run build -w apps/web).`);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bridgepoint-e2e-data-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'bridgepoint-e2e-chromium-'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `e2e-${process.pid}-${Date.now().toString(36)}`;
  const admin = { username: 'e2e-admin', password: 'e2e-password-not-secret' };

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    ADMIN_USERNAME: admin.username,
    ADMIN_PASSWORD: admin.password,
    WEB_DIST,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  // The machine's own PUBLIC_URL would move every link and the allowed socket origins; a test may set its own.
  if (!options.env?.PUBLIC_URL) delete env.PUBLIC_URL;

  let output = '';
  const child = spawn(process.execPath, [API_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const apiOutput = () => output;

  let context: BrowserContext | undefined;
  let otherBrowser: Promise<Browser> | undefined;
  const newContext = async (contextOptions: BrowserContextOptions = {}) => {
    otherBrowser ??= chromium.launch({ executablePath: chromiumPath(), args, headless: true });
    return (await otherBrowser).newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...contextOptions });
  };
  const cleanup = async () => {
    await context?.close().catch(() => undefined);
    await otherBrowser?.then((browser) => browser.close()).catch(() => undefined);
    await stopProcess(child, 10_000);
    await deleteRedisPrefix(redisUrl, redisPrefix).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, apiOutput, options.healthTimeoutMs ?? 60_000);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      args,
      headless: true,
      viewport: { width: 1366, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { baseUrl, admin, context, page, newContext, apiOutput, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
