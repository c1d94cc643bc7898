// Moderation burst: all 649 points send a written question and ask for the floor at the same moment,
// through one or two api processes, while moderators watch over `/live`. Prints how long each
// question and request took to appear on a moderator's screen, and how many bytes each change costs a
// moderator: the whole snapshot (what every change sent before) against the delta it is sent now.
//   npm run build && npm run bench:moderation          PROCS="1 2" WATCHERS=2
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ADMIN, call, ROOT, startCluster } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));
const { followModeration } = require(join(ROOT, 'libs/contracts/dist/index.js'));

interface Held {
  stream: string;
  version: number;
  questions: { id: string; version: number; status: string }[];
  speakQueue: { id: string }[];
}

const PROCS = (process.env.PROCS ?? '1 2').split(/\s+/).filter(Boolean).map(Number);
const WATCHERS = Number(process.env.WATCHERS ?? 2);
const data = demo.generateDemo();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
let resent = 0;

/**
 * A point's send as its page makes it: with an Idempotency-Key, sent again when the connection dropped before
 * an answer (on a saturated machine the api may close a kept-alive connection just as it is reused).
 */
async function send<T>(url: string, path: string, token: string, body: unknown): Promise<T> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call<T>(url, path, token, 'POST', body, { 'Idempotency-Key': key });
    } catch (e) {
      if (!(e instanceof TypeError) || attempt === 3) throw e;
      resent++;
    }
  }
}


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
    // Watcher 0's updates: bytes on the wire (the delta) and the whole state it stands for (what was sent before).
    const updates: { event: string; sent: number; whole: number }[] = [];
    const held: (Held | null)[] = [];
    let gaps = 0;
    for (let w = 0; w < WATCHERS; w++) {
      held.push(null);
      await new Promise<void>((resolve, reject) => {
        const s = io(`${procs[w % n].url}/live`, { auth: { token: admin, conferenceId: conf.id }, transports: ['websocket'], forceNew: true });
        sockets.push(s);
        const seen = (state: Held, event: string, sent: number) => {
          const now = performance.now();
          held[w] = state;
          if (w === 0) updates.push({ event, sent, whole: event === 'moderation.snapshot' ? sent : JSON.stringify(state).length });
          for (const q of state.questions) if (!seenQuestion.has(`${w}:${q.id}`)) seenQuestion.set(`${w}:${q.id}`, now);
          for (const r of state.speakQueue) if (!seenSpeak.has(`${w}:${r.id}`)) seenSpeak.set(`${w}:${r.id}`, now);
        };
        s.on('moderation.snapshot', (snap: Held) => seen(snap, 'moderation.snapshot', JSON.stringify(snap).length));
        s.on('moderation.delta', (delta: { version: number }) => {
          const next = followModeration(held[w], delta) as Held | null;
          if (next) seen(next, 'moderation.delta', JSON.stringify(delta).length);
          else {
            gaps++;
            s.emit('moderation.resync', {}, () => undefined);
          }
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
        const q = await send<{ id: string }>(url, `/conferences/${conf.id}/questions`, token, { text: `Câu hỏi của ${p.code} về kế hoạch triển khai tại địa phương?` });
        sent.push({ kind: 'q', id: q.id, at: qAt });
        const sAt = performance.now();
        const r = await send<{ id: string }>(url, `/conferences/${conf.id}/speak-requests`, token, { topic: `Ý kiến của ${p.code}` });
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
    console.log(`all ${2 * points.length} requests accepted in ${(accepted / 1000).toFixed(2)} s (${resent} sent again after a dropped connection); the moderator screen held all of them ${(lastSeen / 1000).toFixed(2)} s after the burst began`);
    console.log(`question sent → on the moderator screen: p50 ${pct(ql, 50).toFixed(0)} ms, p95 ${pct(ql, 95).toFixed(0)} ms, max ${ql[ql.length - 1].toFixed(0)} ms`);
    console.log(`request to speak sent → on the moderator screen: p50 ${pct(sl, 50).toFixed(0)} ms, p95 ${pct(sl, 95).toFixed(0)} ms, max ${sl[sl.length - 1].toFixed(0)} ms`);
    const burst = updates.slice(1);
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const wire = burst.map((u) => u.sent).sort((a, b) => a - b);
    console.log(`moderation updates to one moderator during the burst: ${burst.length} (${burst.filter((u) => u.event === 'moderation.snapshot').length} snapshots, ${gaps} gaps)`);
    console.log(`  before, the whole snapshot each time: mean ${kb(sum(burst.map((u) => u.whole)) / burst.length)}, last ${kb(burst.at(-1)!.whole)}, total ${kb(sum(burst.map((u) => u.whole)))}`);
    console.log(`  after, the delta each time: mean ${kb(sum(wire) / wire.length)}, p95 ${kb(pct(wire, 95))}, max ${kb(wire.at(-1)!)}, total ${kb(sum(wire))}`);
    const changes = 2 * points.length;
    console.log(`  per change (${changes} questions and requests arrived): before ${kb(sum(burst.map((u) => u.whole)) / changes)}, after ${kb(sum(wire) / changes)}`);

    // One change with the event full: a question approved.
    const state = held[0]!;
    const question = state.questions.find((q) => q.status === 'pending')!;
    const mark = updates.length;
    await call(base, `/conferences/${conf.id}/questions/${question.id}`, admin, 'PATCH', { status: 'approved', version: question.version });
    const until = performance.now() + 10_000;
    while (performance.now() < until && !held[0]!.questions.some((q) => q.id === question.id && q.status === 'approved')) await sleep(20);
    const one = updates.slice(mark);
    console.log(
      `one question approved with ${state.questions.length} questions and ${state.speakQueue.length} requests held: ` +
        `before ${kb(one.at(-1)?.whole ?? NaN)} (the whole snapshot), after ${one.map((u) => `${u.sent} bytes (${u.event})`).join(' + ')}`,
    );
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
