import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { DomainError } from './domain-error';

/**
 * Fixed-window counters in Redis, shared by every api process. While Redis does not answer, each
 * process counts in its own memory instead (the limit then applies per process), so an outage neither
 * locks operators out nor lifts the limits.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly memory = new Map<string, number>();
  private lastWarning = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one attempt for `bucket`; throws 429 RATE_LIMITED past `limit` per `windowSeconds`. */
  async hit(bucket: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    const [count] = await this.incr([bucket], windowSeconds);
    if (count > limit) throw this.limited(windowSeconds, message);
  }

  /** Refuses (429) when any bucket already holds `limit` attempts in this window; counts nothing. */
  async check(buckets: string[], limit: number, windowSeconds: number, message: string): Promise<void> {
    const keys = buckets.map((b) => this.key(b, windowSeconds));
    let counts: number[];
    try {
      counts = (await this.redis.mget(...keys)).map((v) => Number(v ?? 0));
    } catch {
      counts = keys.map((k) => this.memory.get(k) ?? 0);
    }
    if (counts.some((c) => c >= limit)) throw this.limited(windowSeconds, message);
  }

  /** Counts one attempt in each bucket (e.g. a failure), returning the new counts. */
  async count(buckets: string[], windowSeconds: number): Promise<number[]> {
    return this.incr(buckets, windowSeconds);
  }

  private async incr(buckets: string[], windowSeconds: number): Promise<number[]> {
    const keys = buckets.map((b) => this.key(b, windowSeconds));
    try {
      const multi = this.redis.multi();
      for (const key of keys) multi.incr(key).expire(key, windowSeconds + 1);
      const res = (await multi.exec()) ?? [];
      return keys.map((_, i) => Number(res[i * 2]?.[1] ?? 0));
    } catch (e) {
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`Rate limits counted per process while Redis does not answer: ${(e as Error).message}`);
      }
      this.forgetOldWindows();
      return keys.map((k) => {
        const n = (this.memory.get(k) ?? 0) + 1;
        this.memory.set(k, n);
        return n;
      });
    }
  }

  private key(bucket: string, windowSeconds: number) {
    return `${this.config.redisPrefix}:rl:${bucket}:${Math.floor(Date.now() / 1000 / windowSeconds)}`;
  }

  private limited(windowSeconds: number, message: string) {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    const retryAfter = (window + 1) * windowSeconds - Math.floor(Date.now() / 1000);
    return new DomainError(ErrorCode.RateLimited, message, 429, { retryAfterSeconds: Math.max(1, retryAfter) });
  }

  private forgetOldWindows() {
    if (this.memory.size < 10_000) return;
    this.memory.clear();
  }
}
