// PostgreSQL restarts in the middle of a burst of delegate check-ins: a server of the test's own, from
// the machine's PostgreSQL binaries, stopped with a fast shutdown and started again (what
// `pg_ctlcluster ... restart` does), so the server other tests share is never touched. Postgres holds the
// truth and every client retries with the same Idempotency-Key, so nothing may be lost or counted twice;
// while it is away the api answers 503 SERVICE_UNAVAILABLE with Retry-After (never 500) and says so once
// in its log, not per request.
import { checkInUntilOk, ClientStats, planCheckIns, problemsOf, runPool, summaryOf, waitHealthy, type Outcome } from './check-ins.ts';
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from './postgres-server.ts';
import { TwoApis } from './two-apis.ts';

const POINTS = 20;
const PER_POINT = 30;
const DISTINCT = 500;
const DUPLICATES = 30;
const IN_FLIGHT = 16;
/** Each worker pauses this long between check-ins, so the burst outlasts the restart. */
const PACE_MS = 80;

/** How long the server stays down between its shutdown and its start: a quick restart, as on the day. */
const DOWN_MS = 1000;

describe('attendance: PostgreSQL restarts mid-burst', () => {
  const apis = new TwoApis();
  let postgres: PrivatePostgres | undefined;
  const restartable = postgresBinaries() !== null;

  beforeAll(async () => {
    if (!restartable) return;
    postgres = await startPrivatePostgres();
    await apis.start(POINTS, PER_POINT, { DATABASE_URL: postgres.url });
  }, 180_000);

  afterAll(async () => {
    await apis.stop();
    await postgres?.dispose();
  }, 60_000);

  it('answers 503 with Retry-After while it is away, logs the outage once, and loses or doubles nothing', async () => {
    if (!restartable) {
      console.log('SKIPPED: no PostgreSQL server binaries under /usr/lib/postgresql to run a private server');
      return;
    }
    const { a, b, organizer, conf } = apis;
    const A = { name: 'A', url: a!.url };
    const B = { name: 'B', url: b!.url };
    const stats = new ClientStats();
    const plan = planCheckIns(conf, conf.delegates, DISTINCT, DUPLICATES, 20261130);
    const outcomes: (Outcome | undefined)[] = new Array(plan.length);
    const restartAt = Math.floor(plan.length / 3);
    let restart: Promise<void> = Promise.resolve();
    let downAt = 0;
    let upAt = 0;
    let firstOkAfterUp = 0;
    let apiReadyAfter: number | null = null;
    let sentDuringRestart = 0;
    const started = Date.now();

    await runPool(
      plan,
      IN_FLIGHT,
      async (c, i) => {
        if (i === restartAt) {
          restart = (async () => {
            downAt = Date.now();
            await postgres!.stop();
            await new Promise((r) => setTimeout(r, DOWN_MS));
            await postgres!.start();
            upAt = Date.now();
            // How soon the api itself serves the database again: its readiness, polled closely.
            while (Date.now() - upAt < 30_000) {
              const ok = await fetch(`${A.url}/api/health/ready`).then((r) => r.status === 200, () => false);
              if (ok) {
                apiReadyAfter = Date.now() - upAt;
                break;
              }
              await new Promise((r) => setTimeout(r, 10));
            }
          })();
        }
        if (downAt > 0 && upAt === 0) sentDuringRestart++;
        const first = i % 2 === 0 ? A : B;
        const outcome = await checkInUntilOk(first, () => (first === A ? B : A), conf.id, c, stats);
        outcomes[i] = outcome;
        if (upAt > 0 && firstOkAfterUp === 0 && outcome.body) firstOkAfterUp = Date.now();
      },
      PACE_MS,
    );
    await restart;
    const burstMs = Date.now() - started;
    const healthyA = await waitHealthy(A.url, 30_000);
    const healthyB = await waitHealthy(B.url, 30_000);
    // Each process closes its outage in the log after 3 quiet seconds, with the count.
    await new Promise((r) => setTimeout(r, 3500));

    const summary = await summaryOf(B.url, organizer, conf.id);
    const distinct = new Set(plan.map((c) => c.code)).size;
    const logs = a!.output() + b!.output();
    const outageLines = logs.split('\n').filter((l) => /PostgreSQL is unreachable/.test(l));
    const overLines = logs.split('\n').filter((l) => /PostgreSQL outage over/.test(l));
    const stackLines = logs.split('\n').filter((l) => /^\s+at /.test(l)).length;
    const http500 = stats.count(/HTTP 500/);
    const http503 = stats.count(/HTTP 503 SERVICE_UNAVAILABLE/);
    console.log(
      `PostgreSQL restart mid-burst: sent ${plan.length} check-ins (${distinct} delegates, ${DUPLICATES} duplicates) in ${burstMs} ms; ` +
        `PostgreSQL stopped, started and ready again in ${upAt - downAt} ms, ${sentDuringRestart} check-ins started meanwhile; ` +
        `api ready again ${apiReadyAfter ?? 'never'} ms after it was, first check-in answered 200 ${firstOkAfterUp ? firstOkAfterUp - upAt : 'never'} ms after (client backoff included); ` +
        `requests ${stats.requests}, retried ${stats.retries}, failures seen ${stats.failureCount} (${stats.describeFailures()}); ` +
        `503 without Retry-After ${stats.withoutRetryAfter}; final count ${summary.delegates.checkedIn}/${distinct}; ` +
        `health 200 after ${healthyA}/${healthyB} ms (A/B); log: ${outageLines.length} outage line(s), ${overLines.length} "over" line(s), ${stackLines} stack frames` +
        (overLines.length ? `\n  ${overLines.map((l) => l.trim()).join('\n  ')}` : ''),
    );

    for (const s of [a!, b!]) {
      if (s.process.exitCode !== null || s.process.signalCode !== null) throw new Error(`api ${s.url} exited when PostgreSQL restarted:\n${s.output()}`);
    }
    // The restart must have overlapped the burst and refused something, or the test proved nothing.
    expect(sentDuringRestart).toBeGreaterThan(0);
    expect(http503).toBeGreaterThan(0);
    // Every HTTP failure was a 503 SERVICE_UNAVAILABLE with Retry-After: no 500, no other code.
    expect({ http500, otherHttpFailures: stats.count(/HTTP/) - http503, withoutRetryAfter: stats.withoutRetryAfter }).toEqual({
      http500: 0,
      otherHttpFailures: 0,
      withoutRetryAfter: 0,
    });
    expect(problemsOf(plan, outcomes, summary.delegates.checkedIn, [])).toEqual([]);
    expect(healthyA).not.toBeNull();
    expect(healthyB).not.toBeNull();
    // One line per process when the outage starts (each process notices on its own), none per request.
    expect(outageLines.length).toBeGreaterThanOrEqual(1);
    expect(outageLines.length).toBeLessThanOrEqual(4);
    expect(stackLines).toBe(0);
    // ... and once when it is over, with as many refusals as the clients saw.
    const refusedInLog = overLines.map((l) => Number(/over: (\d+) request/.exec(l)?.[1] ?? NaN)).reduce((x, y) => x + y, 0);
    expect(refusedInLog).toBe(http503);
    expect(apiReadyAfter).not.toBeNull();
  }, 300_000);
});
