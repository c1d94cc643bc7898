import { ErrorCode } from '@bridgepoint/contracts';

/**
 * A failure the caller can act on. Services throw these; one filter maps them to HTTP
 * (and later to socket acks), so the `code` a client sees is stable.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(code: ErrorCode, message: string, details?: unknown) {
    return new DomainError(code, message, 404, details);
  }
  static badRequest(code: ErrorCode, message: string, details?: unknown) {
    return new DomainError(code, message, 400, details);
  }
  static conflict(code: ErrorCode, message: string, details?: unknown) {
    return new DomainError(code, message, 409, details);
  }
  static forbidden(message = 'You are not allowed to do this.') {
    return new DomainError(ErrorCode.Forbidden, message, 403);
  }
  static unauthenticated(message = 'Sign in first.') {
    return new DomainError(ErrorCode.Unauthenticated, message, 401);
  }
}
