// Moderation burst: all 649 points send a written question and ask for the floor at the same moment,
// through one or two api processes, while moderators watch over `/live`. Prints how long each
// question and request took to appear on a moderator's screen, and how large those updates are.
//   npm run build && npm run bench:moderation          PROCS="1 2" WATCHERS=2
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ADMIN, call, ROOT, startCluster } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));

const PROCS = (process.env.PROCS ?? '1 2').split(/\s+/).filter(Boolean).map(Number);
const WATCHERS = Number(process.env.WATCHERS ?? 2);
const data = demo.generateDemo();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];


async function run(n: number) {
  const { procs, stop } = await startCluster(n, {});
  const sockets: { close(): void }[] = [];
  try {
    const base = procs[0].url;
    const admin = (await call<{ accessToken: string }>(base, '/auth/login', null, 'POST', ADMIN)).accessToken;
    const conf = await call<{ id: string }>(base, '/conferences', admin, 'POST', { title: 'Bench', startsAt: new Date().toISOString() });
    const form = new FormData();
    form.set('file', new Blob([demo.pointsCsv(data)]), 'points.csv');
    form.set('conferenceId', conf.id);
    const { jobId } = await call<{ jobId: string }>(base, '/bridge-points/import', admin, 'POST', form);
    while ((await call<{ state: string }>(base, `/jobs/${jobId}`, admin)).state !== 'completed') await sleep(100);
    const points = await call<{ id: string; code: string; joinCode: string }[]>(base, `/conferences/${conf.id}/points`, admin);
    const tokens = await Promise.all(points.map((p, i) => call<{ accessToken: string }>(procs[i % n].url, '/point-sessions', null, 'POST', { joinCode: p.joinCode })));

    const seenQuestion = new Map<string, number>();
    const seenSpeak = new Map<string, number>();
    const sizes: number[] = [];
    for (let w = 0; w < WATCHERS; w++) {
      await new Promise<void>((resolve, reject) => {
        const s = io(`${procs[w % n].url}/live`, { auth: { token: admin, conferenceId: conf.id }, transports: ['websocket'], forceNew: true });
        sockets.push(s);
        s.on('moderation.snapshot', (snap: { questions: { id: string }[]; speakQueue: { id: string }[] }) => {
          const now = performance.now();
          if (w === 0) sizes.push(JSON.stringify(snap).length);
          for (const q of snap.questions) if (!seenQuestion.has(`${w}:${q.id}`)) seenQuestion.set(`${w}:${q.id}`, now);
          for (const r of snap.speakQueue) if (!seenSpeak.has(`${w}:${r.id}`)) seenSpeak.set(`${w}:${r.id}`, now);
        });
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
    }
    await sleep(500);

    const sent: { kind: 'q' | 's'; id: string; at: number }[] = [];
    const started = performance.now();
    await Promise.all(
      points.map(async (p, i) => {
        const url = procs[i % n].url;
        const token = tokens[i].accessToken;
        const qAt = performance.now();
        const q = await call<{ id: string }>(url, `/conferences/${conf.id}/questions`, token, 'POST', { text: `Câu hỏi của ${p.code} về kế hoạch triển khai tại địa phương?` });
        sent.push({ kind: 'q', id: q.id, at: qAt });
        const sAt = performance.now();
        const r = await call<{ id: string }>(url, `/conferences/${conf.id}/speak-requests`, token, 'POST', { topic: `Ý kiến của ${p.code}` });
        sent.push({ kind: 's', id: r.id, at: sAt });
      }),
    );
    const accepted = performance.now() - started;
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline && (seenQuestion.size < points.length * WATCHERS || seenSpeak.size < points.length * WATCHERS)) await sleep(50);
    const lag = (kind: 'q' | 's') => {
      const seen = kind === 'q' ? seenQuestion : seenSpeak;
      const xs: number[] = [];
      for (const s of sent.filter((x) => x.kind === kind)) for (let w = 0; w < WATCHERS; w++) xs.push((seen.get(`${w}:${s.id}`) ?? Infinity) - s.at);
      return xs.sort((a, b) => a - b);
    };
    const ql = lag('q');
    const sl = lag('s');
    const lastSeen = Math.max(...seenQuestion.values(), ...seenSpeak.values()) - started;
    console.log(`\n=== ${n} api process${n > 1 ? 'es' : ''}: ${points.length} points send a question and ask to speak at once ===`);
    console.log(`all ${2 * points.length} requests accepted in ${(accepted / 1000).toFixed(2)} s; the moderator screen held all of them ${(lastSeen / 1000).toFixed(2)} s after the burst began`);
    console.log(`question sent → on the moderator screen: p50 ${pct(ql, 50).toFixed(0)} ms, p95 ${pct(ql, 95).toFixed(0)} ms, max ${ql[ql.length - 1].toFixed(0)} ms`);
    console.log(`request to speak sent → on the moderator screen: p50 ${pct(sl, 50).toFixed(0)} ms, p95 ${pct(sl, 95).toFixed(0)} ms, max ${sl[sl.length - 1].toFixed(0)} ms`);
    console.log(`moderation updates during the burst: ${sizes.length}, the last ${(sizes[sizes.length - 1] / 1024).toFixed(0)} KB (${points.length} questions + ${points.length} requests)`);
    const missing = ql.filter((x) => x === Infinity).length + sl.filter((x) => x === Infinity).length;
    if (missing > 0) {
      console.error(`MISSING: ${missing} items never reached a moderator screen`);
      process.exitCode = 1;
    }
  } finally {
    for (const s of sockets) s.close();
    await stop();
  }
}

for (const n of PROCS) await run(n);
