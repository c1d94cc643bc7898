import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { COUNTER_STORE, type CounterStore, MemoryCounterStore } from './counter-store';
import { DomainError } from './domain-error';

/**
 * Fixed-window counters, shared by every api process through Redis (or kept in the one process's memory
 * with in-process coordination). While Redis does not answer, each process counts in its own memory instead
 * (the limit then applies per process), so an outage neither locks operators out nor lifts the limits.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly fallback = new MemoryCounterStore(10_000);
  private lastWarning = 0;

  constructor(
    @Inject(COUNTER_STORE) private readonly store: CounterStore,
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
    const counts = await this.store.get(keys).catch(() => this.fallback.get(keys));
    if (counts.some((c) => c >= limit)) throw this.limited(windowSeconds, message);
  }

  /** Counts one attempt in each bucket (e.g. a failure), returning the new counts. */
  async count(buckets: string[], windowSeconds: number): Promise<number[]> {
    return this.incr(buckets, windowSeconds);
  }

  private async incr(buckets: string[], windowSeconds: number): Promise<number[]> {
    const keys = buckets.map((b) => this.key(b, windowSeconds));
    try {
      return await this.store.incr(keys, windowSeconds + 1);
    } catch (e) {
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`Rate limits counted per process while Redis does not answer: ${(e as Error).message}`);
      }
      return this.fallback.incr(keys, windowSeconds + 1);
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
}
