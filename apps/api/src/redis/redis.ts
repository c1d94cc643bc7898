import type { ConnectionOptions } from 'bullmq';
import { Redis, RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config';

/** ioredis options for REDIS_URL; BullMQ workers need maxRetriesPerRequest = null. */
export function redisOptions(config: AppConfig): RedisOptions {
  const u = new URL(config.redisUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

/** One round trip to Redis with a short deadline: true when it answers PONG. */
export async function pingRedis(config: AppConfig, timeoutMs = 2000): Promise<boolean> {
  const client = new Redis({
    ...redisOptions(config),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** BullMQ's connection: the same server, and workers that wait for Redis instead of failing. */
export function bullConnection(config: AppConfig): ConnectionOptions {
  const { tls, ...rest } = redisOptions(config);
  return { ...rest, ...(tls ? { tls } : {}), maxRetriesPerRequest: null } as ConnectionOptions;
}
