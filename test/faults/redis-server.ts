// A redis-server of the test's own, as a child process on a free loopback port: it can be stopped
// and started again without touching the machine's shared Redis. Nothing is kept on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/stack.ts';

export interface PrivateRedis {
  port: number;
  url: string;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** A fresh, empty server on the same port. */
  start(): Promise<void>;
  running(): boolean;
  output(): string;
  /** Stops the server for good and removes its working directory. */
  dispose(): Promise<void>;
}

/** True when something on the port answers PING with PONG within the timeout. */
export function pingRedis(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString('latin1').startsWith('+PONG')));
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bp-fault-redis-'));
  let child: ChildProcess | null = null;
  let printed = '';

  const running = () => child !== null && child.exitCode === null && child.signalCode === null;

  const start = async () => {
    if (running()) throw new Error(`redis-server on ${port} is already running`);
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => {
      printed = (printed + chunk.toString('utf8')).slice(-20_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    proc.on('error', (e) => keep(Buffer.from(`spawn failed: ${e.message}\n`)));
    child = proc;
    const deadline = Date.now() + 10_000;
    while (!(await pingRedis(port))) {
      if (!running()) throw new Error(`redis-server on ${port} exited (${proc.exitCode ?? proc.signalCode}):\n${printed}`);
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer PING within 10 s:\n${printed}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc || !running()) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    running,
    output: () => printed,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
