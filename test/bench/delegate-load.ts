// A load generator for delegates.bench.ts, forked with an IPC channel: holds thousands of /live
// sockets of delegates' phones (one process may hold 20,000 open files), sends their self check-ins,
// and reports when each socket saw a change and when each reconnected.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Agent, request } from 'node:http';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const { io } = require(join(ROOT, 'node_modules/socket.io-client'));

interface Phone { token: string; url: string }
type Socket = { connected: boolean; on(e: string, f: (...a: unknown[]) => void): void; once(e: string, f: (...a: unknown[]) => void): void; close(): void };

export type LoadCommand =
  | { type: 'connect'; phones: Phone[]; conferenceId: string; namespace: string; concurrency: number; withAuth: boolean }
  | { type: 'checkin'; items: { token: string; url: string; key: string }[]; conferenceId: string; concurrency: number }
  | { type: 'watch'; marker: string }
  | { type: 'reconnected'; since: number; url: string; timeoutMs: number }
  | { type: 'close' };

const sockets: { socket: Socket; url: string; seen: number | null; reconnectedAt: number | null }[] = [];
let marker: string | null = null;
const send = (m: unknown) => process.send!(m);

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

async function connect(cmd: Extract<LoadCommand, { type: 'connect' }>) {
  const started = Date.now();
  let failures = 0;
  await pool(cmd.phones, cmd.concurrency, (phone) =>
    new Promise<void>((resolve) => {
      const socket: Socket = io(`${phone.url}${cmd.namespace}`, {
        ...(cmd.withAuth ? { auth: { token: phone.token, conferenceId: cmd.conferenceId } } : {}),
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
      });
      const entry = { socket, url: phone.url, seen: null as number | null, reconnectedAt: null as number | null };
      sockets.push(entry);
      socket.on('public.state', (state) => {
        if (marker && entry.seen === null && JSON.stringify(state).includes(marker)) entry.seen = Date.now();
      });
      socket.on('connect', () => {
        entry.reconnectedAt = Date.now();
      });
      socket.once('connect', () => resolve());
      socket.once('connect_error', () => {
        failures++;
        resolve();
      });
    }),
  );
  send({ type: 'connected', count: sockets.filter((s) => s.socket.connected).length, ms: Date.now() - started, failures });
}

/** One POST with a keep-alive connection: status and parsed body. */
function post(agent: Agent, url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': '0' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function checkIn(cmd: Extract<LoadCommand, { type: 'checkin' }>) {
  const agent = new Agent({ keepAlive: true, maxSockets: cmd.concurrency });
  const latencies: number[] = [];
  let first = 0;
  let errors = 0;
  const codes = new Set<string>();
  const started = Date.now();
  await pool(cmd.items, cmd.concurrency, async (item) => {
    for (let attempt = 0; ; attempt++) {
      const t0 = performance.now();
      try {
        const res = await post(agent, `${item.url}/api/conferences/${cmd.conferenceId}/attendance/self`, {
          authorization: `Bearer ${item.token}`,
          'idempotency-key': item.key,
        });
        const body = res.body as { delegateCode: string; replayed: boolean };
        if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
        latencies.push(performance.now() - t0);
        if (!body.replayed && !codes.has(body.delegateCode)) {
          codes.add(body.delegateCode);
          first++;
        }
        return;
      } catch {
        errors++;
        if (attempt > 5) throw new Error('check-in failed 6 times');
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
  });
  agent.destroy();
  send({ type: 'checked-in', latencies, first, errors, ms: Date.now() - started });
}

process.on('message', (cmd: LoadCommand) => {
  void (async () => {
    switch (cmd.type) {
      case 'connect':
        return connect(cmd);
      case 'checkin':
        return checkIn(cmd);
      case 'watch':
        marker = cmd.marker;
        for (const s of sockets) s.seen = null;
        // Report once every socket saw the change, or after 30 s.
        for (const deadline = Date.now() + 30_000; Date.now() < deadline && sockets.some((s) => s.seen === null); ) await new Promise((r) => setTimeout(r, 20));
        return send({ type: 'seen', at: sockets.map((s) => s.seen) });
      case 'reconnected': {
        // The sockets of the process that was killed must each connect again after it died.
        const mine = sockets.filter((s) => s.url === cmd.url);
        const deadline = Date.now() + cmd.timeoutMs;
        const back = () => mine.filter((s) => s.socket.connected && (s.reconnectedAt ?? 0) >= cmd.since);
        while (Date.now() < deadline && back().length < mine.length) await new Promise((r) => setTimeout(r, 50));
        const times = back().map((s) => s.reconnectedAt! - cmd.since).sort((a, b) => a - b);
        return send({ type: 'reconnected', expected: mine.length, back: times.length, times, connected: sockets.filter((s) => s.socket.connected).length });
      }
      case 'close':
        for (const s of sockets) s.socket.close();
        send({ type: 'closed' });
        return process.exit(0);
    }
  })().catch((e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});
