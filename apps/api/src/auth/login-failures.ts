import type { Redis } from 'ioredis';
import { TtlMap } from '../coordination/ttl-map';

/** Failed sign-ins under one key: how many, and when the last one was (ms). */
export interface FailureCount {
  n: number;
  last: number;
}

/** Failed sign-in counters, each forgotten `ttlSeconds` after its last failure. */
export interface LoginFailureStore {
  add(keys: string[], at: number, ttlSeconds: number): Promise<void>;
  read(keys: string[]): Promise<(FailureCount | null)[]>;
  clear(keys: string[]): Promise<void>;
}

export const LOGIN_FAILURES = Symbol('LOGIN_FAILURES');

/** One hash per key (`n`, `last`), shared by every api process. */
export class RedisLoginFailures implements LoginFailureStore {
  constructor(private readonly redis: Redis) {}

  async add(keys: string[], at: number, ttlSeconds: number) {
    const multi = this.redis.multi();
    for (const key of keys) multi.hincrby(key, 'n', 1).hset(key, 'last', at).expire(key, ttlSeconds);
    await multi.exec();
  }

  async read(keys: string[]): Promise<(FailureCount | null)[]> {
    const pipe = this.redis.pipeline();
    for (const key of keys) pipe.hmget(key, 'n', 'last');
    const res = (await pipe.exec()) ?? [];
    return res.map(([err, v]) => {
      if (err) throw err;
      const [n, last] = v as (string | null)[];
      return n === null ? null : { n: Number(n), last: Number(last) };
    });
  }

  async clear(keys: string[]) {
    await this.redis.del(...keys);
  }
}

/** One process's own counters: in-process coordination, and the fallback while Redis does not answer. */
export class MemoryLoginFailures implements LoginFailureStore {
  private readonly counts: TtlMap<FailureCount>;

  constructor(maxKeys = 100_000, now: () => number = Date.now) {
    this.counts = new TtlMap(maxKeys, now);
  }

  async add(keys: string[], at: number, ttlSeconds: number) {
    for (const key of keys) this.counts.set(key, { n: (this.counts.get(key)?.n ?? 0) + 1, last: at }, ttlSeconds * 1000);
  }

  async read(keys: string[]): Promise<(FailureCount | null)[]> {
    return keys.map((key) => this.counts.get(key) ?? null);
  }

  async clear(keys: string[]) {
    for (const key of keys) this.counts.delete(key);
  }
}
