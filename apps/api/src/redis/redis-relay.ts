import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * Carries messages from the process that committed a change to every process holding `/live` sockets,
 * through one Redis pub/sub channel: any process may take the request, only those with the `realtime`
 * role listen and deliver to their own sockets (so nothing arrives twice).
 */
export abstract class RedisRelay<M> implements OnModuleDestroy {
  private readonly logger: Logger;
  private subscriber: Redis | null = null;

  protected constructor(
    protected readonly redis: Redis,
    private readonly channel: string,
    private readonly what: string,
  ) {
    this.logger = new Logger(new.target.name);
  }

  /** A process with `/live` sockets listens (once). */
  async listen(deliver: (message: M) => void): Promise<void> {
    if (this.subscriber) return;
    const subscriber = (this.subscriber = this.redis.duplicate());
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, raw: string) => {
      try {
        deliver(JSON.parse(raw) as M);
      } catch (e) {
        this.logger.warn(`${this.what} not delivered: ${(e as Error).message}`);
      }
    });
    await subscriber.subscribe(this.channel).catch((e: Error) => this.logger.warn(`${this.what} reach no socket until Redis answers: ${e.message}`));
  }

  publish(message: M) {
    this.redis.publish(this.channel, JSON.stringify(message)).catch((e: Error) => {
      // Redis down: pages catch up on their next load or refresh.
      this.logger.warn(`${this.what} not announced: ${e.message}`);
    });
  }

  onModuleDestroy() {
    this.subscriber?.disconnect();
  }
}
