import { Inject, Injectable } from '@nestjs/common';
import type { PointRehearsalDto } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { RedisRelay } from '../redis/redis-relay';

/** Rehearsal answers, from the process that stored them to every process watching the control room. */
@Injectable()
export class RehearsalRelay extends RedisRelay<PointRehearsalDto> {
  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(redis, `${config.redisPrefix}:rehearsal`, 'Rehearsal answers');
  }
}
