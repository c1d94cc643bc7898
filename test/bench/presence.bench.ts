// Presence benchmark: 649 point operators' `/live` sockets held by two child processes against a real
// api process (PostgreSQL, Redis); the child holding 100 of them is killed. Prints when a control-room
// socket heard each of those points go offline (p50/p95/max after the kill) and how many alerts the
// control room raises for them (drops of one district within a minute are one alert). Then, in
// Chromium, how long the readiness board and the points page take to show their first tiles / rows with 649 and
// with 9,000 points.
//   npm run build && npm run bench:presence        BOARD=0 skips the browser part; PICK=spread, KILLED=100, BIG=9000
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDrop, type OfflineAlert } from '../../apps/web/src/features/control/alerts.ts';
import type { PresenceLoadCommand } from './presence-load.ts';
import { ADMIN, call, ROOT, startStack } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));

const KILLED = Number(process.env.KILLED ?? 100);
const BOARD = process.env.BOARD !== '0';
const BIG = Number(process.env.BIG ?? 9000);
const PICK = process.env.PICK === 'spread' ? 'spread' : 'districts';

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Point { id: string; code: string; name: string; joinCode: string; unit: string | null }

function loadChild(url: string, conferenceId: string, tokens: string[]) {
  const child: ChildProcess = fork(join(import.meta.dirname, 'presence-load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<{ count: number; failures: number; ms: number }>((resolve) => child.once('message', (m) => resolve(m as { count: number; failures: number; ms: number })));
  child.send({ type: 'connect', url, conferenceId, tokens } satisfies PresenceLoadCommand);
  return { child, ready };
}

async function setUp(url: string, token: string, title: string, csv: string) {
  const conf = await call<{ id: string }>(url, '/conferences', token, 'POST', { title, startsAt: new Date().toISOString() });
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'points.csv');
  form.append('conferenceId', conf.id);
  const { jobId } = await call<{ jobId: string }>(url, '/bridge-points/import', token, 'POST', form);
  for (;;) {
    const job = await call<{ state: string; result?: { errorCount: number } }>(url, `/jobs/${jobId}`, token);
    if (job.state === 'completed') break;
    if (job.state === 'failed') throw new Error(`import failed: ${JSON.stringify(job)}`);
    await sleep(200);
  }
  const points = await call<Point[]>(url, `/conferences/${conf.id}/points`, token);
  return { id: conf.id, points };
}

/** `n` points spread over the demo's districts (for the 9,000-point board). */
function bigCsv(n: number): string {
  const base = demo.generateDemo().points as { district: string | null; ward: string | null; level: string }[];
  const districts = [...new Set(base.map((p) => p.district).filter(Boolean))] as string[];
  const lines = ['Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu,Người phụ trách,Số điện thoại'];
  for (let i = 1; i <= n; i++) {
    const d = districts[i % districts.length];
    lines.push(`X-${String(i).padStart(5, '0')},Điểm cầu xã số ${i},${d},Xã ${d} ${Math.floor(i / districts.length)},25,Người phụ trách ${i},09${String(10_000_000 + i)}`);
  }
  return lines.join('\n');
}

async function boardTimes(url: string, conferences: { label: string; id: string }[]) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!chromium) {
    console.log('board render: skipped (no Chromium; apt-get install -y chromium)');
    return;
  }
  const { chromium: pw } = require(join(ROOT, 'node_modules/playwright-core'));
  const profile = mkdtempSync(join(tmpdir(), 'bp-bench-chromium-'));
  const context = await pw.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    viewport: { width: 1920, height: 1080 },
    locale: 'vi-VN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const { accessToken } = await call<{ accessToken: string }>(url, '/auth/login', null, 'POST', ADMIN);
  await page.goto(`${url}/login`);
  await page.evaluate((t: string) => localStorage.setItem('bridgepoint.token', t), accessToken);
  try {
    for (const c of conferences) {
      const runs: { first: number; search: number; filter: number; rows: number }[] = [];
      for (let i = 0; i < 3; i++) {
        await page.goto(`${url}/conferences/${c.id}`);
        await page.waitForSelector('[data-testid=tab-readiness]');
        const t0 = await page.evaluate(() => performance.now());
        await page.click('[data-testid=tab-readiness]');
        await page.waitForSelector('[data-testid=readiness-tile]');
        const first = (await page.evaluate(() => performance.now())) - t0;
        const s0 = await page.evaluate(() => performance.now());
        await page.fill('[data-testid=readiness-search]', 'so 12');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=readiness-tile]').length < 200);
        const search = (await page.evaluate(() => performance.now())) - s0;
        await page.fill('[data-testid=readiness-search]', '');
        const f0 = await page.evaluate(() => performance.now());
        await page.click('[data-testid=readiness-count-red]');
        await page.waitForSelector('[data-testid=readiness-count-red][aria-pressed=true]');
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        const filter = (await page.evaluate(() => performance.now())) - f0;
        // The points page (registry): the same click-to-first-row measure.
        const p0 = await page.evaluate(() => performance.now());
        await page.click('a.tab[href$="/points"]');
        await page.waitForSelector('.points-table tbody tr:not([data-spacer])');
        const rows = (await page.evaluate(() => performance.now())) - p0;
        runs.push({ first, search, filter, rows });
      }
      const med = (k: 'first' | 'search' | 'filter' | 'rows') => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
      const tiles = await page.evaluate(() => document.querySelectorAll('[data-testid=readiness-tile]').length);
      const drawn = await page.evaluate(() => document.querySelectorAll('.points-table tbody tr:not([data-spacer])').length);
      console.log(
        `board ${c.label}: tab click → first tiles ${med('first').toFixed(0)} ms (median of 3), search ${med('search').toFixed(0)} ms, state filter ${med('filter').toFixed(0)} ms; ${tiles} tiles in the page`,
      );
      console.log(`points page ${c.label}: tab click → first row ${med('rows').toFixed(0)} ms (median of 3); ${drawn} rows drawn`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const stack = await startStack('postgres', { WEB_DIST: join(ROOT, 'apps/web/dist') }, { captureOutput: true });
  const children: ChildProcess[] = [];
  try {
    const token = await stack.token();
    const data = demo.generateDemo();
    const event = await setUp(stack.url, token, 'Hội nghị đo hiện diện', demo.pointsCsv(data));
    const points = event.points.sort((a, b) => a.code.localeCompare(b.code));
    console.log(`${points.length} points`);
    const tokens = new Map<string, string>();
    for (const p of points) {
      const s = await call<{ accessToken: string }>(stack.url, '/point-sessions', null, 'POST', { joinCode: p.joinCode });
      tokens.set(p.id, s.accessToken);
      await call(stack.url, `/conferences/${event.id}/points/${p.id}/check-in`, s.accessToken, 'POST');
    }
    const presence = await call<{ points: { pointId: string; district: string | null; code: string; name: string }[] }>(stack.url, `/conferences/${event.id}/presence`, token);
    const district = new Map(presence.points.map((p) => [p.pointId, p.district]));

    // The control room.
    const watcher = io(`${stack.url}/live`, { auth: { token, conferenceId: event.id }, transports: ['websocket'], forceNew: true });
    const offlineAt = new Map<string, number>();
    let onlineEvents = 0;
    watcher.on('presence.changed', (c: { pointId: string; online: boolean }) => {
      if (c.online) onlineEvents++;
      else if (!offlineAt.has(c.pointId)) offlineAt.set(c.pointId, Date.now());
    });
    await new Promise((r) => watcher.once('connect', r));

    // Killed: 100 points in code order (a few whole districts, as when a region's network goes down),
    // or with PICK=spread one point in six across the city.
    const step = Math.floor(points.length / KILLED);
    const doomed = PICK === 'spread' ? points.filter((_, i) => i % step === 0).slice(0, KILLED) : points.slice(0, KILLED);
    const doomedIds = new Set(doomed.map((p) => p.id));
    const kept = points.filter((p) => !doomedIds.has(p.id));
    const a = loadChild(stack.url, event.id, kept.map((p) => tokens.get(p.id)!));
    const b = loadChild(stack.url, event.id, doomed.map((p) => tokens.get(p.id)!));
    children.push(a.child, b.child);
    const t0 = Date.now();
    const [ra, rb] = await Promise.all([a.ready, b.ready]);
    console.log(`sockets: ${ra.count + rb.count} connected (${ra.failures + rb.failures} failed) in ${Date.now() - t0} ms`);
    const onlineDeadline = Date.now() + 30_000;
    while (onlineEvents < points.length && Date.now() < onlineDeadline) await sleep(50);
    console.log(`online: control room heard ${onlineEvents} points come online, the last ${Date.now() - t0} ms after the first connect`);
    await sleep(3000);

    const killedAt = Date.now();
    b.child.kill('SIGKILL');
    const deadline = killedAt + 20_000;
    while (offlineAt.size < doomed.length && Date.now() < deadline) await sleep(20);
    const delays = doomed.map((p) => offlineAt.get(p.id)).filter((x): x is number => x !== undefined).map((t) => t - killedAt).sort((x, y) => x - y);
    const wrong = [...offlineAt.keys()].filter((id) => !doomedIds.has(id)).length;
    console.log(
      `offline after kill -9 of the child holding ${doomed.length}: heard ${delays.length}/${doomed.length}; p50 ${pct(delays, 50)} ms, p95 ${pct(delays, 95)} ms, max ${delays.at(-1)} ms; ${wrong} other points reported offline`,
    );
    // The control room's grouping, applied to what it heard.
    let alerts: OfflineAlert[] = [];
    let seq = 0;
    for (const [pointId, at] of [...offlineAt].sort((x, y) => x[1] - y[1])) {
      const p = presence.points.find((q) => q.pointId === pointId)!;
      alerts = addDrop(alerts, { pointId, code: p.code, name: p.name, district: district.get(pointId) ?? null }, at, () => String(++seq)).alerts;
    }
    console.log(`alerts: ${alerts.length} for ${offlineAt.size} points (${alerts.map((x) => `${x.points.length} × ${x.district ?? 'city agencies'}`).slice(0, 6).join(', ')}${alerts.length > 6 ? ', …' : ''})`);
    const after = await call<{ online: number; total: number }>(stack.url, `/conferences/${event.id}/presence`, token);
    console.log(`presence now: ${after.online} / ${after.total} online`);
    watcher.close();

    if (BOARD) {
      const big = await setUp(stack.url, token, `Hội nghị ${BIG} điểm cầu`, bigCsv(BIG));
      await boardTimes(stack.url, [
        { label: `${points.length} points`, id: event.id },
        { label: `${big.points.length} points`, id: big.id },
      ]);
    }
  } catch (e) {
    console.error(stack.output());
    throw e;
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await stack.stop();
  }
}

await main();
