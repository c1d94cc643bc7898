import type { IncomingMessage } from 'node:http';
import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { ErrorCode } from '@bridgepoint/contracts';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import { redisOptions } from './redis';

/** Socket frames larger than this are refused (SDP and mediasoup parameters stay well below). */
const MAX_FRAME_BYTES = 256 * 1024;

/**
 * Is this browser origin one the deployment serves? The configured origins (ALLOWED_ORIGINS, or
 * PUBLIC_URL's), else the page's own host. Clients that send no Origin (tools, servers) are not browsers
 * a page could misuse, and pass; their token still decides.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[] | null): boolean {
  if (!origin) return true;
  if (allowed) return allowed.includes(origin);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * socket.io for every gateway: only the named namespaces (`/live`, `/media`) accept connections, only
 * from allowed origins, with bounded frames; across api processes, rooms and broadcasts go through Redis
 * (once `connect` ran; without it, socket.io's in-memory adapter of a single process).
 */
export class RedisIoAdapter extends IoAdapter {
  private adapter: ReturnType<typeof createAdapter> | null = null;
  private clients: Redis[] = [];
  /** The IO server once a gateway made it (graceful shutdown closes its clients' transports). */
  server: Server | null = null;

  constructor(app: INestApplicationContext, private readonly config: AppConfig) {
    super(app);
  }

  /** Connects before any IO server exists, so the first gateway already shares rooms. */
  async connect() {
    const pub = new Redis({ ...redisOptions(this.config), connectionName: 'bridgepoint-io-pub' });
    const sub = pub.duplicate({ connectionName: 'bridgepoint-io-sub' });
    for (const c of [pub, sub]) c.on('error', () => undefined);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub, { key: `${this.config.redisPrefix}:socket.io` });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = this.config.allowedOrigins;
    const server: Server = super.createIOServer(port, {
      ...options,
      pingInterval: this.config.socketPingIntervalMs,
      pingTimeout: this.config.socketPingTimeoutMs,
      maxHttpBufferSize: MAX_FRAME_BYTES,
      cors: allowed ? { origin: allowed } : undefined,
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, ok: boolean) => void) => {
        const ok = originAllowed(req.headers.origin, req.headers.host, allowed);
        callback(ok ? null : ErrorCode.OriginNotAllowed, ok);
      },
    } as ServerOptions);
    // The default namespace serves nothing: refuse it rather than hold idle anonymous sockets.
    server.use((_socket, next) => next(new Error('Connect to /live or /media.')));
    if (this.adapter) server.adapter(this.adapter);
    this.server = server;
    return server;
  }

  override async close(server: Server) {
    await super.close(server);
    // Replies come in order: once a PING is answered, the adapter's last UNSUBSCRIBEs are too, and
    // disconnecting rejects nothing (a Redis far away, or slow, would otherwise see them fail unhandled).
    await Promise.all(
      this.clients.map((c) =>
        c.status === 'ready'
          ? Promise.race([c.ping().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())])
          : undefined,
      ),
    );
    for (const c of this.clients) c.disconnect();
  }
}
