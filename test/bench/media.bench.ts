// Media engine: one presenter (VP8 ~500 kbps + Opus) to N point subscribers through a real api
// process and its `/media` signaling. The presenter is a werift peer in this process sending
// synthetic RTP; the subscribers are werift peers that only count packets (no decoding), split over
// child processes. For each N, after a warm-up, prints over a measurement window: api CPU, CPU per
// forwarded packet, loss by RTP sequence gaps, bitrate received per subscriber, presenter →
// subscriber delay, api RSS, and the load generator's own CPU. Stops raising N once loss passes LOSS_STOP %. Then (FIRST_FRAME=1) a
// Chromium presenter goes live with the fake camera and Chromium operator pages measure the time
// from opening `/point/<joinCode>/broadcast` to the first decoded frame.
//   npm run build && npm run bench:media
//   N="25 50 100 150 200" WARMUP=5 WINDOW=20 GROUPS=2 LOSS_STOP=2 FIRST_FRAME=1 LOADS=5 DB=postgres
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ask, connectMedia, SyntheticPresenter, type FromGroup, type SubscriberCount, type ToGroup } from './media-peers.ts';
import { ADMIN, call, cpuSeconds, ROOT, startStack, type Stack } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));

const NS = (process.env.N ?? '25 50 100 150 200').split(/\s+/).filter(Boolean).map(Number);
const WARMUP_S = Number(process.env.WARMUP ?? 5);
const WINDOW_S = Number(process.env.WINDOW ?? 20);
const GROUPS = Math.max(1, Number(process.env.GROUPS ?? 2));
const CONNECT_CONCURRENCY = Number(process.env.CONNECT_CONCURRENCY ?? 8);
const LOSS_STOP = Number(process.env.LOSS_STOP ?? 2);
const LOSS_OK = 1;
const VIDEO_KBPS = Number(process.env.VIDEO_KBPS ?? 500);
const FIRST_FRAME = (process.env.FIRST_FRAME ?? '1') !== '0';
const LOADS = Number(process.env.LOADS ?? 5);
const DB = (process.env.DB ?? 'postgres') as 'postgres' | 'pglite';
const WEB_DIST = join(ROOT, 'apps/web/dist');
const GROUP_SCRIPT = join(import.meta.dirname, 'media-peers.ts');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}


interface Scene {
  admin: string;
  conferenceId: string;
  points: { id: string; code: string; joinCode: string }[];
}

/** A conference happening now, with the demo's points imported. */
async function scene(stack: Stack): Promise<Scene> {
  const admin = (await call<{ accessToken: string }>(stack.url, '/auth/login', null, 'POST', ADMIN)).accessToken;
  const conf = await call<{ id: string }>(stack.url, '/conferences', admin, 'POST', {
    title: 'Bench phát sóng',
    startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  });
  const form = new FormData();
  form.set('file', new Blob([demo.pointsCsv(demo.generateDemo())]), 'points.csv');
  form.set('conferenceId', conf.id);
  const { jobId } = await call<{ jobId: string }>(stack.url, '/bridge-points/import', admin, 'POST', form);
  for (;;) {
    const job = await call<{ state: string; failedReason?: string }>(stack.url, `/jobs/${jobId}`, admin);
    if (job.state === 'completed') break;
    if (job.state === 'failed') throw new Error(`points import failed: ${job.failedReason}`);
    await sleep(100);
  }
  const points = await call<Scene['points']>(stack.url, `/conferences/${conf.id}/points`, admin);
  return { admin, conferenceId: conf.id, points };
}

async function pointTokens(stack: Stack, points: Scene['points'], n: number): Promise<string[]> {
  const tokens: string[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        const i = next++;
        const point = points[i % points.length];
        tokens[i] = (await call<{ accessToken: string }>(stack.url, '/point-sessions', null, 'POST', { joinCode: point.joinCode })).accessToken;
      }
    }),
  );
  return tokens;
}

/** A child process holding a share of the subscribers. */
class Group {
  readonly child: ChildProcess;
  private seq = 0;
  constructor() {
    this.child = fork(GROUP_SCRIPT, ['--subscribers'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }
  private request<T extends FromGroup['type']>(message: ToGroup, type: T, timeoutMs: number, id?: number): Promise<Extract<FromGroup, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', listener);
        reject(new Error(`subscriber process: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (m: FromGroup) => {
        if (m.type !== type || (id !== undefined && (m as { id?: number }).id !== id)) return;
        clearTimeout(timer);
        this.child.off('message', listener);
        resolve(m as Extract<FromGroup, { type: T }>);
      };
      this.child.on('message', listener);
      this.child.send(message);
    });
  }
  open(url: string, conferenceId: string, tokens: string[]) {
    return this.request({ type: 'open', url, conferenceId, tokens, concurrency: CONNECT_CONCURRENCY }, 'opened', 60_000 + tokens.length * 2000);
  }
  async snapshot(): Promise<{ subscribers: SubscriberCount[]; delays: number[] }> {
    const id = ++this.seq;
    return this.request({ type: 'snapshot', id }, 'snapshot', 10_000, id);
  }
  async close() {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.request({ type: 'close' }, 'closed', 15_000).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

interface Row {
  n: number;
  connected: number;
  apiCpu: number;
  usPerPacket: number;
  lossVideo: number;
  lossAudio: number;
  worstVideo: number;
  worstAudio: number;
  delivered: number;
  kbpsMedian: number;
  kbpsMin: number;
  rss: number;
  generatorCpu: number;
  forwardedPerS: number;
  delayP50: number;
  delayP95: number;
}

interface Snap {
  at: number;
  api: number;
  generator: number;
  sent: { video: number; audio: number };
  subs: SubscriberCount[];
  /** Presenter → subscriber delays (ms) sampled since the previous snapshot, sorted. */
  delays: number[];
}

async function measure(n: number): Promise<Row | null> {
  const stack = await startStack(DB, {}, { captureOutput: true });
  const groups: Group[] = [];
  let presenter: SyntheticPresenter | null = null;
  let presenterSocket: Awaited<ReturnType<typeof connectMedia>> | null = null;
  try {
    const apiPid = stack.process.pid!;
    const s = await scene(stack);
    const tokens = await pointTokens(stack, s.points, n);

    presenterSocket = await connectMedia(stack.url, s.admin, s.conferenceId);
    const joined = await ask<{ engine: string; publishes?: string[] }>(presenterSocket, 'media.join', {});
    if (!joined.publishes?.includes('presenter')) throw new Error(`media.join: the admin may not publish the presenter source (${JSON.stringify(joined)})`);
    presenter = new SyntheticPresenter(VIDEO_KBPS);
    const { sdp: answer } = await ask<{ sdp: string }>(presenterSocket, 'media.publish', { source: 'presenter', sdp: await presenter.offer() });
    await presenter.accept(answer);
    await presenter.connected();
    presenter.start();
    const startedAt = performance.now();
    const events: string[] = [];
    const event = (what: string) => events.push(`${what} at +${((performance.now() - startedAt) / 1000).toFixed(1)} s after the presenter started`);
    let shown = 0;
    const showEvents = () => {
      if (events.length > shown) console.log(`  N=${n}: ${events.slice(shown).join('; ')}`);
      shown = events.length;
    };
    presenter.pc.connectionStateChange.subscribe((state) => event(`presenter connection ${state}`));
    presenterSocket.on('media.unpublished', (p) => event(`media.unpublished ${JSON.stringify(p)}`));
    presenterSocket.on('media.error', (e) => event(`media.error ${JSON.stringify(e)}`));
    presenterSocket.on('disconnect', (reason) => event(`presenter socket disconnected (${String(reason)})`));

    const shares: string[][] = Array.from({ length: GROUPS }, () => []);
    tokens.forEach((t, i) => shares[i % GROUPS].push(t));
    for (const share of shares) if (share.length > 0) groups.push(new Group());
    const opened = await Promise.all(groups.map((g, i) => g.open(stack.url, s.conferenceId, shares[i])));
    const connected = opened.reduce((a, o) => a + o.connected, 0);
    const errors = opened.flatMap((o) => o.errors);
    if (errors.length > 0) console.log(`  N=${n}: ${errors.length} subscriber(s) failed to start, e.g. ${[...new Set(errors)].slice(0, 3).join(' | ')}`);
    showEvents();
    if (connected === 0) {
      console.log(`  N=${n}: no subscriber received media; api output:\n${stack.output().slice(-3000)}`);
      return null;
    }

    await sleep(WARMUP_S * 1000);
    const snap = async (): Promise<Snap> => {
      const taken = await Promise.all(groups.map((g) => g.snapshot()));
      const subs = taken.flatMap((t) => t.subscribers);
      return {
        delays: taken.flatMap((t) => t.delays).sort((x, y) => x - y),
        at: performance.now(),
        api: cpuSeconds(apiPid),
        generator: cpuSeconds(process.pid) + groups.reduce((a, g) => a + cpuSeconds(g.child.pid!), 0),
        sent: { video: presenter!.stats.videoPackets, audio: presenter!.stats.audioPackets },
        subs,
      };
    };
    const a = await snap();
    await sleep(WINDOW_S * 1000);
    const b = await snap();
    const seconds = (b.at - a.at) / 1000;
    showEvents();
    const rss = rssMb(apiPid);

    // Loss by sequence gaps; a subscriber that never started, or went silent, counts every packet the presenter sent as lost.
    const loss = (kind: 'audio' | 'video') => {
      const sent = b.sent[kind] - a.sent[kind];
      let lost = 0;
      let expected = 0;
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const x = a.subs[i]?.[kind];
        const y = b.subs[i]?.[kind];
        const received = x && y ? y.received - x.received : 0;
        let exp = x && y ? y.expected - x.expected : 0;
        if (received === 0) exp = sent;
        const l = Math.max(0, exp - received);
        lost += l;
        expected += exp;
        if (exp > 0) worst = Math.max(worst, (100 * l) / exp);
      }
      return { pct: expected > 0 ? (100 * lost) / expected : 100, worst };
    };
    const video = loss('video');
    const audio = loss('audio');
    let forwarded = 0;
    const kbps: number[] = [];
    for (let i = 0; i < b.subs.length; i++) {
      const x = a.subs[i];
      const y = b.subs[i];
      if (!x || !y) continue;
      forwarded += y.audio.received - x.audio.received + y.video.received - x.video.received;
      kbps.push(((y.audio.bytes - x.audio.bytes + y.video.bytes - x.video.bytes) * 8) / seconds / 1000);
    }
    while (kbps.length < n) kbps.push(0);
    const sentTotal = b.sent.video - a.sent.video + b.sent.audio - a.sent.audio;
    const apiCpuS = b.api - a.api;
    return {
      n,
      connected,
      apiCpu: (100 * apiCpuS) / seconds,
      usPerPacket: forwarded > 0 ? (apiCpuS * 1e6) / forwarded : NaN,
      lossVideo: video.pct,
      lossAudio: audio.pct,
      worstVideo: video.worst,
      worstAudio: audio.worst,
      delivered: (100 * forwarded) / (sentTotal * n),
      kbpsMedian: median(kbps),
      kbpsMin: Math.min(...kbps),
      rss,
      generatorCpu: (100 * (b.generator - a.generator)) / seconds,
      forwardedPerS: forwarded / seconds,
      delayP50: pct(b.delays, 50),
      delayP95: pct(b.delays, 95),
    };
  } finally {
    await Promise.all(groups.map((g) => g.close()));
    presenterSocket?.close();
    await presenter?.close();
    await stack.stop();
  }
}

function printHeader() {
  console.log(
    [
      'N'.padStart(4),
      'up'.padStart(4),
      'api CPU'.padStart(8),
      'µs/pkt'.padStart(7),
      'pkt/s out'.padStart(10),
      'loss v/a %'.padStart(12),
      'worst v/a %'.padStart(13),
      'delivered'.padStart(10),
      'kbps med/min'.padStart(13),
      'delay p50/p95'.padStart(14),
      'api RSS'.padStart(8),
      'gen CPU'.padStart(8),
    ].join(' '),
  );
}
function printRow(r: Row) {
  console.log(
    [
      String(r.n).padStart(4),
      String(r.connected).padStart(4),
      `${r.apiCpu.toFixed(0)}%`.padStart(8),
      r.usPerPacket.toFixed(1).padStart(7),
      r.forwardedPerS.toFixed(0).padStart(10),
      `${r.lossVideo.toFixed(2)}/${r.lossAudio.toFixed(2)}`.padStart(12),
      `${r.worstVideo.toFixed(1)}/${r.worstAudio.toFixed(1)}`.padStart(13),
      `${r.delivered.toFixed(1)}%`.padStart(10),
      `${r.kbpsMedian.toFixed(0)}/${r.kbpsMin.toFixed(0)}`.padStart(13),
      `${r.delayP50.toFixed(1)}/${r.delayP95.toFixed(1)} ms`.padStart(14),
      `${r.rss.toFixed(0)} MB`.padStart(8),
      `${r.generatorCpu.toFixed(0)}%`.padStart(8),
    ].join(' '),
  );
}

// ---------------------------------------------------------------------------------------------
// First decoded frame at a Chromium operator page

const MEDIA_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
/** The presenter's video in the operator's player (the first video of the player if that test id goes). */
const PLAYER_VIDEO = ['[data-testid="broadcast-presenter"] video', '[data-testid="broadcast-player"] video'];

async function goLive(page: Page, base: string, conferenceId: string) {
  await page.goto(`${base}/conferences/${conferenceId}/present`);
  // The client redirects to its sign-in form after loading; sign in there when it does.
  const username = page.locator('input[name=username]');
  await username.or(page.locator('[data-testid="present"]')).first().waitFor({ timeout: 15_000 });
  if (await username.isVisible()) {
    await page.fill('input[name=username]', ADMIN.username);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/present$/, { timeout: 15_000 });
  }
  const toggle = page.locator('[data-testid="present-toggle"]').or(page.getByRole('button', { name: 'Phát sóng' })).first();
  await toggle.waitFor({ timeout: 20_000 });
  const deadline = Date.now() + 20_000;
  while (!(await toggle.isEnabled()) && Date.now() < deadline) await sleep(100);
  await toggle.click();
  await page
    .locator('[data-testid="present"][data-state="live"]')
    .or(page.getByText('Đang phát sóng'))
    .first()
    .waitFor({ timeout: 20_000 });
}

/** Milliseconds from `page.goto` to the player's `<video>` having a decoded frame (videoWidth > 0). */
async function firstFrame(browser: Browser, base: string, joinCode: string): Promise<number> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${base}/point/${joinCode}/broadcast`);
    const handle = await page.waitForFunction(
      (selectors) => {
        const video = selectors.map((s) => document.querySelector(s) as HTMLVideoElement | null).find((v) => v !== null);
        return video && video.videoWidth > 0 ? performance.timeOrigin + performance.now() : false;
      },
      PLAYER_VIDEO,
      { polling: 10, timeout: 30_000 },
    );
    return ((await handle.jsonValue()) as number) - t0;
  } finally {
    await context.close();
  }
}

async function firstFrameBench() {
  console.log(`\n=== time to first frame: Chromium operator page /point/<joinCode>/broadcast, Chromium presenter with the fake camera, no other load ===`);
  const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
  if (!chromiumPath) return console.log('skipped: no Chromium (set CHROMIUM_PATH or apt-get install chromium)');
  if (!existsSync(join(WEB_DIST, 'index.html'))) return console.log(`skipped: ${WEB_DIST}/index.html is missing (build the web client)`);
  const { chromium } = require(join(ROOT, 'node_modules/playwright-core')) as typeof import('playwright-core');
  const stack = await startStack(DB, { WEB_DIST }, { captureOutput: true });
  let browser: Browser | null = null;
  try {
    const s = await scene(stack);
    browser = await chromium.launch({ executablePath: chromiumPath, args: MEDIA_FLAGS, headless: true });
    const presenterContext = await browser.newContext({ locale: 'vi-VN', permissions: ['camera', 'microphone'] });
    const presenterPage = await presenterContext.newPage();
    try {
      await goLive(presenterPage, stack.url, s.conferenceId);
    } catch (e) {
      return console.log(`skipped: the presenter page did not go live (${(e as Error).message.split('\n')[0]})`);
    }
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      try {
        times.push(await firstFrame(browser, stack.url, s.points[i % s.points.length].joinCode));
      } catch (e) {
        console.log(`load ${i + 1}: no decoded frame in ${PLAYER_VIDEO.join(" or ")} (${(e as Error).message.split('\n')[0]})`);
      }
    }
    if (times.length === 0) return console.log('skipped: no page load showed a frame (has the player markup changed?)');
    console.log(`page open → first decoded frame: median ${median(times).toFixed(0)} ms over ${times.length} loads (${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stack.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const probe = await startStack(DB, {}, { captureOutput: true });
const health = await call<{ media?: { engine?: string; workers?: number } }>(probe.url, '/health', null).catch(() => ({}) as { media?: { engine?: string } });
await probe.stop();
const engine = health.media?.engine ?? 'unknown';
console.log(`media engine (GET /api/health): ${engine}`);
console.log(
  `load: 1 synthetic presenter (werift peer in this process: VP8 ~${VIDEO_KBPS} kbps at 30 fps in ≤1,100-byte packets + Opus 50 packets/s) → ` +
    `N point subscribers (werift peers counting RTP, no decoding) in ${GROUPS} child process(es); ` +
    `warm-up ${WARMUP_S} s, window ${WINDOW_S} s; ${cpus().length} cores shared by the api and the generator`,
);

if (engine !== 'werift') {
  console.log(
    engine === 'mediasoup'
      ? 'skipped: the engine is mediasoup; the werift-style subscribers (one peer connection per subscription, whole SDP) do not apply to its transports/consumers dialect'
      : `skipped: no werift engine in this api (engine "${engine}")`,
  );
} else {
  const rows: Row[] = [];
  let headerPrinted = false;
  for (const n of NS) {
    let row: Row | null;
    try {
      row = await measure(n);
    } catch (e) {
      console.log(`N=${n}: failed: ${(e as Error).message}`);
      process.exitCode = 1;
      break;
    }
    if (!row) {
      process.exitCode = 1;
      break;
    }
    if (!headerPrinted) {
      console.log('\nup = subscribers receiving; µs/pkt = api CPU time / packets received by all subscribers; loss by RTP sequence gaps (all subscribers; worst = one subscriber)');
      console.log('delivered = packets received / (packets sent × N): below 100 % with no gaps means queues are growing; kbps = RTP bytes received per subscriber');
      console.log('delay = presenter send → subscriber receive (sampled packets); CPU % of one core; gen = this process + subscriber processes');
      printHeader();
      headerPrinted = true;
    }
    printRow(row);
    rows.push(row);
    const loss = Math.max(row.lossVideo, row.lossAudio);
    if (loss > LOSS_STOP) {
      console.log(`loss ${loss.toFixed(2)} % > ${LOSS_STOP} %: not raising N further`);
      break;
    }
  }
  const ok = rows.filter((r) => r.connected === r.n && Math.max(r.lossVideo, r.lossAudio) < LOSS_OK);
  if (rows.length > 0) {
    console.log(
      ok.length > 0
        ? `werift sustains ${Math.max(...ok.map((r) => r.n))} subscribers with loss < ${LOSS_OK} % (of N tried: ${rows.map((r) => r.n).join(', ')}; load generated on the same ${cpus().length} cores)`
        : `werift sustains none of the N tried with loss < ${LOSS_OK} %`,
    );
  }
}

if (FIRST_FRAME) {
  try {
    await firstFrameBench();
  } catch (e) {
    console.log(`first-frame measurement failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
} else console.log('\ntime to first frame: skipped (FIRST_FRAME=0)');
// Closed werift peer connections can leave UDP sockets open: do not wait for them.
process.exit();
