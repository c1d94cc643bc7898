// A rolling restart: two api processes behind a load balancer, and one of them gets SIGTERM in the
// middle of a burst of delegate check-ins. It must stop taking connections, answer what it already
// took (check-ins included), send its sockets elsewhere and exit 0; the client retries anything cut
// at the connection level with the same Idempotency-Key. Nothing lost, nothing counted twice, no 5xx.
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { TEST_DATABASE_URL } from '../bench/stack.ts';
import type { AttendanceSummary } from '@bridgepoint/contracts';
import { checkInUntilOk, ClientStats, planCheckIns, problemsOf, runPool, summaryOf, type Outcome } from './check-ins.ts';
import { Relay } from './relay.ts';
import { TwoApis } from './two-apis.ts';

const POINTS = 20;
const PER_POINT = 25;
const DISTINCT = 460;
const DUPLICATES = 30;
const IN_FLIGHT = 24;
const PACE_MS = 30;
/** Check-ins are held in the database this long around the signal, so the stopping process surely has some in flight. */
const HOLD_MS = 400;
const LIVE_DEADLINE_MS = 10_000;

describe('attendance: an api process gets SIGTERM mid-burst (rolling restart)', () => {
  const apis = new TwoApis();
  let relay: Relay | undefined;
  let socket: Socket | undefined;

  beforeAll(async () => {
    await apis.start(POINTS, PER_POINT, { LOG_LEVEL: 'log' });
    relay = new Relay([apis.a!.url, apis.b!.url]);
    await relay.start();
  }, 180_000);

  afterAll(async () => {
    socket?.close();
    await relay?.stop();
    await apis.stop();
  }, 60_000);

  it('answers what it took, sends its sockets elsewhere, exits 0; nothing lost or doubled', async () => {
    const { a, b, organizer, conf } = apis;
    const R = { name: 'proxy', url: relay!.url };
    // The organizer's screen connects first, so the balancer puts it on A, the process that will stop.
    socket = io(`${R.url}/live`, {
      auth: { token: organizer, conferenceId: conf.id },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    const summaries: { at: number; summary: AttendanceSummary }[] = [];
    let disconnects = 0;
    let reasons: string[] = [];
    socket.on('attendance.summary', (summary: AttendanceSummary) => summaries.push({ at: Date.now(), summary }));
    socket.on('disconnect', (reason) => {
      disconnects++;
      reasons.push(reason);
    });
    const deadline = Date.now() + 10_000;
    while (summaries.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(summaries.length).toBeGreaterThan(0);
    expect(relay!.connections[0]).toBe(1);

    const stats = new ClientStats();
    const plan = planCheckIns(conf, conf.delegates, DISTINCT, DUPLICATES, 20261201);
    const outcomes: (Outcome | undefined)[] = new Array(plan.length);
    const signalAt = Math.floor(plan.length / 2);
    let signalled = 0;
    const exited = new Promise<number | null>((r) => a!.process.once('exit', (code) => r(code)));
    const started = Date.now();

    await runPool(
      plan,
      IN_FLIGHT,
      async (c, i) => {
        if (i === signalAt) {
          // Check-ins answer in milliseconds: hold them in the database so A has some in flight when told to stop.
          const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await holder.connect();
          await holder.query(`SET search_path TO "${a!.schema}"`);
          await holder.query('BEGIN');
          await holder.query('LOCK TABLE delegate_checkins IN EXCLUSIVE MODE');
          await new Promise((r) => setTimeout(r, HOLD_MS / 2));
          signalled = Date.now();
          a!.process.kill('SIGTERM');
          setTimeout(() => void holder.query('COMMIT').finally(() => holder.end()), HOLD_MS / 2);
        }
        outcomes[i] = await checkInUntilOk(R, () => R, conf.id, c, stats);
      },
      PACE_MS,
    );
    const burstMs = Date.now() - started;
    const exitCode = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 30_000))]);
    const exitedAfter = Date.now() - signalled;

    const summary = await summaryOf(R.url, organizer, conf.id);
    const distinct = new Set(plan.map((c) => c.code)).size;
    // The organizer's socket reconnected by itself (through the balancer, to B) and shows the final count.
    let liveMs: number | null = null;
    const liveDeadline = Date.now() + LIVE_DEADLINE_MS;
    while (Date.now() < liveDeadline) {
      const last = summaries[summaries.length - 1];
      if (last?.summary.delegates.checkedIn === distinct) {
        liveMs = Date.now() - started - burstMs;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const stopped = /Stopped in (\d+) ms: (\d+) of (\d+) requests in flight answered, (\d+) sockets sent elsewhere, (\d+) job workers closed/.exec(a!.output());
    const http5xx = stats.count(/HTTP 5/);
    console.log(
      `SIGTERM mid-burst: sent ${plan.length} check-ins (${distinct} delegates, ${DUPLICATES} duplicates) through a balancer in ${burstMs} ms; ` +
        `A exited ${exitCode} ${exitedAfter} ms after the signal (${stopped ? stopped[0] : 'no shutdown report in its log'}); ` +
        `connections per process A/B ${relay!.connections.join('/')}; requests ${stats.requests}, retried ${stats.retries}, ` +
        `failures seen ${stats.failureCount} (${stats.describeFailures()}); final count ${summary.delegates.checkedIn}/${distinct}; ` +
        `organizer socket: ${disconnects} disconnect(s) (${reasons.join(', ')}), final count on screen ${liveMs === null ? 'never' : `${liveMs} ms after the burst`}`,
    );

    expect(exitCode).toBe(0);
    if (b!.process.exitCode !== null || b!.process.signalCode !== null) throw new Error(`B exited during the burst:\n${b!.output()}`);
    // The signal came while A was serving, and A answered everything it had taken.
    expect(stopped).not.toBeNull();
    const [, , answered, inFlight, sockets] = stopped!.map(Number);
    expect(inFlight).toBeGreaterThan(0);
    expect({ answered, sockets }).toEqual({ answered: inFlight, sockets: 1 });
    expect(http5xx).toBe(0);
    expect(problemsOf(plan, outcomes, summary.delegates.checkedIn, [])).toEqual([]);
    expect(disconnects).toBe(1);
    expect(reasons).toEqual(['transport close']);
    expect(liveMs).not.toBeNull();
    reasons = [];
  }, 300_000);
});
