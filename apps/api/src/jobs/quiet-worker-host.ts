import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/** One line per outage, not a stack trace per reconnect attempt, while Redis is away. */
export function throttledWarning(logger: Logger, what: string, everyMs = 30_000) {
  let last = 0;
  return (error: Error) => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    logger.warn(`${what}: ${error.message} (retrying; further errors for ${everyMs / 1000} s are not logged)`);
  };
}

/** A BullMQ processor whose worker reports connection trouble as throttled warnings. */
export abstract class QuietWorkerHost extends WorkerHost {
  private readonly warn = throttledWarning(new Logger(this.constructor.name), 'Job worker cannot reach Redis');

  @OnWorkerEvent('error')
  onWorkerError(error: Error) {
    this.warn(error);
  }
}
