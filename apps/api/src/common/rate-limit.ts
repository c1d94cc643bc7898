import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { DomainError } from './domain-error';

/**
 * Fixed-window counters in Redis, shared by every api process. When Redis does not answer the
 * limit is not enforced (logged), so an outage never locks operators out.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one attempt for `bucket`; throws 429 RATE_LIMITED past `limit` per `windowSeconds`. */
  async hit(bucket: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    const key = `${this.config.redisPrefix}:rl:${bucket}:${window}`;
    let count: number;
    try {
      const res = await this.redis.multi().incr(key).expire(key, windowSeconds + 1).exec();
      count = Number(res?.[0]?.[1] ?? 0);
    } catch (e) {
      this.logger.warn(`Rate limit "${bucket}" not enforced: ${(e as Error).message}`);
      return;
    }
    if (count > limit) {
      const retryAfter = (window + 1) * windowSeconds - Math.floor(Date.now() / 1000);
      throw new DomainError(ErrorCode.RateLimited, message, 429, { retryAfterSeconds: Math.max(1, retryAfter) });
    }
  }
}
