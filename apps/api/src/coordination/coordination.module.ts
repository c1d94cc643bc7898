import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LOGIN_FAILURES, MemoryLoginFailures, RedisLoginFailures } from '../auth/login-failures';
import { COUNTER_STORE, MemoryCounterStore, RedisCounterStore } from '../common/counter-store';
import { APP_CONFIG, type AppConfig, type Coordination } from '../config/app-config';
import { LINK_REPORTS, MemoryLinkReports, RedisLinkReports } from '../media/link-reports';
import { MemoryPresenceStore } from '../presence/memory-presence-store';
import { PRESENCE_STORE, RedisPresenceStore } from '../presence/presence-store';
import { REDIS, redisClientProvider, RedisLifecycle } from '../redis/redis.module';
import { LocalMessageBus, MESSAGE_BUS, RedisMessageBus } from './message-bus';

/** How this process coordinates with others, for health and readiness. */
export interface CoordinationStatus {
  mode: Coordination;
  /** Redis answers (always true in-process: there is nothing to reach). */
  ping(): Promise<boolean>;
}

export const COORDINATION_STATUS = Symbol('COORDINATION_STATUS');

const withRedis = (provide: symbol, make: (redis: Redis, config: AppConfig) => unknown): Provider => ({
  provide,
  inject: [REDIS, APP_CONFIG],
  useFactory: make,
});

/**
 * What api processes share besides the database — the message bus (live fan-out, revocations, relays),
 * rate-limit counters, sign-in failures, presence holders, link reports — chosen once from the config:
 * in Redis, shared by every process; or in this process's memory, when one process holds every role.
 * (Job queues: JobsModule; socket.io rooms: the IO adapter.)
 */
@Global()
@Module({})
export class CoordinationModule {
  static register(config: AppConfig): DynamicModule {
    const providers: Provider[] =
      config.coordination === 'redis'
        ? [
            redisClientProvider,
            RedisLifecycle,
            withRedis(MESSAGE_BUS, (redis) => new RedisMessageBus(redis)),
            withRedis(COUNTER_STORE, (redis) => new RedisCounterStore(redis)),
            withRedis(LOGIN_FAILURES, (redis) => new RedisLoginFailures(redis)),
            withRedis(LINK_REPORTS, (redis, c) => new RedisLinkReports(redis, c)),
            withRedis(PRESENCE_STORE, (redis, c) => new RedisPresenceStore(redis, c.redisPrefix)),
            withRedis(COORDINATION_STATUS, (redis): CoordinationStatus => ({
              mode: 'redis',
              ping: () => redis.ping().then((p) => p === 'PONG'),
            })),
          ]
        : [
            { provide: MESSAGE_BUS, useValue: new LocalMessageBus() },
            { provide: COUNTER_STORE, useValue: new MemoryCounterStore() },
            { provide: LOGIN_FAILURES, useValue: new MemoryLoginFailures() },
            { provide: LINK_REPORTS, useValue: new MemoryLinkReports() },
            { provide: PRESENCE_STORE, useValue: new MemoryPresenceStore() },
            { provide: COORDINATION_STATUS, useValue: { mode: 'in-process', ping: async () => true } satisfies CoordinationStatus },
          ];
    return {
      module: CoordinationModule,
      providers,
      exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)),
    };
  }
}
