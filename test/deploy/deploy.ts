// `npm run test:deploy`: the production image and the compose stack, built and run here as on the day.
// Installs Docker from Debian's packages where missing (docker/install-docker.sh), builds the base
// images from Debian's packages when they are not on the machine (docker/base-images.sh: Docker Hub is
// not reachable everywhere), builds docker/Dockerfile, starts docker/compose.yml, and through the
// published port checks health, the web page, sign-in, an import, a point's and a delegate's check-in
// and the organizer's live summary over socket.io, then stops with `down -v`. Prints how long each step
// took. Needs root; about 4 GB of disk the first time. DEPLOY_REUSE_IMAGE=1 skips the image build when
// the image exists (to try the checks quickly; the test proper builds).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { io } from 'socket.io-client';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCKER = '/usr/bin/docker';
const IMAGE = process.env.DEPLOY_IMAGE ?? 'bridgepoint:deploy-test';
const PROJECT = `bpdeploy${randomBytes(3).toString('hex')}`;
const ADMIN_PASSWORD = `deploy ${randomBytes(9).toString('hex')}`;
const timings: [string, number][] = [];
const started = Date.now();

function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t = Date.now();
  console.log(`deploy: ${name}…`);
  return work().finally(() => timings.push([name, Date.now() - t]));
}

/** Runs a command, its output passed through (or kept, with `quiet`); throws on a non-zero exit. */
function run(cmd: string, args: string[], env: Record<string, string> = {}, quiet = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-200_000);
      if (!quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${quiet ? out.slice(-4000) : ''}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const hasImage = (name: string) => {
  try {
    execFileSync(DOCKER, ['image', 'inspect', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The machine's extra certificate authorities (a TLS-intercepting proxy's), for npm inside the build. */
function extraCaCerts(): string {
  const dir = '/usr/local/share/ca-certificates';
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.crt'))
      .map((f) => readFileSync(join(dir, f), 'utf8').trim())
      .join('\n');
  } catch {
    return '';
  }
}

async function api<T>(base: string, path: string, init: { method?: string; token?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {}, expected = 200): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${init.method ?? 'GET'} ${path}: expected ${expected}, got ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function importCsv(base: string, token: string, kind: string, csv: string, conferenceId: string) {
  const form = new FormData();
  form.set('file', new Blob([csv], { type: 'text/csv' }), `${kind}.csv`);
  form.set('conferenceId', conferenceId);
  const { jobId } = await api<{ jobId: string }>(base, `/api/${kind}/import`, { method: 'POST', token, form }, 202);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await api<{ state: string; result: { errorCount: number } | null; failedReason: string | null }>(base, `/api/jobs/${jobId}`, { token });
    if (job.state === 'completed' && job.result?.errorCount === 0) return;
    if (job.state === 'failed' || job.state === 'completed') throw new Error(`${kind} import: ${job.failedReason ?? JSON.stringify(job.result)}`);
    if (Date.now() > deadline) throw new Error(`${kind} import still ${job.state} after 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Summary {
  points: { total: number; checkedIn: number };
  delegates: { expected: number; checkedIn: number };
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('test:deploy installs and runs Docker: run it as root');
  await step('Docker engine, Compose v2 and buildx (Debian packages)', () => run('sh', ['docker/install-docker.sh']));

  const stand = { POSTGRES_IMAGE: 'bridgepoint-local/postgres:15', REDIS_IMAGE: 'bridgepoint-local/redis:7' };
  const wanted = ['node:24-bookworm-slim', stand.POSTGRES_IMAGE, stand.REDIS_IMAGE];
  await step(`base images (${wanted.filter(hasImage).length}/${wanted.length} already here)`, () =>
    run('sh', ['docker/base-images.sh', 'node', 'postgres', 'redis'], { DOCKER }),
  );

  const reuse = process.env.DEPLOY_REUSE_IMAGE === '1' && hasImage(IMAGE);
  await step(reuse ? `image ${IMAGE} (reused, DEPLOY_REUSE_IMAGE=1)` : `image ${IMAGE}`, async () => {
    if (reuse) return '';
    return run(
      DOCKER,
      ['build', '-f', 'docker/Dockerfile', '-t', IMAGE, '--build-arg', 'MEDIASOUP_WORKER=skip', '--build-arg', `EXTRA_CA_CERTS=${extraCaCerts()}`, '.'],
      { DOCKER_BUILDKIT: '1' },
      true,
    );
  });
  const bytes = Number(execFileSync(DOCKER, ['image', 'inspect', IMAGE, '--format', '{{.Size}}']).toString().trim());

  const httpPort = await freePort();
  const mediaPort = 42000 + Math.floor(Math.random() * 2000);
  const env = {
    ...stand,
    BRIDGEPOINT_IMAGE: IMAGE,
    ADMIN_PASSWORD,
    JWT_SECRET: randomBytes(32).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(12).toString('hex'),
    HTTP_PORT: String(httpPort),
    // Two media ports are enough here (no media flows in this test): each published port is a proxy process.
    MEDIASOUP_PORT_MIN: String(mediaPort),
    MEDIASOUP_PORT_MAX: String(mediaPort + 1),
  };
  const compose = (args: string[], quiet = true) => run(DOCKER, ['compose', '-p', PROJECT, '-f', 'docker/compose.yml', ...args], env, quiet);
  const base = `http://127.0.0.1:${httpPort}`;
  let failure: unknown = null;
  try {
    await step('compose up until the api is ready', async () => {
      await compose(['up', '-d', '--no-build']);
      const deadline = Date.now() + 180_000;
      for (;;) {
        const ok = await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status === 200, () => false);
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`not ready after 180 s:\n${await compose(['logs', '--tail', '80']).catch((e: Error) => e.message)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });

    await step('health, web page, sign-in, import, check-ins, live summary through the published port', async () => {
      const health = await api<{ status: string; db: string; redis: string; database: string }>(base, '/api/health');
      if (health.status !== 'ok' || health.database !== 'postgres') throw new Error(`health: ${JSON.stringify(health)}`);

      const page = await fetch(`${base}/`);
      const html = await page.text();
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      if (page.status !== 200 || !html.includes('id="root"') || !script) throw new Error(`web page: ${page.status} ${html.slice(0, 300)}`);
      const asset = await fetch(new URL(script, base));
      if (asset.status !== 200) throw new Error(`web client script ${script}: ${asset.status}`);

      const { accessToken: token } = await api<{ accessToken: string }>(base, '/api/auth/login', { method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD } });
      const conf = await api<{ id: string }>(base, '/api/conferences', { method: 'POST', token, json: { title: 'Kiểm thử triển khai', startsAt: '2026-12-01T01:00:00Z' } }, 201);
      await importCsv(base, token, 'bridge-points', 'Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu\nDPL-01,Điểm cầu Phúc Xá,Ba Đình,Phúc Xá,2\n', conf.id);
      await importCsv(base, token, 'delegates', 'Mã đại biểu,Họ và tên,Mã điểm cầu\nDPL-D1,Nguyễn Văn Ánh,DPL-01\nDPL-D2,Trần Thị Hoa,DPL-01\n', conf.id);
      for (const status of ['scheduled', 'live']) await api(base, `/api/conferences/${conf.id}`, { method: 'PATCH', token, json: { status } });
      const key = randomUUID();
      const first = await api<{ alreadyCheckedIn: boolean }>(base, `/api/conferences/${conf.id}/attendance`, { method: 'POST', token, json: { delegateCode: 'DPL-D1' }, headers: { 'Idempotency-Key': key } });
      const again = await api<{ alreadyCheckedIn: boolean; replayed?: boolean }>(base, `/api/conferences/${conf.id}/attendance`, { method: 'POST', token, json: { delegateCode: 'DPL-D1' }, headers: { 'Idempotency-Key': key } });
      if (first.alreadyCheckedIn || JSON.stringify(first) !== JSON.stringify(again)) throw new Error(`check-in: ${JSON.stringify(first)} then ${JSON.stringify(again)}`);

      // The point's operator opens its session with the join code and checks the point in.
      const [point] = await api<{ id: string; joinCode: string }[]>(base, `/api/conferences/${conf.id}/points`, { token });
      const operator = await api<{ accessToken: string }>(base, '/api/point-sessions', { method: 'POST', json: { joinCode: point.joinCode } }, 201);
      await api(base, `/api/conferences/${conf.id}/points/${point.id}/check-in`, { method: 'POST', token: operator.accessToken }, 200);

      const summary = await api<Summary>(base, `/api/conferences/${conf.id}/attendance/summary`, { token });
      if (summary.points.total !== 1 || summary.points.checkedIn !== 1 || summary.delegates.checkedIn !== 1) throw new Error(`summary: ${JSON.stringify(summary)}`);

      // The organizer's live screen (socket.io over WebSocket, through the same port) gets the same numbers.
      const live = await new Promise<Summary>((resolve, reject) => {
        const socket = io(`${base}/live`, { auth: { token, conferenceId: conf.id }, transports: ['websocket'], reconnection: false, forceNew: true });
        const timer = setTimeout(() => {
          socket.close();
          reject(new Error('no attendance.summary on /live within 10 s'));
        }, 10_000);
        socket.on('attendance.summary', (s: Summary) => {
          clearTimeout(timer);
          socket.close();
          resolve(s);
        });
        socket.on('live.error', (e: { code: string }) => reject(new Error(`/live refused: ${e.code}`)));
      });
      if (live.points.checkedIn !== 1 || live.delegates.checkedIn !== 1) throw new Error(`live summary: ${JSON.stringify(live)}`);

      const metrics = await (await fetch(`${base}/metrics`)).text();
      if (!/bridgepoint_check_ins_total\{[^}]*result="new"[^}]*\} 1/.test(metrics)) throw new Error('GET /metrics does not count the check-in');
      const logs = await compose(['logs', '--no-color', 'api']);
      if (!logs.includes('"msg":"request"')) throw new Error('the api does not write JSON request lines');
      if (logs.includes(ADMIN_PASSWORD) || logs.includes(token)) throw new Error('the api logs hold the admin password or a token');
    });
  } catch (e) {
    failure = e;
  } finally {
    await step('compose down -v', () => compose(['down', '-v', '--remove-orphans']));
  }

  const total = Date.now() - started;
  console.log(`\ndeploy test ${failure ? 'FAILED' : 'passed'} in ${(total / 1000).toFixed(1)} s; image ${IMAGE} ${(bytes / 1e6).toFixed(0)} MB`);
  for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
  if (failure) throw failure;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
