// Two api processes of one deployment behind a naive round-robin; one is SIGKILLed in the middle
// of a burst of delegate check-ins. Every check-in that failed is retried against the survivor with
// the same Idempotency-Key: nothing may be lost and nothing counted twice.
import { isDeepStrictEqual } from 'node:util';
import { checkInUntilOk, ClientStats, planCheckIns, problemsOf, runPool, summaryOf, type Outcome } from './check-ins.ts';
import { TwoApis } from './two-apis.ts';

const POINTS = 20;
const PER_POINT = 20;
const DISTINCT = 340;
const DUPLICATES = 40;
const IN_FLIGHT = 40;
/** Share of successful check-ins repeated once more with the same key, on the survivor. */
const REPLAY_SHARE = 0.1;
/** A is killed at the first dispatch past the middle of the plan with at least this many requests on it (or 60 dispatches later regardless). */
const KILL_WITH_IN_FLIGHT = 5;

describe('attendance: an api process is SIGKILLed mid-burst', () => {
  const apis = new TwoApis();

  beforeAll(() => apis.start(POINTS, PER_POINT), 180_000);

  afterAll(() => apis.stop(), 60_000);

  it('loses no check-in and counts none twice when retried with the same key on the other process', async () => {
    const { a, b, organizer, conf } = apis;
    const A = { name: 'A', url: a!.url };
    const B = { name: 'B', url: b!.url };
    const stats = new ClientStats();
    const plan = planCheckIns(conf, conf.delegates, DISTINCT, DUPLICATES, 20261126);
    const outcomes: (Outcome | undefined)[] = new Array(plan.length);
    const replayMismatches: string[] = [];
    const middle = Math.floor(plan.length / 2);
    let killed = false;
    let inFlightOnAAtKill = -1;
    let answeredBeforeKill = 0;
    let answered = 0;
    const started = Date.now();

    await runPool(plan, IN_FLIGHT, async (c, i) => {
      if (!killed && i >= middle && ((stats.inFlight.get('A') ?? 0) >= KILL_WITH_IN_FLIGHT || i >= middle + 60)) {
        killed = true;
        inFlightOnAAtKill = stats.inFlight.get('A') ?? 0;
        answeredBeforeKill = answered;
        a!.process.kill('SIGKILL');
      }
      const first = i % 2 === 0 ? A : B;
      const outcome = await checkInUntilOk(first, () => B, conf.id, c, stats);
      outcomes[i] = outcome;
      answered++;
      if (outcome.body && (i * 7919) % 100 < REPLAY_SHARE * 100) {
        stats.replays++;
        const again = await checkInUntilOk(B, () => B, conf.id, c, stats);
        if (!isDeepStrictEqual(again.body, outcome.body)) {
          replayMismatches.push(`replay of ${c.code} (key ${c.key}) answered ${JSON.stringify(again.body ?? again.error)}, first answer ${JSON.stringify(outcome.body)}`);
        }
      }
    });
    const burstMs = Date.now() - started;

    const summary = await summaryOf(B.url, organizer, conf.id);
    const distinct = new Set(plan.map((c) => c.code)).size;
    console.log(
      `SIGKILL mid-burst: sent ${plan.length} check-ins (${distinct} delegates, ${DUPLICATES} duplicates, ${stats.replays} replays) in ${burstMs} ms; ` +
        `killed A after ${answeredBeforeKill} answers with ${inFlightOnAAtKill} in flight on A; ` +
        `requests ${stats.requests}, retried ${stats.retries}, failures seen ${stats.failureCount} (${stats.describeFailures()}); ` +
        `final count ${summary.delegates.checkedIn}/${distinct}`,
    );

    expect(a!.process.signalCode).toBe('SIGKILL');
    if (b!.process.exitCode !== null || b!.process.signalCode !== null) {
      throw new Error(`B exited during the burst (${b!.process.exitCode ?? b!.process.signalCode}):\n${b!.output()}`);
    }
    // The fault must have hit requests in flight, or the test proved nothing.
    expect(inFlightOnAAtKill).toBeGreaterThan(0);
    expect(problemsOf(plan, outcomes, summary.delegates.checkedIn, replayMismatches)).toEqual([]);
  }, 300_000);
});
