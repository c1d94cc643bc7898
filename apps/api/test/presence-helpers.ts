import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket as NetSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PresenceChanged, PresenceDto } from '@bridgepoint/contracts';
import type { Socket } from 'socket.io-client';
import type { TestApp } from './harness';
import { openSocket, until } from './sockets';

/** `presence.changed` events a `/live` socket received, in order. */
export function presenceEvents(s: Awaited<ReturnType<typeof openSocket>>): PresenceChanged[] {
  return s.received.filter((r) => r.event === 'presence.changed').map((r) => r.payload as PresenceChanged);
}

/** Waits for the socket's first `presence.changed` of this point to this state (after `from` events). */
export async function waitForPresence(s: Awaited<ReturnType<typeof openSocket>>, pointId: string, online: boolean, ms = 5000, from = 0) {
  await until(() => presenceEvents(s).slice(from).some((c) => c.pointId === pointId && c.online === online), ms, `presence.changed ${pointId} ${online}`);
  return presenceEvents(s).slice(from).find((c) => c.pointId === pointId && c.online === online)!;
}

export async function presenceOf(t: TestApp, conferenceId: string, token: string): Promise<PresenceDto> {
  return (await t.http().get(`/api/conferences/${conferenceId}/presence`).set({ Authorization: `Bearer ${token}` }).expect(200)).body as PresenceDto;
}

/**
 * Cuts a client off as a pulled cable would: it stops reading and writing, and its TCP connection stays
 * open, so the server learns of it only when pings go unanswered. Returns a function that closes it for good.
 */
export function cutNetwork(socket: Socket): () => void {
  const engine = socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
  const tcp = engine.transport.ws._socket;
  const destroy = tcp.destroy.bind(tcp);
  tcp.pause();
  tcp.write = (() => true) as NetSocket['write'];
  tcp.end = (() => tcp) as NetSocket['end'];
  tcp.destroy = (() => tcp) as NetSocket['destroy'];
  socket.io.reconnection(false);
  return () => destroy();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A redis-server of the test's own on a free port, which can be stopped and started again empty. */
export async function privateRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bp-presence-redis-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    const { Redis } = await import('ioredis');
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null });
    probe.on('error', () => undefined);
    await until(async () => (await probe.ping().catch(() => '')) === 'PONG', 10_000, 'redis-server answering');
    probe.disconnect();
  };
  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
