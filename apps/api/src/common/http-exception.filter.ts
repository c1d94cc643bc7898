import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorBody, ErrorCode } from '@bridgepoint/contracts';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { OUTAGE_RETRY_AFTER_SECONDS, outages, unavailableDependency } from './outage';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

/** Postgres error classes that mean the request was wrong, not the server. */
const PG_CLIENT_ERRORS: Record<string, string> = {
  '22P02': 'A value has the wrong format.',
  '22001': 'A value is too long.',
  '22003': 'A number is out of range.',
  '22007': 'A date is not valid.',
  '22008': 'A date is out of range.',
};

/** Turns anything thrown into `{statusCode, code, message, details?}`; never leaks a stack. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return { statusCode: error.status, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const r = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const code = (typeof r.code === 'string' ? r.code : CODE_BY_STATUS[status]) as ErrorCode | undefined;
    let message = typeof r.message === 'string' ? r.message : error.message;
    if (status === 404 && !r.code) message = 'No such endpoint.';
    if (status === 413) message = 'The request is too large.';
    return {
      statusCode: status,
      code: code ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed),
      message,
      ...(r.details !== undefined ? { details: r.details } : {}),
    };
  }
  const e = error as { type?: string; status?: number; code?: string; message?: string };
  // body-parser failures arrive as plain errors with a status.
  if (e?.type === 'entity.parse.failed') {
    return { statusCode: 400, code: ErrorCode.ValidationFailed, message: 'The request body is not valid JSON.' };
  }
  if (e?.type === 'entity.too.large' || e?.status === 413) {
    return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: 'The request is too large.' };
  }
  const dependency = unavailableDependency(error);
  if (dependency) {
    return {
      statusCode: 503,
      code: ErrorCode.ServiceUnavailable,
      message: `The ${dependency === 'database' ? 'database' : 'coordination service'} is unreachable for a moment. Try again in a few seconds.`,
      details: { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS, dependency },
    };
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error as unknown as { code?: string }).code ?? '';
    if (PG_CLIENT_ERRORS[pgCode]) {
      return { statusCode: 400, code: ErrorCode.ValidationFailed, message: PG_CLIENT_ERRORS[pgCode] };
    }
  }
  return { statusCode: 500, code: ErrorCode.Internal, message: 'Something went wrong on the server. Try again.' };
}

/**
 * What the server log says about a failed request: an unreachable database or Redis once per outage, with a
 * count (not once per request); any other 5xx with its stack; nothing for a 4xx.
 */
export function logFailure(logger: Logger, exception: unknown, body: ErrorBody): void {
  const dependency = body.code === ErrorCode.ServiceUnavailable ? (body.details as { dependency?: 'database' | 'redis' } | undefined)?.dependency : undefined;
  if (dependency) outages.record(dependency, exception);
  else if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  }
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    logFailure(this.logger, exception, body);
    if (res.headersSent) return;
    const retry = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if ((body.statusCode === 429 || body.statusCode === 503) && retry) res.setHeader('Retry-After', String(retry));
    res.status(body.statusCode).json(body);
  }
}
