import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a real server (the machine's PostgreSQL or Redis) that a test can cut and
 * restore: cutting drops every open connection and refuses new ones, as when the server goes down,
 * without touching the server that other tests share.
 */
export class TcpSwitch {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Starts relaying on a free loopback port (the same port again after `cut`). */
  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      this.open.add(client).add(upstream);
      // A side that closes lets the other finish what it was sending (a reply to QUIT); an error resets both.
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', () => {
        this.open.delete(client);
        upstream.end();
      });
      upstream.on('error', drop).on('close', () => {
        this.open.delete(upstream);
        client.end();
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** The server "goes down": open connections reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.open) s.destroy();
    this.open.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  /** Stops accepting; open connections are left to end by themselves (and do not keep the process alive). */
  stop() {
    this.server?.close();
    this.server = null;
    for (const s of this.open) s.unref();
  }

  url(scheme: 'postgresql' | 'redis', rest = ''): string {
    return `${scheme}://${scheme === 'postgresql' ? 'postgres@' : ''}127.0.0.1:${this.port}${rest}`;
  }
}

/**
 * A redis-server of the test's own on a free port, nothing kept on disk: stopping it is a Redis outage
 * that no other test sees, and starting it again gives an empty server on the same port.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  port = 0;

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await answers(this.port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString('latin1').startsWith('+PONG')));
  });
}
