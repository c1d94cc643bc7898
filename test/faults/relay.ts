// A TCP load balancer of the test's own in front of several api processes: each new connection goes to
// the next process in turn, and to the one after it when that refuses (as a proxy skips a stopped
// upstream). HTTP keep-alive and WebSocket connections stay on the process they reached.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../bench/stack.ts';

export class Relay {
  private server: Server | null = null;
  private next = 0;
  private readonly open = new Set<Socket>();
  /** Connections handed to each target, by index. */
  readonly connections: number[];
  url = '';

  constructor(private readonly targets: string[]) {
    this.connections = targets.map(() => 0);
  }

  async start(): Promise<void> {
    const port = await freePort();
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}`;
  }

  private accept(client: Socket) {
    this.open.add(client);
    client.on('close', () => this.open.delete(client));
    client.pause();
    const first = this.next++ % this.targets.length;
    const attempt = (tried: number) => {
      if (tried === this.targets.length) {
        client.destroy();
        return;
      }
      const index = (first + tried) % this.targets.length;
      const target = new URL(this.targets[index]);
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      upstream.once('error', () => {
        upstream.destroy();
        attempt(tried + 1);
      });
      upstream.once('connect', () => {
        this.connections[index]++;
        this.open.add(upstream);
        upstream.removeAllListeners('error');
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        upstream.on('error', drop).on('close', () => {
          this.open.delete(upstream);
          client.end();
        });
        client.on('error', drop).on('close', () => upstream.end());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
