// Delegates benchmark: the reference event's 23,041 delegates on their own phones, held by two api
// processes (PostgreSQL, Redis adapter) and measured against bare socket.io 4.8.4 in the same run.
// Prints: time to connect every phone, memory per socket and idle CPU against bare socket.io, a burst
// of 23,041 self check-ins (with ~3 % retries and duplicates), one agenda change reaching every phone,
// and the time until every phone is back after one api process is killed. Exits 1 when the final
// totals differ from what was sent. Connects are compared by server CPU per connect (the rate each
// server reaches on a core of its own): on a small machine the load generators and both api processes
// share the same cores, so wall-clock rates measure the machine more than the server.
//   npm run build && npm run bench:delegates         WORKERS=4 CONCURRENCY=64 IDLE_SECONDS=20 DELEGATES=23041
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { LoadCommand } from './delegate-load.ts';
import { ADMIN, call, cpuSeconds, ROOT, startCluster } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));

const WORKERS = Number(process.env.WORKERS ?? 4);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 20);
/** Fewer phones than the reference event's, for a quick run. */
const LIMIT = Number(process.env.DELEGATES ?? Infinity);
const DUPLICATES = 0.03;
const RETRIES = 0.03;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const rssKb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** A forked load generator and a way to ask it something and wait for its answer. */
class Worker {
  readonly child: ChildProcess = fork(join(import.meta.dirname, 'delegate-load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  ask<T>(cmd: LoadCommand, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === 'error') reject(new Error(m.message));
        else if (m.type === answer) resolve(m as T);
        else return;
        this.child.off('message', onMessage);
      };
      this.child.on('message', onMessage);
      this.child.send(cmd);
    });
  }
}

async function pool<T>(items: T[], concurrency: number, task: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i], i);
      }
    }),
  );
}

const split = <T>(items: T[], parts: number) => Array.from({ length: parts }, (_, w) => items.filter((_, i) => i % parts === w));

/** Bare socket.io holding `count` sockets: connect rate and CPU per connect, memory per socket, idle CPU per socket-second. */
async function bare(count: number) {
  const server = fork(join(import.meta.dirname, 'bare-io.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve) => server.once('message', (m: { url: string }) => resolve(m.url)));
  await sleep(500);
  const rss0 = rssKb(server.pid!);
  // The same load generators as the api's phones get.
  const workers = Array.from({ length: WORKERS }, () => new Worker());
  const phones = Array.from({ length: count }, () => ({ token: 'x', url }));
  const connectCpu0 = cpuSeconds(server.pid!);
  const started = Date.now();
  await Promise.all(split(phones, workers.length).map((part, w) => workers[w].ask({ type: 'connect', phones: part, conferenceId: '', namespace: '/live', concurrency: CONCURRENCY, withAuth: true }, 'connected')));
  const connectMs = Date.now() - started;
  const cpuPerConnect = (cpuSeconds(server.pid!) - connectCpu0) / count;
  await sleep(2000);
  const rss1 = rssKb(server.pid!);
  const cpu0 = cpuSeconds(server.pid!);
  await sleep(IDLE_SECONDS * 1000);
  const idle = cpuSeconds(server.pid!) - cpu0;
  await Promise.all(workers.map((w) => w.ask({ type: 'close' }, 'closed')));
  server.kill('SIGTERM');
  return { connectsPerSecond: (count / connectMs) * 1000, cpuPerConnect, kbPerSocket: (rss1 - rss0) / count, idleCpuPerSocket: idle / IDLE_SECONDS / count };
}

async function main() {
  const cluster = await startCluster(2);
  const { procs } = cluster;
  const workers: Worker[] = [];
  try {
    const base = procs[0].url;
    const admin = (await call<{ accessToken: string }>(base, '/auth/login', null, 'POST', ADMIN)).accessToken;
    const data = demo.generateDemo();
    const conf = await call<{ id: string }>(base, '/conferences', admin, 'POST', {
      title: 'Hội nghị đo tải đại biểu',
      startsAt: new Date(Date.now() - 600_000).toISOString(),
      agenda: [{ title: 'Khai mạc' }, { title: 'Báo cáo' }],
    });
    for (const [path, csv] of [['/bridge-points/import', demo.pointsCsv(data)], ['/delegates/import', demo.delegatesCsv(data)]] as const) {
      const form = new FormData();
      form.set('file', new Blob([csv]), 'f.csv');
      form.set('conferenceId', conf.id);
      const { jobId } = await call<{ jobId: string }>(base, path, admin, 'POST', form);
      for (;;) {
        const job = await call<{ state: string; failedReason: string }>(base, `/jobs/${jobId}`, admin);
        if (job.state === 'completed') break;
        if (job.state === 'failed') throw new Error(job.failedReason);
        await sleep(200);
      }
    }
    for (const status of ['scheduled', 'live']) await call(base, `/conferences/${conf.id}`, admin, 'PATCH', { status });
    const points = await call<{ id: string; code: string }[]>(base, `/conferences/${conf.id}/points`, admin);
    const pointIds = new Map(points.map((p) => [p.code, p.id]));
    // A room code stays valid for at least 60 s after it is shown: read it again, as the room's screen would, when older.
    const roomCodes = new Map<string, { at: number; code: Promise<string> }>();
    const roomCode = (pointCode: string) => {
      let hit = roomCodes.get(pointCode);
      if (!hit || Date.now() - hit.at > 50_000) {
        const code = call<{ roomCode: string }>(base, `/conferences/${conf.id}/points/${pointIds.get(pointCode)}/room-code`, admin).then((r) => r.roomCode);
        roomCodes.set(pointCode, (hit = { at: Date.now(), code }));
      }
      return hit.code;
    };

    // Every delegate opens a session on their phone (alternating between the two processes).
    const delegates = (data.delegates as { code: string; pointCode: string }[]).slice(0, LIMIT);
    const phones: { code: string; token: string; url: string }[] = new Array(delegates.length);
    const opened = Date.now();
    await pool(delegates, CONCURRENCY, async (d, i) => {
      const url = procs[i % 2].url;
      const open = async () => call<{ accessToken: string }>(url, '/delegate-sessions', null, 'POST', { roomCode: await roomCode(d.pointCode), delegateCode: d.code, deviceId: `bench-phone-${i}` });
      // A phone tries again (same device) when the connection dropped before the answer came.
      const s = await open().catch((e: Error) => (e.message === 'fetch failed' ? sleep(200).then(open) : Promise.reject(e)));
      phones[i] = { code: d.code, token: s.accessToken, url };
    });
    console.log(`\n${phones.length} delegate sessions opened in ${((Date.now() - opened) / 1000).toFixed(1)} s`);

    const baseline = await bare(Math.ceil(phones.length / 2));
    for (let w = 0; w < WORKERS; w++) workers.push(new Worker());
    const pids = () => procs.map((p) => p.child.pid!);
    const rss0 = pids().map(rssKb);
    const apiCpu = () => pids().reduce((a, pid) => a + cpuSeconds(pid), 0);
    const connectCpu0 = apiCpu();
    const started = Date.now();
    const connected = await Promise.all(
      split(phones, WORKERS).map((part, w) => workers[w].ask<{ count: number; failures: number }>({ type: 'connect', phones: part, conferenceId: conf.id, namespace: '/live', concurrency: CONCURRENCY, withAuth: true }, 'connected')),
    );
    const connectMs = Date.now() - started;
    const cpuPerConnect = (apiCpu() - connectCpu0) / phones.length;
    await sleep(2000);
    const rss1 = pids().map(rssKb);
    const kbPerSocket = (rss1.reduce((a, b) => a + b, 0) - rss0.reduce((a, b) => a + b, 0)) / phones.length;
    const idle0 = apiCpu();
    await sleep(IDLE_SECONDS * 1000);
    const idleCpuPerSocket = (apiCpu() - idle0) / IDLE_SECONDS / phones.length;
    const open = connected.reduce((a, c) => a + c.count, 0);
    const connectsPerSecond = (phones.length / connectMs) * 1000;
    console.log(
      `connect: ${open}/${phones.length} phones on 2 processes in ${(connectMs / 1000).toFixed(1)} s: ${connectsPerSecond.toFixed(0)}/s (bare socket.io, one process: ${baseline.connectsPerSecond.toFixed(0)}/s; ` +
        `both with ${WORKERS} load generators on ${availableParallelism()} cores; ${connected.reduce((a, c) => a + c.failures, 0)} connect errors retried); api CPU ${(cpuPerConnect * 1000).toFixed(3)} ms per connect (bare: ${(baseline.cpuPerConnect * 1000).toFixed(3)} ms) → ${(baseline.cpuPerConnect / cpuPerConnect).toFixed(2)}× bare's rate per core`,
    );
    console.log(`memory: ${kbPerSocket.toFixed(1)} KB per socket (bare: ${baseline.kbPerSocket.toFixed(1)} KB → ${(kbPerSocket / baseline.kbPerSocket).toFixed(2)}×); api RSS ${rss0.map((r) => (r / 1024).toFixed(0)).join('+')} → ${rss1.map((r) => (r / 1024).toFixed(0)).join('+')} MB`);
    console.log(`idle: ${(idleCpuPerSocket * phones.length * 100).toFixed(1)} % of a core for ${phones.length} sockets over ${IDLE_SECONDS} s (bare for as many: ${(baseline.idleCpuPerSocket * phones.length * 100).toFixed(1)} % → ${(idleCpuPerSocket / baseline.idleCpuPerSocket).toFixed(2)}×)`);

    // One agenda change reaches every phone.
    const marker = `Mục mới ${randomUUID().slice(0, 8)}`;
    const seen = workers.map((w) => w.ask<{ at: (number | null)[] }>({ type: 'watch', marker }, 'seen'));
    await sleep(200);
    const changedAt = Date.now();
    await call(base, `/conferences/${conf.id}/agenda`, admin, 'PUT', { items: [{ title: 'Khai mạc' }, { title: marker }] });
    const at = (await Promise.all(seen)).flatMap((s) => s.at);
    const delays = at.filter((t): t is number => t !== null).map((t) => t - changedAt).sort((a, b) => a - b);
    console.log(`agenda change → every phone: ${delays.length}/${at.length} received; p50 ${pct(delays, 50)} ms, p99 ${pct(delays, 99)} ms, max ${delays.at(-1)} ms`);

    // The burst: every delegate taps "check in", some twice, some retried with the same key.
    const items = phones.map((p) => ({ token: p.token, url: p.url, key: randomUUID(), code: p.code }));
    const extra: typeof items = [];
    for (const it of items) {
      if (Math.random() < DUPLICATES) extra.push({ ...it, key: randomUUID() });
      if (Math.random() < RETRIES) extra.push(it);
    }
    const all = [...items, ...extra].sort(() => Math.random() - 0.5);
    const cpu0 = apiCpu();
    const burstStart = Date.now();
    const results = await Promise.all(
      split(all, WORKERS).map((part, w) => workers[w].ask<{ latencies: number[]; first: number; errors: number }>({ type: 'checkin', items: part, conferenceId: conf.id, concurrency: Math.ceil(96 / WORKERS) }, 'checked-in')),
    );
    const burstSeconds = (Date.now() - burstStart) / 1000;
    const cpuPerRequest = ((apiCpu() - cpu0) * 1000) / all.length;
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const first = results.reduce((a, r) => a + r.first, 0);
    console.log(
      `self check-ins: ${all.length} requests (${items.length} delegates, ${extra.length} duplicates and retries) in ${burstSeconds.toFixed(1)} s: ` +
        `${(all.length / burstSeconds).toFixed(0)}/s; p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms; ` +
        `api CPU ${cpuPerRequest.toFixed(3)} ms per request; errors retried ${results.reduce((a, r) => a + r.errors, 0)}`,
    );

    // One api process dies; a supervisor starts it again; every phone comes back.
    const killedAt = Date.now();
    procs[0].child.kill('SIGKILL');
    const back = workers.map((w) => w.ask<{ expected: number; back: number; times: number[] }>({ type: 'reconnected', since: killedAt, url: procs[0].url, timeoutMs: 120_000 }, 'reconnected'));
    await cluster.restart(0);
    const restarted = Date.now() - killedAt;
    const reconnected = await Promise.all(back);
    const times = reconnected.flatMap((r) => r.times).sort((a, b) => a - b);
    const expected = reconnected.reduce((a, r) => a + r.expected, 0);
    console.log(`kill -9 of one process: restarted and healthy after ${(restarted / 1000).toFixed(1)} s; ${times.length}/${expected} of its phones back: p50 ${(pct(times, 50) / 1000).toFixed(1)} s, last ${((times.at(-1) ?? NaN) / 1000).toFixed(1)} s after the kill`);

    const summary = await call<{ delegates: { checkedIn: number } }>(procs[1].url, `/conferences/${conf.id}/attendance/summary`, admin);
    console.log(`final: ${summary.delegates.checkedIn} delegates checked in, ${first} first check-ins confirmed (sent ${items.length} distinct)`);
    if (summary.delegates.checkedIn !== items.length || first !== items.length || times.length !== expected) {
      console.error('MISMATCH: lost or double-counted check-ins, or phones that did not come back');
      process.exitCode = 1;
    } else {
      console.log('totals exact: 0 lost, 0 double counted; every phone back');
    }
  } finally {
    await Promise.all(workers.map((w) => w.ask({ type: 'close' }, 'closed').catch(() => undefined)));
    await cluster.stop();
  }
}

await main();
