import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Whether this process is shutting down (SIGTERM received): readiness turns 503 at once so a proxy
 * stops routing here, responses ask clients to close their connection, and requests already in flight
 * (check-ins among them) finish before the database is let go.
 */
@Injectable()
export class ShutdownState {
  private drainingSince: number | null = null;
  private readonly open = new Set<Response>();
  private idle: (() => void)[] = [];

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** HTTP requests being answered right now. */
  get requestsInFlight(): number {
    return this.open.size;
  }

  begin() {
    this.drainingSince ??= Date.now();
    // Answers still to be written close their connection too, so no keep-alive socket outlives the drain.
    for (const res of this.open) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Resolves once no request is in flight (at once when none is). */
  requestsDone(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Express middleware: counts requests in flight; while draining, answers carry `Connection: close`. */
  readonly middleware = (_req: Request, res: Response, next: NextFunction) => {
    this.open.add(res);
    const finished = () => {
      if (this.open.delete(res) && this.open.size === 0) for (const r of this.idle.splice(0)) r();
    };
    res.once('finish', finished);
    res.once('close', finished);
    if (this.draining) res.setHeader('Connection', 'close');
    next();
  };
}
