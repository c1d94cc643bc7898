import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Principal } from '@bridgepoint/contracts';
import pino, { type Logger as Pino } from 'pino';
import { requestContext } from './request-context';

const PINO_LEVEL: Record<'error' | 'warn' | 'log' | 'debug', pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

/** Who asked, as a log line names them: ids and kinds only, never a token. */
export function principalFields(p: Principal | undefined): Record<string, string> | undefined {
  if (!p) return undefined;
  if (p.kind === 'user') return { kind: 'user', userId: p.userId, username: p.username, role: p.role };
  if (p.kind === 'point') return { kind: 'point', pointId: p.pointId, conferenceId: p.conferenceId };
  return { kind: 'delegate', delegateId: p.delegateId, pointId: p.pointId, conferenceId: p.conferenceId };
}

/**
 * Nest's logger as JSON lines (pino) on stdout: one object per line with `level`, `time`, `msg`,
 * `context`, and inside a request its `reqId` and `principal`, so a search by request or by point
 * finds everything it caused.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Pino;

  constructor(level: keyof typeof PINO_LEVEL, private readonly hidden: ReadonlySet<string> = new Set(), stream: NodeJS.WritableStream = process.stdout) {
    this.pino = pino(
      {
        level: PINO_LEVEL[level],
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin() {
          const ctx = requestContext.getStore();
          if (!ctx?.requestId) return {};
          return { reqId: ctx.requestId, principal: principalFields(ctx.principal) };
        },
      },
      stream,
    );
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
  setLogLevels(levels: LogLevel[]) {
    const order: [LogLevel, pino.Level][] = [['verbose', 'trace'], ['debug', 'debug'], ['log', 'info'], ['warn', 'warn'], ['error', 'error'], ['fatal', 'fatal']];
    const lowest = order.find(([nest]) => levels.includes(nest));
    if (lowest) this.pino.level = lowest[1];
  }

  /** Nest calls `(message, context)` or, for errors, `(message, stack, context)`. */
  private write(level: pino.Level, message: unknown, rest: unknown[]) {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (context && this.hidden.has(context) && !this.pino.isLevelEnabled('debug')) return;
    const stack = level === 'error' && rest.length === 2 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      fields.err = { type: message.name, message: message.message, stack: message.stack };
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as object) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
