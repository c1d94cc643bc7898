// A PostgreSQL server of the test's own, as a child process on a free loopback port, from the binaries
// of the machine's PostgreSQL installation (Debian: /usr/lib/postgresql/<version>/bin): it can be
// stopped and started again without touching the server other tests share.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/stack.ts';

export interface PrivatePostgres {
  port: number;
  url: string;
  /** Fast shutdown (SIGINT: connections are terminated, as `pg_ctl stop -m fast` does); resolves once it exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** The newest installed server binaries, or null when PostgreSQL is not installed the Debian way. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  // The server refuses to run as root: as root, run it as the postgres user.
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : null;
  const as = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const dir = mkdtempSync(join(tmpdir(), 'bp-fault-pg-'));
  if (uid !== null) chownSync(dir, uid, uid);
  const data = join(dir, 'data');
  const port = await freePort();
  execFileSync(...as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']), { stdio: 'pipe' });

  let child: ChildProcess | null = null;
  let printed = '';
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const ready = () => {
    try {
      execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-t', '1'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };

  const start = async () => {
    if (running()) throw new Error(`private PostgreSQL on ${port} is already running`);
    const [cmd, args] = as(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100']);
    const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      printed = (printed + chunk.toString()).slice(-20_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    child = proc;
    const deadline = Date.now() + 30_000;
    while (!ready()) {
      if (proc.exitCode !== null) throw new Error(`private PostgreSQL exited with ${proc.exitCode}:\n${printed}`);
      if (Date.now() > deadline) throw new Error(`private PostgreSQL not ready after 30 s:\n${printed}`);
      await sleep(50);
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc || !running()) return;
    const exited = new Promise((r) => proc.once('exit', r));
    // To the postmaster itself (its pid is the first line of postmaster.pid), not to runuser in front of it.
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGINT');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
