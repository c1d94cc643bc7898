// Starts real api processes for benchmarks and end-to-end runs: own port, database schema or
// PGlite directory, and Redis prefix; stops them and removes what they created.
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..', '..');
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const ADMIN = { username: 'admin', password: 'bench-admin-password' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Stack {
  url: string;
  db: 'postgres' | 'pglite';
  process: ChildProcess;
  /** The Postgres schema the process uses (postgres stacks). */
  schema: string;
  redisPrefix: string;
  /** The last 50 kB the process printed, when started with `captureOutput`; '' otherwise. */
  output(): string;
  token(): Promise<string>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Another process of the same deployment: share its Postgres schema and Redis prefix (the first stack drops the schema). */
  peer?: Stack;
  /** Keep stdout and stderr in memory (see `output()`) instead of passing stderr through. */
  captureOutput?: boolean;
}

const OUTPUT_KEPT = 50_000;

export async function startStack(db: 'postgres' | 'pglite', env: Record<string, string> = {}, options: StackOptions = {}): Promise<Stack> {
  const id = randomBytes(4).toString('hex');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bp-stack-'));
  const ownSchema = `bench_${id}`;
  const schema = env.DATABASE_SCHEMA ?? options.peer?.schema ?? ownSchema;
  const redisPrefix = env.REDIS_PREFIX ?? options.peer?.redisPrefix ?? `bpstack-${id}`;
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    stdio: options.captureOutput ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      ...(db === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL } : { DATABASE_URL: '' }),
      ...env,
      ...(db === 'postgres' ? { DATABASE_SCHEMA: schema } : {}),
      REDIS_PREFIX: redisPrefix,
    },
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode} before it was healthy\n${printed}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`api at ${url} not healthy after 60 s\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    db,
    process: child,
    schema,
    redisPrefix,
    output: () => printed,
    async token() {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (db === 'postgres' && schema === ownSchema) {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  };
}

export interface Cluster {
  /** Base URLs and processes of the api processes, in start order. */
  procs: { url: string; child: ChildProcess }[];
  /** Starts process `i` again on its port (as a supervisor would after a crash), once it has exited. */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `n` api processes of one deployment on the machine's PostgreSQL (one schema of their own) and
 * Redis (one key prefix of their own), started one after the other.
 */
export async function startCluster(n: number, env: Record<string, string> = {}): Promise<Cluster> {
  const id = randomBytes(4).toString('hex');
  const schema = `bench_${id}`;
  const procs: Cluster['procs'] = [];
  const stop = async () => {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r)) : null)));
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  };
  const launch = (port: number) =>
    spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        REDIS_PREFIX: `bpbench-${id}`,
        // Several processes of one deployment: they coordinate through Redis (never each alone in memory).
        COORDINATION: 'redis',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
  try {
    for (let i = 0; i < n; i++) {
      const port = await freePort();
      const child = launch(port);
      procs.push({ url: `http://127.0.0.1:${port}`, child });
      await waitHealthy(procs[i].url, child);
    }
    // PROMETHEUS_SD_FILE: the processes as a Prometheus file_sd target list, to watch a benchmark on the
    // monitoring dashboard (docker/README.md, "Monitoring").
    if (process.env.PROMETHEUS_SD_FILE) {
      const targets = procs.map((p) => p.url.replace('http://', ''));
      writeFileSync(process.env.PROMETHEUS_SD_FILE, JSON.stringify([{ targets, labels: { service: 'bench' } }]));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const restart = async (i: number) => {
    const old = procs[i].child;
    if (old.exitCode === null && old.signalCode === null) await new Promise((r) => old.once('exit', r));
    const child = launch(Number(new URL(procs[i].url).port));
    procs[i] = { url: procs[i].url, child };
    await waitHealthy(procs[i].url, child);
  };
  return { procs, restart, stop };
}

async function waitHealthy(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode} before it was healthy`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`api at ${url} not healthy after 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A JSON call to the api; FormData bodies go as multipart. Throws with the status and body on an error. */
export async function call<T = Record<string, unknown>>(
  base: string,
  path: string,
  token: string | null,
  method = 'GET',
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extraHeaders };
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${base}/api${path}`, { method, headers, body: payload });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

/** Clock ticks per second of /proc's CPU counters. */
export const CLK_TCK = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}
