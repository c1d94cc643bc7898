import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

/** Failures are forgotten this long after the last one. */
const MEMORY_SECONDS = 3600;
const MAX_WAIT_SECONDS = 15 * 60;

interface Counter { n: number; last: number }

/**
 * Growing back-off after failed sign-ins, counted three ways: one username from one address (the
 * common guesser), one username from anywhere (a distributed guesser, 4× the allowance) and one
 * address for any username (password spraying, 10×). Past its allowance a counter makes the next
 * try wait 2 s, then 4, 8… up to 15 minutes after the last failure; attempts refused meanwhile cost
 * nothing (no password check) and do not count. Shared through Redis; kept in memory while Redis is down.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly memory = new Map<string, Counter>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 429 with Retry-After when this attempt must wait. */
  async check(username: string, ip: string): Promise<void> {
    const keys = this.keys(username, ip);
    const counters = await this.read(keys.map((k) => k.key));
    const now = Date.now();
    let wait = 0;
    keys.forEach((k, i) => {
      const c = counters[i];
      if (!c || c.n < k.allowance) return;
      const seconds = Math.min(MAX_WAIT_SECONDS, 2 ** (c.n - k.allowance + 1));
      wait = Math.max(wait, Math.ceil((c.last + seconds * 1000 - now) / 1000));
    });
    if (wait > 0) {
      throw new DomainError(ErrorCode.RateLimited, `Too many failed sign-ins. Try again in ${formatWait(wait)}.`, 429, { retryAfterSeconds: wait });
    }
  }

  async failed(username: string, ip: string): Promise<void> {
    const now = Date.now();
    const keys = this.keys(username, ip).map((k) => k.key);
    try {
      const multi = this.redis.multi();
      for (const key of keys) multi.hincrby(key, 'n', 1).hset(key, 'last', now).expire(key, MEMORY_SECONDS);
      await multi.exec();
    } catch (e) {
      this.logger.warn(`Sign-in failures counted in memory (Redis: ${(e as Error).message})`);
      for (const key of keys) {
        const c = this.memory.get(key);
        this.memory.set(key, { n: (c && now - c.last < MEMORY_SECONDS * 1000 ? c.n : 0) + 1, last: now });
      }
    }
  }

  /** A correct password clears this username's counters (not the address's: a sprayer may know one account). */
  async succeeded(username: string, ip: string): Promise<void> {
    const [pair, user] = this.keys(username, ip);
    this.memory.delete(pair.key);
    this.memory.delete(user.key);
    await this.redis.del(pair.key, user.key).catch(() => undefined);
  }

  private keys(username: string, ip: string) {
    const base = this.config.loginFailuresBeforeBackoff;
    const p = `${this.config.redisPrefix}:login`;
    const u = username.toLowerCase();
    return [
      { key: `${p}:pair:${u}|${ip}`, allowance: base },
      { key: `${p}:user:${u}`, allowance: base * 4 },
      { key: `${p}:ip:${ip}`, allowance: base * 10 },
    ];
  }

  private async read(keys: string[]): Promise<(Counter | null)[]> {
    try {
      const pipe = this.redis.pipeline();
      for (const key of keys) pipe.hmget(key, 'n', 'last');
      const res = (await pipe.exec()) ?? [];
      return res.map(([err, v], i) => {
        if (err) throw err;
        const [n, last] = v as (string | null)[];
        const remote = n === null ? null : { n: Number(n), last: Number(last) };
        return newer(remote, this.memory.get(keys[i]) ?? null);
      });
    } catch {
      return keys.map((k) => this.memory.get(k) ?? null);
    }
  }
}

function newer(a: Counter | null, b: Counter | null): Counter | null {
  if (!a) return b;
  if (!b) return a;
  return a.n >= b.n ? a : b;
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
