import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import { redisOptions } from './redis';

/** socket.io across api processes: rooms and broadcasts go through Redis pub/sub. */
export class RedisIoAdapter extends IoAdapter {
  private adapter: ReturnType<typeof createAdapter> | null = null;
  private clients: Redis[] = [];

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
    const server: Server = super.createIOServer(port, { ...options, pingInterval: 20_000, pingTimeout: 20_000 } as ServerOptions);
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Server) {
    await super.close(server);
    for (const c of this.clients) c.disconnect();
  }
}
