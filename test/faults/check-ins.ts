// What the fault tests share: a conference seeded through the HTTP API, a client that checks
// delegates in and retries with the same Idempotency-Key, a small worker pool, and the checks
// that nothing was lost or counted twice.
import { randomUUID } from 'node:crypto';
import type { AttendanceSummary, ConferencePointDto, DelegateCheckInResponse, ImportResult, JobDto } from '@bridgepoint/contracts';
import { seededRandom } from '../../apps/api/src/demo/names.ts';

export interface SeededPoint {
  id: string;
  code: string;
  /** The point operator's access token. */
  token: string;
}

export interface SeededConference {
  id: string;
  points: SeededPoint[];
  /** Delegate code → its point's operator token. */
  operatorOf: Map<string, string>;
  delegates: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T>(url: string, path: string, init: { method?: string; token?: string; json?: unknown; form?: FormData }, expected: number): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${init.method ?? 'GET'} ${path}: expected ${expected}, got ${res.status}: ${text.slice(0, 500)}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

async function importCsv(url: string, token: string, kind: 'bridge-points' | 'delegates', csv: string, conferenceId: string) {
  const form = new FormData();
  form.set('file', new Blob([csv], { type: 'text/csv' }), `${kind}.csv`);
  form.set('conferenceId', conferenceId);
  const { jobId } = await call<{ jobId: string }>(url, `/api/${kind}/import`, { method: 'POST', token, form }, 202);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await call<JobDto<ImportResult>>(url, `/api/jobs/${encodeURIComponent(jobId)}`, { token }, 200);
    if (job.state === 'failed') throw new Error(`${kind} import failed: ${job.failedReason}`);
    if (job.state === 'completed') {
      if (!job.result || job.result.errorCount !== 0) throw new Error(`${kind} import reported errors: ${JSON.stringify(job.result)}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`${kind} import did not finish within 60 s (state ${job.state})`);
    await sleep(50);
  }
}

/** A live conference with `points` × `perPoint` delegates, imported as CSV, with one operator session per point. */
export async function seedConference(url: string, organizer: string, points: number, perPoint: number): Promise<SeededConference> {
  const conf = await call<{ id: string }>(
    url,
    '/api/conferences',
    { method: 'POST', token: organizer, json: { title: 'Hội nghị kiểm thử sự cố', startsAt: '2026-12-01T01:00:00Z' } },
    201,
  );
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const pointRows = ['Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu,Người phụ trách,Số điện thoại'];
  const delegateRows = ['Mã đại biểu,Họ và tên,Mã điểm cầu'];
  const delegates: string[] = [];
  for (let p = 1; p <= points; p++) {
    const code = `FLT-${pad(p, 3)}`;
    pointRows.push(`${code},Điểm cầu số ${p},Ba Đình,Phường ${p},${perPoint},Người phụ trách ${p},0912${pad(p, 6)}`);
    for (let d = 1; d <= perPoint; d++) {
      const delegate = `FD-${pad(p, 3)}-${pad(d, 3)}`;
      delegates.push(delegate);
      delegateRows.push(`${delegate},Đại biểu ${p}.${d},${code}`);
    }
  }
  await importCsv(url, organizer, 'bridge-points', pointRows.join('\n'), conf.id);
  await importCsv(url, organizer, 'delegates', delegateRows.join('\n'), conf.id);
  // Under way, as during a real burst of arrivals (and so included in the minute snapshots).
  for (const status of ['scheduled', 'live']) {
    await call(url, `/api/conferences/${conf.id}`, { method: 'PATCH', token: organizer, json: { status } }, 200);
  }

  const list = await call<ConferencePointDto[]>(url, `/api/conferences/${conf.id}/points`, { token: organizer }, 200);
  if (list.length !== points) throw new Error(`expected ${points} points in the conference, got ${list.length}`);
  const seeded: SeededPoint[] = [];
  for (const p of list) {
    const session = await call<{ accessToken: string }>(url, '/api/point-sessions', { method: 'POST', json: { joinCode: p.joinCode } }, 201);
    seeded.push({ id: p.id, code: p.code, token: session.accessToken });
  }
  const tokenByPoint = new Map(seeded.map((p) => [p.code, p.token]));
  const operatorOf = new Map(delegates.map((d) => [d, tokenByPoint.get(`FLT-${d.slice(3, 6)}`)!]));
  return { id: conf.id, points: seeded, operatorOf, delegates };
}

export async function summaryOf(url: string, organizer: string, conferenceId: string): Promise<AttendanceSummary> {
  return call<AttendanceSummary>(url, `/api/conferences/${conferenceId}/attendance/summary`, { token: organizer }, 200);
}

/** Polls GET /api/health until it answers 200; returns how long that took, or null at the deadline. */
export async function waitHealthy(url: string, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return Date.now() - started;
    await sleep(200);
  }
  return null;
}

/** One logical check-in: a delegate, the operator token of its point, and the key every retry reuses. */
export interface LogicalCheckIn {
  code: string;
  token: string;
  key: string;
  /** Another logical check-in of a delegate already in the plan (a new key). */
  duplicate: boolean;
}

/** `distinct` delegates in random order plus `duplicates` second check-ins of some of them, mixed in. */
export function planCheckIns(conf: SeededConference, delegates: string[], distinct: number, duplicates: number, seed: number): LogicalCheckIn[] {
  const random = seededRandom(seed);
  const pool = [...delegates];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  if (pool.length < distinct) throw new Error(`only ${pool.length} delegates to plan ${distinct} check-ins`);
  const chosen = pool.slice(0, distinct);
  const plan: LogicalCheckIn[] = chosen.map((code) => ({ code, token: conf.operatorOf.get(code)!, key: randomUUID(), duplicate: false }));
  for (let i = 0; i < duplicates; i++) {
    const original = Math.floor(random() * distinct);
    const code = chosen[original];
    // Close behind the original, so some duplicates race it.
    const at = Math.min(plan.length, original + 1 + Math.floor(random() * 30));
    plan.splice(at, 0, { code, token: conf.operatorOf.get(code)!, key: randomUUID(), duplicate: true });
  }
  return plan;
}

export type AttemptResult =
  | { ok: true; body: DelegateCheckInResponse }
  | { ok: false; retryable: boolean; kind: string; detail: string };

/** Counts of what the client saw. */
export class ClientStats {
  /** HTTP requests, first attempts and retries. */
  requests = 0;
  /** Requests repeated with the same key after a failure. */
  retries = 0;
  /** Requests repeated with the same key after a success (the answer must not change). */
  replays = 0;
  /** 503 answers without a Retry-After header (each one tells a client nothing about when to come back). */
  withoutRetryAfter = 0;
  readonly failures = new Map<string, number>();
  readonly inFlight = new Map<string, number>();

  failed(kind: string) {
    this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
  }

  /** Failures whose kind matches, e.g. /HTTP 500/. */
  count(kind: RegExp): number {
    let n = 0;
    for (const [k, v] of this.failures) if (kind.test(k)) n += v;
    return n;
  }

  get failureCount() {
    let n = 0;
    for (const v of this.failures.values()) n += v;
    return n;
  }

  describeFailures() {
    return this.failureCount === 0 ? 'none' : [...this.failures].map(([k, v]) => `${v}× ${k}`).join(', ');
  }
}

/** One POST of a check-in; connection errors, timeouts and 5xx are worth retrying with the same key. */
export async function attemptCheckIn(
  target: { name: string; url: string },
  conferenceId: string,
  c: { code: string; token: string; key: string },
  stats: ClientStats,
): Promise<AttemptResult> {
  stats.requests++;
  stats.inFlight.set(target.name, (stats.inFlight.get(target.name) ?? 0) + 1);
  try {
    const res = await fetch(`${target.url}/api/conferences/${conferenceId}/attendance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': c.key },
      body: JSON.stringify({ delegateCode: c.code }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status === 200) return { ok: true, body: JSON.parse(text) as DelegateCheckInResponse };
    let code = '';
    try {
      code = String((JSON.parse(text) as { code?: unknown }).code ?? '');
    } catch {
      code = 'not JSON';
    }
    if (res.status === 503 && !res.headers.get('retry-after')) stats.withoutRetryAfter++;
    return { ok: false, retryable: res.status >= 500, kind: `HTTP ${res.status} ${code} from ${target.name}`, detail: text.slice(0, 300) };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason = err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, retryable: true, kind: `${reason} from ${target.name}`, detail: err.message };
  } finally {
    stats.inFlight.set(target.name, stats.inFlight.get(target.name)! - 1);
  }
}

export interface Outcome {
  body: DelegateCheckInResponse | null;
  /** Why it never got a 200, when it did not. */
  error: string | null;
  attempts: number;
}

/**
 * Sends the check-in to `first`; on a retryable failure repeats it with the same key against
 * `retryTo()` until a 200 or `giveUpMs`. A 4xx is not retried: it is an answer, and a wrong one here.
 */
export async function checkInUntilOk(
  first: { name: string; url: string },
  retryTo: () => { name: string; url: string },
  conferenceId: string,
  c: { code: string; token: string; key: string },
  stats: ClientStats,
  giveUpMs = 60_000,
): Promise<Outcome> {
  const started = Date.now();
  let target = first;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) stats.retries++;
    const r = await attemptCheckIn(target, conferenceId, c, stats);
    if (r.ok) return { body: r.body, error: null, attempts: attempt };
    stats.failed(r.kind);
    if (!r.retryable) return { body: null, error: `${r.kind}: ${r.detail}`, attempts: attempt };
    if (Date.now() - started > giveUpMs) return { body: null, error: `still failing after ${giveUpMs} ms: ${r.kind}: ${r.detail}`, attempts: attempt };
    await sleep(Math.min(100 * attempt, 500));
    target = retryTo();
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time; `paceMs` is a pause each worker takes between items. */
export async function runPool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>, paceMs = 0): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
      if (paceMs > 0) await sleep(paceMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * What went wrong, if anything: check-ins that never got a 200, answers about another delegate,
 * delegates no answer reported as newly checked in (lost) or more than one did (double counted),
 * and a final count different from the number of distinct delegates sent.
 */
export function problemsOf(plan: LogicalCheckIn[], outcomes: (Outcome | undefined)[], checkedInCount: number, replayMismatches: string[]): string[] {
  const problems: string[] = [];
  const firstCount = new Map<string, number>();
  for (const c of plan) firstCount.set(c.code, 0);
  plan.forEach((c, i) => {
    const o = outcomes[i];
    if (!o || !o.body) {
      problems.push(`check-in of ${c.code} (key ${c.key}) never got a 200: ${o?.error ?? 'not sent'}`);
      return;
    }
    if (o.body.delegateCode !== c.code) problems.push(`check-in of ${c.code} was answered for ${o.body.delegateCode}`);
    if (!o.body.alreadyCheckedIn) firstCount.set(c.code, firstCount.get(c.code)! + 1);
  });
  const lost = [...firstCount].filter(([, n]) => n === 0).map(([code]) => code);
  const doubled = [...firstCount].filter(([, n]) => n > 1).map(([code, n]) => `${code} (${n}×)`);
  if (lost.length) problems.push(`${lost.length} delegates never answered with alreadyCheckedIn:false (lost): ${lost.slice(0, 20).join(', ')}`);
  if (doubled.length) problems.push(`${doubled.length} delegates answered alreadyCheckedIn:false more than once (double counted): ${doubled.slice(0, 20).join(', ')}`);
  if (checkedInCount !== firstCount.size) {
    problems.push(`summary delegates.checkedIn is ${checkedInCount}, but ${firstCount.size} distinct delegates were checked in`);
  }
  problems.push(...replayMismatches);
  return problems;
}
