// `npm run test:deploy`: the production image and the compose stack, built and run here as on the day.
// Installs Docker from Debian's packages where missing (docker/install-docker.sh), builds the base
// images from Debian's packages when they are not on the machine (docker/base-images.sh: Docker Hub is
// not reachable everywhere), builds docker/Dockerfile, starts docker/compose.yml, and through the
// published port checks health, the web page, sign-in, an import, a point's and a delegate's check-in
// and the organizer's live summary over socket.io, a broadcast's signalling round on the werift engine.
// Then the "scale" profile (two http/realtime replicas, two media processes, a jobs worker, nginx):
// check-ins through the proxy land on both replicas, one replica is restarted in the middle of a
// check-in burst (nothing lost, nothing counted twice, every organizer sees the same numbers), and each
// conference's media sockets reach one media process. Stops with `down -v`. Prints how long each step
// took. Needs root; about 4 GB of disk the first time. DEPLOY_REUSE_IMAGE=1 skips the image build when
// the image exists (to try the checks quickly; the test proper builds); DEPLOY_KEEP_ON_FAILURE=1 leaves a
// failed run's stack up to look at.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';

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

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A `/media` socket as the web client opens it: its URL names the conference, so a proxy can route it. */
async function mediaSocket(base: string, token: string, conferenceId: string) {
  const socket = io(`${base}/media`, {
    auth: { token, conferenceId },
    query: { bp: 'media', conference: conferenceId, client: randomUUID() },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('/media did not connect within 10 s')), 10_000);
    socket.once('connect', () => (clearTimeout(timer), resolve()));
    socket.once('connect_error', (e) => (clearTimeout(timer), reject(new Error(`/media refused: ${e.message}`))));
    socket.once('media.error', (e: { code: string }) => (clearTimeout(timer), reject(new Error(`/media refused: ${e.code}`))));
  });
  const ask = <T>(event: string, payload: unknown = {}) =>
    new Promise<T>((resolve, reject) =>
      socket.timeout(15_000).emit(event, payload, (err: Error | null, r: Ack<T>) => {
        if (err) reject(new Error(`${event}: no answer`));
        else if (!r.ok) reject(new Error(`${event}: ${r.error.code} ${r.error.message}`));
        else resolve(r.data);
      }),
    );
  return { socket, ask };
}

/**
 * A broadcast's signalling round on the werift engine: the organizer publishes camera and microphone
 * (a werift peer's offer, as a browser's) and gets an answer with candidates; a second socket of the same
 * conference (the point's operator, or another organizer page) subscribes to it and gets an offer.
 */
async function broadcastRound(base: string, publisherToken: string, viewerToken: string, conferenceId: string) {
  const publisher = await mediaSocket(base, publisherToken, conferenceId);
  const viewer = await mediaSocket(base, viewerToken, conferenceId);
  const pc = new RTCPeerConnection({});
  /** Ends the broadcast (the media process drops the room with its last publisher). */
  const close = async () => {
    await pc.close().catch(() => undefined);
    publisher.socket.close();
    viewer.socket.close();
  };
  try {
    const joined = await publisher.ask<{ engine: string }>('media.join');
    if (joined.engine !== 'werift') throw new Error(`media engine ${joined.engine}, expected werift (MEDIASOUP_WORKER=skip)`);
    pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
    pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await publisher.ask<{ sdp: string }>('media.publish', { source: 'presenter', sdp: pc.localDescription!.sdp });
    if (!/a=candidate:/.test(answer.sdp) || !/m=video/.test(answer.sdp)) throw new Error(`publish answer without candidates or video:\n${answer.sdp.slice(0, 400)}`);
    await viewer.ask('media.join');
    const offer = await viewer.ask<{ sdp: string }>('media.subscribe', { source: 'presenter' });
    if (!/m=audio/.test(offer.sdp) || !/m=video/.test(offer.sdp)) throw new Error(`subscribe offer without audio and video:\n${offer.sdp.slice(0, 400)}`);
    return close;
  } catch (e) {
    await close();
    throw e;
  }
}

/** The organizer's `/live` screen through a proxy: its own page id, reconnecting as the web client does. */
function organizerScreen(base: string, token: string, conferenceId: string) {
  const socket: Socket = io(`${base}/live`, {
    auth: { token, conferenceId },
    query: { client: randomUUID() },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const screen = { socket, last: null as Summary | null, reconnects: 0 };
  socket.on('attendance.summary', (s: Summary) => (screen.last = s));
  socket.io.on('reconnect', () => screen.reconnects++);
  return screen;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks `check` every `everyMs` until it holds; after `seconds`, throws what `failure` says. */
async function waitFor(check: () => boolean | Promise<boolean>, seconds: number, everyMs: number, failure: () => string | Promise<string>) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(await failure());
    await sleep(everyMs);
  }
}

/** Waits until `base` answers ready, with the stack's last log lines when it never does. */
function untilReady(compose: Compose, base: string, what: string, seconds: number, logLines: number) {
  return waitFor(
    () => fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status === 200, () => false),
    seconds,
    500,
    async () => `${what} not ready after ${seconds} s:\n${await compose(['logs', '--tail', String(logLines)]).catch((e: Error) => e.message)}`,
  );
}

type Compose = (args: string[], quiet?: boolean) => Promise<string>;
type Inside = (service: string, index: number, path: string, token?: string) => Promise<string>;

/** Sum of a counter's samples whose labels include `label` in a Prometheus text page. */
function counter(metrics: string, name: string, label: string): number {
  let sum = 0;
  for (const line of metrics.split('\n')) if (line.startsWith(`${name}{`) && line.includes(label)) sum += Number(line.split(' ').pop());
  return sum;
}

/**
 * The "scale" profile: nginx in front of two http/realtime replicas, two media processes and a jobs
 * worker. Check-ins through the proxy land on both replicas; a rolling restart of one replica in the
 * middle of a check-in burst loses nothing and counts nothing twice while every organizer screen ends on
 * the same numbers; each conference's media sockets reach one media process, and both are used.
 */
async function scaleProfile(compose: Compose, inside: Inside, proxy: string) {
  await step('scale profile up (nginx, 2 http/realtime replicas, 2 media processes, jobs worker)', async () => {
    await compose(['--profile', 'scale', 'up', '-d', '--no-build', '--scale', 'api=0', '--scale', 'api-http=2']);
    await untilReady(compose, proxy, 'proxy', 240, 60);
  });

  const N = 600;
  await step(`rolling restart of one replica during ${N} check-ins through the proxy`, async () => {
    const { accessToken: token } = await api<{ accessToken: string }>(proxy, '/api/auth/login', { method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD } });
    const conf = await api<{ id: string }>(proxy, '/api/conferences', { method: 'POST', token, json: { title: 'Kiểm thử mở rộng', startsAt: '2026-12-01T01:00:00Z' } }, 201);
    await importCsv(proxy, token, 'bridge-points', `Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu\nSCL-01,Điểm cầu Cống Vị,Ba Đình,Cống Vị,${N}\n`, conf.id);
    const codes = Array.from({ length: N }, (_, i) => `SCL-D${String(i + 1).padStart(3, '0')}`);
    await importCsv(proxy, token, 'delegates', ['Mã đại biểu,Họ và tên,Mã điểm cầu', ...codes.map((c, i) => `${c},Đại biểu Số ${i + 1},SCL-01`)].join('\n'), conf.id);
    for (const status of ['scheduled', 'live']) await api(proxy, `/api/conferences/${conf.id}`, { method: 'PATCH', token, json: { status } });

    const screens = Array.from({ length: 6 }, () => organizerScreen(proxy, token, conf.id));
    const answers = new Map<string, { alreadyCheckedIn: boolean }>();
    let retried = 0;
    /** One delegate's check-in as the operator page sends it: the same Idempotency-Key until it is answered. */
    const checkIn = async (code: string) => {
      const key = randomUUID();
      const deadline = Date.now() + 90_000;
      for (;;) {
        const res = await fetch(`${proxy}/api/conferences/${conf.id}/attendance`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify({ delegateCode: code }),
          signal: AbortSignal.timeout(20_000),
        }).catch(() => null);
        if (res?.status === 200) return answers.set(code, (await res.json()) as { alreadyCheckedIn: boolean });
        const body = res ? await res.text() : 'no answer';
        if (res && ![502, 503, 504].includes(res.status)) throw new Error(`check-in ${code}: ${res.status} ${body.slice(0, 300)}`);
        if (Date.now() > deadline) throw new Error(`check-in ${code} still failing after 90 s: ${body.slice(0, 300)}`);
        retried++;
        await sleep(250);
      }
    };
    const burst = async (list: string[], width: number, onProgress?: (done: number) => void) => {
      let next = 0;
      let done = 0;
      await Promise.all(
        Array.from({ length: width }, async () => {
          while (next < list.length) {
            await checkIn(list[next++]);
            onProgress?.(++done);
          }
        }),
      );
    };

    // A first hundred: both replicas take check-ins (least busy first) and count them in their /metrics.
    await burst(codes.slice(0, 100), 16);
    const perReplica = await Promise.all([1, 2].map(async (i) => counter(await inside('api-http', i, '/metrics'), 'bridgepoint_check_ins_total', 'result="new"')));
    if (perReplica.some((n) => n === 0)) throw new Error(`check-ins landed on one replica only: ${perReplica.join(' + ')}`);

    // The rest, with replica 1 restarted (SIGTERM: it drains, then starts again) once 40 of them are in.
    const [replica] = (await compose(['ps', '-q', 'api-http'])).trim().split('\n');
    let restart: Promise<number> | null = null;
    let restarting = false;
    let duringRestart = 0;
    await burst(codes.slice(100, 500), 16, (done) => {
      if (restarting) duringRestart++;
      if (done === 40 && !restart) {
        const t = Date.now();
        restarting = true;
        restart = run(DOCKER, ['restart', '-t', '30', replica], {}, true).then(() => {
          restarting = false;
          return Date.now() - t;
        });
      }
    });
    const restartMs = await (restart ?? Promise.reject(new Error('the restart never started')));
    const restartedAt = Date.now();
    await waitFor(() => inside('api-http', 1, '/api/health/ready').then(() => true, () => false), 120, 1000, () => 'the restarted replica is not ready after 120 s');
    // The last hundred: the restarted replica is back in the pool (its new process counts some of them),
    // once nginx tries it again (fail_timeout, 10 s after the failures it saw while the replica was down).
    await sleep(Math.max(0, restartedAt + 11_000 - Date.now()));
    await burst(codes.slice(500), 16);
    const afterRestart = counter(await inside('api-http', 1, '/metrics'), 'bridgepoint_check_ins_total', 'result="new"');
    if (afterRestart === 0) throw new Error('the restarted replica took none of the last 100 check-ins');

    const summary = await api<Summary>(proxy, `/api/conferences/${conf.id}/attendance/summary`, { token });
    const doubled = [...answers.values()].filter((a) => a.alreadyCheckedIn).length;
    if (answers.size !== N || summary.delegates.checkedIn !== N || doubled !== 0)
      throw new Error(`after the restart: ${answers.size}/${N} answered, ${summary.delegates.checkedIn} counted, ${doubled} answered "already checked in"`);
    // Every organizer screen, wherever it was and whether or not its replica restarted, shows N.
    await waitFor(
      () => screens.every((sc) => sc.last?.delegates.checkedIn === N),
      20,
      250,
      () => `organizer screens show ${screens.map((sc) => sc.last?.delegates.checkedIn ?? 'nothing').join(', ')} instead of ${N}`,
    );
    const reconnected = screens.filter((sc) => sc.reconnects > 0).length;
    for (const sc of screens) sc.socket.close();
    console.log(
      `deploy: ${N} check-ins through nginx: first 100 on the replicas ${perReplica.join(' + ')}; replica restarted in ${(restartMs / 1000).toFixed(1)} s ` +
        `during the next 400 (${duringRestart} check-ins answered meanwhile), then took ${afterRestart} of the last 100; ` +
        `${retried} requests tried again; 0 lost, 0 double counted; ` +
        `${screens.length} organizer screens all show ${N} (${reconnected} reconnected)`,
    );
  });

  await step('media routed by conference (2 media processes)', async () => {
    const { accessToken: token } = await api<{ accessToken: string }>(proxy, '/api/auth/login', { method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD } });
    // A media socket that does not name its conference is refused by the proxy itself.
    const unrouted = await fetch(`${proxy}/socket.io/?EIO=4&transport=polling&bp=media`);
    const refusal = await unrouted.text();
    if (unrouted.status !== 400 || !refusal.includes('MEDIA_UNROUTED')) throw new Error(`an unrouted media socket got ${unrouted.status} ${refusal.slice(0, 200)}`);
    // Conferences until both media processes hold one (at most 16: consistent hashing spreads them).
    const rooms = async () =>
      Promise.all(['api-media', 'api-media-2'].map(async (service) => (JSON.parse(await inside(service, 1, '/api/media/stats', token)) as { rooms: number }).rooms));
    let held = [0, 0];
    let conferences = 0;
    const broadcasts: (() => Promise<void>)[] = [];
    try {
      while (held.some((n) => n === 0)) {
        if (conferences === 16) throw new Error(`16 conferences and the media processes hold ${held.join(' + ')} rooms`);
        const conf = await api<{ id: string }>(proxy, '/api/conferences', { method: 'POST', token, json: { title: `Định tuyến ${conferences + 1}`, startsAt: '2026-12-01T01:00:00Z' } }, 201);
        for (const status of ['scheduled', 'live']) await api(proxy, `/api/conferences/${conf.id}`, { method: 'PATCH', token, json: { status } });
        // The viewer's subscription only succeeds where the publisher's room is: the same process.
        broadcasts.push(await broadcastRound(proxy, token, token, conf.id));
        conferences++;
        held = await rooms();
      }
      if (held[0] + held[1] !== conferences) throw new Error(`${conferences} broadcasts, but the media processes hold ${held.join(' + ')} rooms`);
    } finally {
      for (const close of broadcasts) await close();
    }
    console.log(`deploy: ${conferences} conferences' broadcasts, each published and received through one media process; rooms held ${held.join(' + ')}`);
  });
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('test:deploy installs and runs Docker: run it as root');
  await step('Docker engine, Compose v2 and buildx (Debian packages)', () => run('sh', ['docker/install-docker.sh']));

  const stand = {
    POSTGRES_IMAGE: 'bridgepoint-local/postgres:15',
    REDIS_IMAGE: 'bridgepoint-local/redis:7',
    NGINX_IMAGE: 'bridgepoint-local/nginx:1',
    PROMETHEUS_IMAGE: 'bridgepoint-local/prometheus:2',
  };
  const wanted = ['node:24-bookworm-slim', ...Object.values(stand)];
  await step(`base images (${wanted.filter(hasImage).length}/${wanted.length} already here)`, () =>
    run('sh', ['docker/base-images.sh', 'node', 'postgres', 'redis', 'nginx', 'prometheus'], { DOCKER }),
  );

  const reuse = process.env.DEPLOY_REUSE_IMAGE === '1' && hasImage(IMAGE);
  await step(reuse ? `image ${IMAGE} (reused, DEPLOY_REUSE_IMAGE=1)` : `image ${IMAGE}`, async () => {
    if (reuse) return;
    const imageId = () => (hasImage(IMAGE) ? execFileSync(DOCKER, ['image', 'inspect', IMAGE, '--format', '{{.Id}}']).toString().trim() : null);
    const before = imageId();
    await run(
      DOCKER,
      ['build', '-f', 'docker/Dockerfile', '-t', IMAGE, '--build-arg', 'MEDIASOUP_WORKER=skip', '--build-arg', `EXTRA_CA_CERTS=${extraCaCerts()}`, '.'],
      { DOCKER_BUILDKIT: '1' },
      true,
    );
    // The previous run's image (untagged now) would pile up run after run: removed (the layers it shares stay).
    if (before && before !== imageId()) await run(DOCKER, ['image', 'rm', before], {}, true).catch(() => undefined);
  });
  const bytes = Number(execFileSync(DOCKER, ['image', 'inspect', IMAGE, '--format', '{{.Size}}']).toString().trim());

  const httpPort = await freePort();
  const mediaPort = 42000 + Math.floor(Math.random() * 2000);
  const proxyPort = await freePort();
  const prometheusPort = await freePort();
  const metricsToken = randomBytes(16).toString('hex');
  const env = {
    ...stand,
    PROXY_PORT: String(proxyPort),
    PROMETHEUS_PORT: String(prometheusPort),
    METRICS_TOKEN: metricsToken,
    BRIDGEPOINT_IMAGE: IMAGE,
    ADMIN_PASSWORD,
    JWT_SECRET: randomBytes(32).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(12).toString('hex'),
    HTTP_PORT: String(httpPort),
    // A few media ports (each published port is a proxy process): werift binds one per connection and interface
    // address, and the broadcast round opens two connections.
    MEDIASOUP_PORT_MIN: String(mediaPort),
    MEDIASOUP_PORT_MAX: String(mediaPort + 7),
  };
  // The scale phase runs two media processes on this one host: they publish no media ports (no media flows here).
  const files = ['-f', 'docker/compose.yml', '-f', 'test/deploy/two-media.yml'];
  const compose = (args: string[], quiet = true) => run(DOCKER, ['compose', '-p', PROJECT, ...files, ...args], env, quiet);
  /** GET of a path on one container of a service, from inside it (replicas are not published). */
  const inside = (service: string, index: number, path: string, token: string) =>
    compose([
      'exec', '-T', '--index', String(index), service, 'node', '-e',
      `fetch('http://127.0.0.1:3000${path}', { headers: ${JSON.stringify(token ? { Authorization: `Bearer ${token}` } : {})} }).then(async (r) => { process.stdout.write(await r.text()); process.exit(r.ok ? 0 : 1); }, () => process.exit(2))`,
    ]);
  const base = `http://127.0.0.1:${httpPort}`;
  let failure: unknown = null;
  try {
    await step('compose up until the api is ready', async () => {
      await compose(['up', '-d', '--no-build']);
      await untilReady(compose, base, 'the api', 180, 80);
    });

    await step('health, web page, sign-in, import, check-ins, live summary through the published port', async () => {
      const health = await api<{ status: string; database: string; recording: { state: string } }>(base, '/api/health');
      // recording "on": the image's ffmpeg runs and /data/recordings is writable.
      if (health.status !== 'ok' || health.database !== 'postgres' || health.recording.state !== 'on') throw new Error(`health: ${JSON.stringify(health)}`);

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

      // A delegate's phone: the room code from the point's check-in screen, a delegate session, one tap.
      const { roomCode } = await api<{ roomCode: string }>(base, `/api/conferences/${conf.id}/points/${point.id}/room-code`, { token: operator.accessToken });
      const phone = await api<{ accessToken: string }>(base, '/api/delegate-sessions', { method: 'POST', json: { roomCode, delegateCode: 'DPL-D2', deviceId: 'deploy-phone-1' } }, 201);
      const self = await api<{ delegateCode: string; replayed: boolean }>(base, `/api/conferences/${conf.id}/attendance/self`, { method: 'POST', token: phone.accessToken, headers: { 'Idempotency-Key': randomUUID() } });
      if (self.delegateCode !== 'DPL-D2' || self.replayed) throw new Error(`self check-in: ${JSON.stringify(self)}`);

      const summary = await api<Summary>(base, `/api/conferences/${conf.id}/attendance/summary`, { token });
      if (summary.points.total !== 1 || summary.points.checkedIn !== 1 || summary.delegates.checkedIn !== 2) throw new Error(`summary: ${JSON.stringify(summary)}`);

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
      if (live.points.checkedIn !== 1 || live.delegates.checkedIn !== 2) throw new Error(`live summary: ${JSON.stringify(live)}`);

      await (await broadcastRound(base, token, operator.accessToken, conf.id))();

      if ((await fetch(`${base}/metrics`)).status !== 401) throw new Error('GET /metrics answers without METRICS_TOKEN');
      const metrics = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } })).text();
      const counted = counter(metrics, 'bridgepoint_check_ins_total', 'result="new"');
      if (counted !== 2) throw new Error(`GET /metrics counts ${counted} new check-ins instead of 2 (the operator's and the phone's)`);
      const logs = await compose(['logs', '--no-color', 'api']);
      if (!logs.includes('"msg":"request"')) throw new Error('the api does not write JSON request lines');
      if (logs.includes(ADMIN_PASSWORD) || logs.includes(token)) throw new Error('the api logs hold the admin password or a token');
    });

    await step('Prometheus (profile monitoring, Debian stand-in) scrapes the api with the metrics token', async () => {
      await compose(['--profile', 'monitoring', 'up', '-d', '--no-build', 'prometheus']);
      const query = `http://127.0.0.1:${prometheusPort}/api/v1/query?query=${encodeURIComponent('sum(bridgepoint_check_ins_total{job="bridgepoint-api",service="api",result="new"})')}`;
      let seen = 'nothing';
      const reads = async () => {
        const r = await fetch(query).then((res) => res.json() as Promise<{ data?: { result: { value: [number, string] }[] } }>, () => null);
        seen = r?.data?.result[0]?.value[1] ?? 'nothing';
        return seen === '2';
      };
      await waitFor(reads, 90, 1000, () => `Prometheus reads ${seen} new check-ins from the api after 90 s, not 2`);
    });

    await scaleProfile(compose, (service, index, path, token) => inside(service, index, path, token ?? metricsToken), `http://127.0.0.1:${proxyPort}`);
  } catch (e) {
    failure = e;
  } finally {
    if (failure && process.env.DEPLOY_KEEP_ON_FAILURE === '1') console.log(`deploy: stack kept for a look (DEPLOY_KEEP_ON_FAILURE=1): docker compose -p ${PROJECT} ${files.join(' ')} ...`);
    else await step('compose down -v', () => compose(['--profile', 'scale', '--profile', 'monitoring', 'down', '-v', '--remove-orphans']));
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
