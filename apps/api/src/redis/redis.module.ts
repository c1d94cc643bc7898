import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptions } from './redis';

export const REDIS = Symbol('REDIS');

/** The process's shared Redis command connection (coordination, counters, rate limits). */
export const redisClientProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const client = new Redis({ ...redisOptions(config), maxRetriesPerRequest: 2, connectionName: 'bridgepoint' });
    client.on('error', () => undefined);
    return client;
  },
};

@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
