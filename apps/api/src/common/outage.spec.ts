import { QueryFailedError } from 'typeorm';
import { ErrorCode } from '@bridgepoint/contracts';
import { toErrorBody } from './http-exception.filter';
import { asDatabaseFailure, RedisUnavailableError, unavailableDependency, withRedisDeadline } from './outage';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which dependency an error says is unreachable', () => {
  it('recognizes PostgreSQL going away, starting up or refusing connections', () => {
    const refused = Object.assign(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), { syscall: 'connect' });
    expect(unavailableDependency(refused)).toBe('database');
    expect(unavailableDependency(pgError('57P01', 'terminating connection due to administrator command'))).toBe('database');
    expect(unavailableDependency(pgError('57P03', 'the database system is starting up'))).toBe('database');
    expect(unavailableDependency(pgError('08006'))).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    const wrapped = new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection'));
    expect(unavailableDependency(wrapped)).toBe('database');
  });

  it('takes a connection reset in a database call for the database, and one while reading a request for the client', () => {
    const reset = Object.assign(pgError('ECONNRESET', 'read ECONNRESET'), { syscall: 'read' });
    expect(unavailableDependency(reset)).toBeNull();
    expect(unavailableDependency(asDatabaseFailure(reset))).toBe('database');
    expect(unavailableDependency(new QueryFailedError('SELECT 1', [], reset))).toBe('database');
    expect(toErrorBody(asDatabaseFailure(reset))).toMatchObject({ statusCode: 503, code: ErrorCode.ServiceUnavailable });
    // Anything else passes through as it was.
    const bug = new TypeError('x is undefined');
    expect(asDatabaseFailure(bug)).toBe(bug);
  });

  it('recognizes Redis refusing commands', () => {
    const gaveUp = Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' });
    expect(unavailableDependency(gaveUp)).toBe('redis');
    expect(unavailableDependency(new RedisUnavailableError('read a job', 3000))).toBe('redis');
  });

  it('leaves bugs and bad requests alone', () => {
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unavailableDependency(pgError('23505', 'duplicate key value'))).toBeNull();
    expect(unavailableDependency(pgError('22P02', 'invalid input syntax'))).toBeNull();
    expect(unavailableDependency(null)).toBeNull();
    // A client that goes away while its upload streams in.
    expect(unavailableDependency(Object.assign(pgError('ECONNRESET', 'aborted'), { syscall: 'read' }))).toBeNull();
  });

  it('maps an unreachable database to 503 SERVICE_UNAVAILABLE with a retry delay, a bug to 500', () => {
    expect(toErrorBody(Object.assign(pgError('ECONNREFUSED'), { syscall: 'connect' }))).toMatchObject({
      statusCode: 503,
      code: ErrorCode.ServiceUnavailable,
      details: { retryAfterSeconds: 2, dependency: 'database' },
    });
    expect(toErrorBody(new TypeError('boom'))).toMatchObject({ statusCode: 500, code: ErrorCode.Internal });
  });

  it('gives up on a Redis read past its deadline', async () => {
    await expect(withRedisDeadline('read', new Promise(() => undefined), 20)).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(withRedisDeadline('read', Promise.resolve(7), 20)).resolves.toBe(7);
  });
});
