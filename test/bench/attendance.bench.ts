// Attendance benchmark: the reference event driven over loopback against real api processes on
// PostgreSQL and Redis. 649 operators (socket + HTTP) check in and report headcounts; 23,041
// delegate check-ins (plus duplicates and retries) arrive while organizer sockets watch.
// Prints throughput, check-in → organizer-summary latency, memory per socket, and exits 1 when the
// final totals differ from what was sent.
//   npm run build && npm run bench:attendance          PROCS="1 2" RATE=0 (max) CONCURRENCY=96
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ADMIN, ROOT, startCluster } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));

const PROCS = (process.env.PROCS ?? '1 2').split(/\s+/).filter(Boolean).map(Number);
const RATE = Number(process.env.RATE ?? 0);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 96);
const WATCHERS = Number(process.env.WATCHERS ?? 4);
const DUPLICATES = Number(process.env.DUPLICATES ?? 0.03);
const RETRIES = Number(process.env.RETRIES ?? 0.03);

type Json = Record<string, unknown>;
const data = demo.generateDemo();

async function api(base: string, path: string, token: string | null, init: { method?: string; body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.key) headers['Idempotency-Key'] = init.key;
  let body: string | FormData | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`${base}/api${path}`, { method: init.method ?? 'GET', headers, body });
  return { status: res.status, body: (await res.json().catch(() => null)) as Json };
}

/** CPU seconds (user + system) a process has used so far. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const postgresPids = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + (() => { try { return cpuSeconds(pid); } catch { return 0; } })(), 0);
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `task` over items with at most `concurrency` in flight and at most `rate` starts per second (0: no limit). */
async function pool<T>(items: T[], concurrency: number, rate: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        if (rate > 0) {
          const due = started + (i * 1000) / rate;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
        }
        await task(items[i]);
      }
    }),
  );
}

async function run(n: number) {
  const { procs, stop } = await startCluster(n, {});
  const sockets: { close(): void }[] = [];
  try {
    const base = procs[0].url;
    const admin = (await api(base, '/auth/login', null, { method: 'POST', body: ADMIN })).body.accessToken as string;
    const conf = (await api(base, '/conferences', admin, { method: 'POST', body: { title: 'Bench', startsAt: new Date().toISOString() } })).body;
    for (const [path, csv] of [['/bridge-points/import', demo.pointsCsv(data)], ['/delegates/import', demo.delegatesCsv(data)]] as const) {
      const form = new FormData();
      form.set('file', new Blob([csv]), 'f.csv');
      form.set('conferenceId', conf.id as string);
      const { jobId } = (await api(base, path, admin, { method: 'POST', body: form })).body as { jobId: string };
      for (;;) {
        const job = (await api(base, `/jobs/${jobId}`, admin)).body;
        if (job.state === 'completed') break;
        if (job.state === 'failed') throw new Error(String(job.failedReason));
        await sleep(100);
      }
    }
    const points = (await api(base, `/conferences/${conf.id}/points`, admin)).body as unknown as { id: string; code: string; joinCode: string }[];
    const tokens = new Map<string, string>();
    await pool(points, 32, 0, async (p) => {
      const s = await api(procs[tokens.size % n].url, '/point-sessions', null, { method: 'POST', body: { joinCode: p.joinCode } });
      tokens.set(p.code, s.body.accessToken as string);
    });

    const rssBefore = procs.map((p) => rssKb(p.child.pid!));
    const summaries: { at: number; checkedIn: number; proc: number }[][] = [];
    const connect = (url: string, token: string, onSummary?: (s: Json) => void) =>
      new Promise<void>((resolve, reject) => {
        const socket = io(`${url}/live`, { auth: { token, conferenceId: conf.id }, transports: ['websocket'], forceNew: true });
        sockets.push(socket);
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
        if (onSummary) socket.on('attendance.summary', onSummary);
      });
    for (let w = 0; w < WATCHERS; w++) {
      const seen: { at: number; checkedIn: number; proc: number }[] = [];
      summaries.push(seen);
      await connect(procs[w % n].url, admin, (s) => seen.push({ at: performance.now(), checkedIn: (s.delegates as { checkedIn: number }).checkedIn, proc: w % n }));
    }
    await pool(points, 64, 0, (p) => connect(procs[points.indexOf(p) % n].url, tokens.get(p.code)!));
    await sleep(1000);
    const rssAfter = procs.map((p) => rssKb(p.child.pid!));
    const perSocketKb = (rssAfter.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0)) / (points.length + WATCHERS);

    // Phase 1: every operator checks its point in and reports a headcount.
    const p1 = performance.now();
    let i = 0;
    await pool(points, 64, 0, async (p) => {
      const url = procs[i++ % n].url;
      const t = tokens.get(p.code)!;
      await api(url, `/conferences/${conf.id}/points/${p.id}/check-in`, t, { method: 'POST' });
      const expected = data.points.find((d: { code: string }) => d.code === p.code).expectedDelegates as number;
      await api(url, `/conferences/${conf.id}/points/${p.id}/headcount`, t, { method: 'PUT', body: { present: expected } });
    });
    const phase1 = (performance.now() - p1) / 1000;

    // Phase 2: delegate check-ins with duplicates (new key) and retries (same key).
    type Req = { code: string; point: string; key: string };
    const reqs: Req[] = data.delegates.map((d: { code: string; pointCode: string }) => ({ code: d.code, point: d.pointCode, key: randomUUID() }));
    for (let k = reqs.length - 1; k > 0; k--) {
      const j = Math.floor(Math.random() * (k + 1));
      [reqs[k], reqs[j]] = [reqs[j], reqs[k]];
    }
    const distinct = reqs.length;
    const extra: Req[] = [];
    for (const r of reqs) {
      if (Math.random() < DUPLICATES) extra.push({ ...r, key: randomUUID() });
      if (Math.random() < RETRIES) extra.push(r);
    }
    for (const e of extra) reqs.splice(Math.floor(Math.random() * reqs.length), 0, e);
    const confirmed: number[] = [];
    const firstSeen = new Set<string>();
    const responseMs: number[] = [];
    let errors = 0;
    let k = 0;
    const apiPids = procs.map((p) => p.child.pid!);
    const pgPids = postgresPids();
    const cpu0 = { api: cpuOf(apiPids), pg: cpuOf(pgPids), client: process.cpuUsage() };
    const p2 = performance.now();
    await pool(reqs, CONCURRENCY, RATE, async (r) => {
      const url = procs[k++ % n].url;
      for (let attempt = 0; ; attempt++) {
        const t0 = performance.now();
        try {
          const res = await api(url, `/conferences/${conf.id}/attendance`, tokens.get(r.point)!, { method: 'POST', body: { delegateCode: r.code }, key: r.key });
          const t1 = performance.now();
          responseMs.push(t1 - t0);
          if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
          if (res.body.alreadyCheckedIn === false && !firstSeen.has(r.code)) {
            firstSeen.add(r.code);
            confirmed.push(t1);
          }
          return;
        } catch (e) {
          errors++;
          if (attempt > 5) throw e;
          await sleep(100 * (attempt + 1));
        }
      }
    });
    const phase2 = (performance.now() - p2) / 1000;
    const clientCpu = process.cpuUsage(cpu0.client);
    const cpu = {
      api: cpuOf(apiPids) - cpu0.api,
      pg: cpuOf(pgPids) - cpu0.pg,
      client: (clientCpu.user + clientCpu.system) / 1e6,
    };

    // Wait for the watchers to see everything, then compute check-in → summary latency.
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline && summaries.some((s) => (s.at(-1)?.checkedIn ?? 0) < distinct)) await sleep(100);
    confirmed.sort((a, b) => a - b);
    const latencies: number[] = [];
    for (const seen of summaries) {
      let j = 0;
      for (let c = 0; c < confirmed.length; c++) {
        while (j < seen.length && seen[j].checkedIn < c + 1) j++;
        if (j < seen.length) latencies.push(seen[j].at - confirmed[c]);
      }
    }
    latencies.sort((a, b) => a - b);
    responseMs.sort((a, b) => a - b);
    const final = (await api(procs[n - 1].url, `/conferences/${conf.id}/attendance/summary`, admin)).body as {
      points: { total: number; checkedIn: number };
      delegates: { expected: number; present: number; checkedIn: number };
    };
    const summariesPerSecond = summaries[0].length / Math.max(1, phase2 + 1);

    console.log(`\n=== ${n} api process${n > 1 ? 'es' : ''} (PostgreSQL, Redis adapter) ===`);
    console.log(`sockets: ${points.length} operators + ${WATCHERS} organizers; api RSS ${rssBefore.map((r) => (r / 1024).toFixed(0)).join('+')} MB → ${rssAfter.map((r) => (r / 1024).toFixed(0)).join('+')} MB; ${perSocketKb.toFixed(1)} KB per socket`);
    console.log(`points: ${points.length} check-ins + headcounts in ${phase1.toFixed(2)} s (${((2 * points.length) / phase1).toFixed(0)} req/s)`);
    console.log(`delegates: ${reqs.length} requests (${distinct} distinct, ${extra.length} duplicates/retries), ${CONCURRENCY} in flight, rate ${RATE || 'max'}: ${phase2.toFixed(2)} s`);
    console.log(`  sustained ${(reqs.length / phase2).toFixed(0)} check-in requests/s, ${(confirmed.length / phase2).toFixed(0)} first check-ins/s; client-side errors retried: ${errors}`);
    const perReq = (sec: number) => ((1000 * sec) / reqs.length).toFixed(2);
    console.log(
      `  CPU during the burst: api ${cpu.api.toFixed(1)} s (${perReq(cpu.api)} ms/request), PostgreSQL ${cpu.pg.toFixed(1)} s ` +
        `(${perReq(cpu.pg)} ms/request), load generator ${cpu.client.toFixed(1)} s (${perReq(cpu.client)} ms/request); ${phase2.toFixed(1)} s × 2 cores available`,
    );
    console.log(`  response time p50 ${pct(responseMs, 50).toFixed(1)} ms, p95 ${pct(responseMs, 95).toFixed(1)} ms, p99 ${pct(responseMs, 99).toFixed(1)} ms`);
    console.log(`  check-in response → organizer summary: p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms (${latencies.length} samples, ${WATCHERS} watchers, ${summariesPerSecond.toFixed(1)} summaries/s each)`);
    console.log(`final: points ${final.points.checkedIn}/${final.points.total}, present ${final.delegates.present}/${final.delegates.expected}, delegates checked in ${final.delegates.checkedIn} (sent ${distinct} distinct)`);
    const ok = final.points.checkedIn === points.length && final.delegates.checkedIn === distinct && confirmed.length === distinct && final.delegates.present === final.delegates.expected;
    if (!ok) {
      console.error(`MISMATCH: lost or double-counted check-ins (confirmed ${confirmed.length}, counted ${final.delegates.checkedIn}, sent ${distinct})`);
      process.exitCode = 1;
    } else {
      console.log('totals exact: 0 lost, 0 double counted');
    }
  } finally {
    for (const s of sockets) s.close();
    await stop();
  }
}

for (const n of PROCS) await run(n);
