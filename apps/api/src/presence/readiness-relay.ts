import { Inject, Injectable } from '@nestjs/common';
import type { PresenceReadiness } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { RedisRelay } from '../redis/redis-relay';

/** Pre-flight results, from the process that stored them to every process watching the control room. */
@Injectable()
export class ReadinessRelay extends RedisRelay<PresenceReadiness> {
  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(redis, `${config.redisPrefix}:readiness`, 'Pre-flight results');
  }
}
