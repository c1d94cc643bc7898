import type { Redis } from 'ioredis';
import { TtlMap } from '../coordination/ttl-map';

/** Counters that expire: the rate limits' windows. */
export interface CounterStore {
  /** Adds one to each key (each kept `ttlSeconds` from now), returning the new counts. */
  incr(keys: string[], ttlSeconds: number): Promise<number[]>;
  /** The counts (0 for a key never counted or expired). */
  get(keys: string[]): Promise<number[]>;
}

export const COUNTER_STORE = Symbol('COUNTER_STORE');

/** Shared by every api process. */
export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis) {}

  async incr(keys: string[], ttlSeconds: number): Promise<number[]> {
    const multi = this.redis.multi();
    for (const key of keys) multi.incr(key).expire(key, ttlSeconds);
    const res = (await multi.exec()) ?? [];
    return keys.map((_, i) => Number(res[i * 2]?.[1] ?? 0));
  }

  async get(keys: string[]): Promise<number[]> {
    return (await this.redis.mget(...keys)).map((v) => Number(v ?? 0));
  }
}

/** One process's own counts: in-process coordination, and the fallback while Redis does not answer. */
export class MemoryCounterStore implements CounterStore {
  private readonly counts: TtlMap<number>;

  constructor(maxKeys = 100_000, now: () => number = Date.now) {
    this.counts = new TtlMap(maxKeys, now);
  }

  async incr(keys: string[], ttlSeconds: number): Promise<number[]> {
    return keys.map((key) => {
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n, ttlSeconds * 1000);
      return n;
    });
  }

  async get(keys: string[]): Promise<number[]> {
    return keys.map((key) => this.counts.get(key) ?? 0);
  }
}
