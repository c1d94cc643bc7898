// PostgreSQL restarts in the middle of a burst of delegate check-ins (the machine's server, restarted
// with pg_ctlcluster: a few seconds, once). Postgres holds the truth and every client retries with the
// same Idempotency-Key, so nothing may be lost or counted twice; while it is away the api answers
// 503 SERVICE_UNAVAILABLE with Retry-After (never 500) and says so once in its log, not per request.
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { checkInUntilOk, ClientStats, planCheckIns, problemsOf, runPool, summaryOf, waitHealthy, type Outcome } from './check-ins.ts';
import { TwoApis } from './two-apis.ts';

const POINTS = 20;
const PER_POINT = 30;
const DISTINCT = 500;
const DUPLICATES = 30;
const IN_FLIGHT = 16;
/** Each worker pauses this long between check-ins, so the burst outlasts the restart. */
const PACE_MS = 80;

const cluster = () => readdirSync('/etc/postgresql')[0];

/** Restarts the machine's PostgreSQL; resolves when pg_ctlcluster returns (the server accepts connections again). */
async function restartPostgres(): Promise<void> {
  await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', cluster(), 'main', 'restart'], { timeout: 60_000 });
}

function postgresReady(): boolean {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-t', '1'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('attendance: PostgreSQL restarts mid-burst', () => {
  const apis = new TwoApis();
  const restartable = (() => {
    try {
      return readdirSync('/etc/postgresql').length > 0 && postgresReady();
    } catch {
      return false;
    }
  })();

  beforeAll(async () => {
    if (restartable) await apis.start(POINTS, PER_POINT);
  }, 180_000);

  afterAll(() => apis.stop(), 60_000);

  it('answers 503 with Retry-After while it is away, logs the outage once, and loses or doubles nothing', async () => {
    if (!restartable) {
      console.log('SKIPPED: no local PostgreSQL cluster under /etc/postgresql to restart (pg_ctlcluster)');
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
    let sentDuringRestart = 0;
    const started = Date.now();

    await runPool(
      plan,
      IN_FLIGHT,
      async (c, i) => {
        if (i === restartAt) {
          restart = (async () => {
            downAt = Date.now();
            await restartPostgres();
            upAt = Date.now();
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
        `pg_ctlcluster restart took ${upAt - downAt} ms, ${sentDuringRestart} check-ins started meanwhile; ` +
        `first check-in answered 200 ${firstOkAfterUp ? firstOkAfterUp - upAt : 'never'} ms after the restart returned; ` +
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
  }, 300_000);
});
