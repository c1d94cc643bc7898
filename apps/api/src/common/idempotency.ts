import { ErrorCode } from '@bridgepoint/contracts';
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
