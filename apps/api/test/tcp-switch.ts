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
