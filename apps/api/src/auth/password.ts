import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const KEY_LEN = 32;
const R = 8;
const P = 1;
/** Password checks waiting for a slot beyond this many are refused (503 + Retry-After) instead of piling up. */
const MAX_WAITING = 32;

function scryptAsync(password: string, salt: Buffer, len: number, n: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; allow twice that so the largest accepted cost fits.
  const maxmem = 256 * n * r;
  return new Promise((resolve, reject) => scrypt(password, salt, len, { N: n, r, p, maxmem }, (e, key) => (e ? reject(e) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const n = 2 ** cost;
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LEN, n, R, P);
  return ['scrypt', n, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, N, Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a stored hash was made with weaker parameters than `cost` asks for today. */
export function needsRehash(stored: string, cost: number): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < 2 ** cost || Number(r) < R || Number(p) < P;
}

/**
 * Password hashing at OWASP's scrypt cost (N=2^17, r=8, p=1: 128 MiB and ~0.5 s a check on this
 * class of machine), with a bound on how many run at once: a flood of sign-in attempts waits in a
 * short queue (or is told to come back) instead of taking every core and all memory from check-ins.
 */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return this.slot(() => hashPassword(password, this.config.passwordHashCost));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.slot(() => verifyPassword(password, stored));
  }

  needsRehash(stored: string): boolean {
    return needsRehash(stored, this.config.passwordHashCost);
  }

  /** A hash of nothing, to compare against when the username is unknown: both paths cost the same. */
  private dummy: Promise<string> | null = null;
  dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'), this.config.passwordHashCost);
    return this.dummy;
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.passwordHashConcurrency) {
      if (this.waiting.length >= MAX_WAITING) {
        throw new DomainError(ErrorCode.ServiceBusy, 'Too many sign-ins at once. Try again in a few seconds.', 503, { retryAfterSeconds: 2 });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
