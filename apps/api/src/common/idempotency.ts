import { createHash } from 'node:crypto';
import { ErrorCode } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from './domain-error';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

/** Checks an `Idempotency-Key` header: absent is fine, malformed is a 400. */
export function parseIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (!KEY_PATTERN.test(header)) {
    throw DomainError.badRequest(
      ErrorCode.IdempotencyKeyInvalid,
      'Idempotency-Key must be 1-200 letters, digits or "_.:-" (a UUID is a good choice).',
    );
  }
  return header;
}

/**
 * Runs `work` once per (scope, key) in one transaction: the first call stores its result with its
 * effects; a repeat (also a concurrent one, which waits on the key's row) gets the stored result, and
 * the same key with a different request is refused. Without a key, `work` simply runs.
 */
export async function onceByKey<T>(
  dataSource: DataSource,
  scope: string,
  key: string | null,
  request: unknown,
  work: (m: EntityManager) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (key === null) return { result: await dataSource.transaction(work), replayed: false };
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  return dataSource.transaction(async (m) => {
    const claimed: unknown[] = await m.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    if (claimed.length === 0) {
      const [row]: { request_hash: string; body: T }[] = await m.query(
        'SELECT request_hash, body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (row.request_hash !== hash) {
        throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used for a different request.', 422);
      }
      return { result: row.body, replayed: true };
    }
    const result = await work(m);
    await m.query('UPDATE idempotency_keys SET status = 200, body = $3 WHERE scope = $1 AND key = $2', [scope, key, JSON.stringify(result)]);
    return { result, replayed: false };
  });
}
