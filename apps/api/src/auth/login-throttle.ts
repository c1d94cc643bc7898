import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { type FailureCount, LOGIN_FAILURES, type LoginFailureStore, MemoryLoginFailures } from './login-failures';

/** Failures are forgotten this long after the last one. */
const MEMORY_SECONDS = 3600;
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * Growing back-off after failed sign-ins, counted three ways: one username from one address (the
 * common guesser), one username from anywhere (a distributed guesser, 4× the allowance) and one
 * address for any username (password spraying, 10×). Past its allowance a counter makes the next
 * try wait 2 s, then 4, 8… up to 15 minutes after the last failure; attempts refused meanwhile cost
 * nothing (no password check) and do not count. Shared through Redis (or kept in the one process's memory with
 * in-process coordination); kept in memory while Redis is down.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly memory = new MemoryLoginFailures(10_000);

  constructor(
    @Inject(LOGIN_FAILURES) private readonly store: LoginFailureStore,
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
      await this.store.add(keys, now, MEMORY_SECONDS);
    } catch (e) {
      this.logger.warn(`Sign-in failures counted in memory (Redis: ${(e as Error).message})`);
      await this.memory.add(keys, now, MEMORY_SECONDS);
    }
  }

  /** A correct password clears this username's counters (not the address's: a sprayer may know one account). */
  async succeeded(username: string, ip: string): Promise<void> {
    const [pair, user] = this.keys(username, ip);
    await this.memory.clear([pair.key, user.key]);
    await this.store.clear([pair.key, user.key]).catch(() => undefined);
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

  private async read(keys: string[]): Promise<(FailureCount | null)[]> {
    const memory = await this.memory.read(keys);
    try {
      const shared = await this.store.read(keys);
      return shared.map((c, i) => newer(c, memory[i]));
    } catch {
      return memory;
    }
  }
}

function newer(a: FailureCount | null, b: FailureCount | null): FailureCount | null {
  if (!a) return b;
  if (!b) return a;
  return a.n >= b.n ? a : b;
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
