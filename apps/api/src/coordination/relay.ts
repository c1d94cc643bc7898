import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { MessageBus, Subscription } from './message-bus';

/**
 * Carries messages from the process that committed a change to every process holding `/live` sockets,
 * through one channel of the message bus (Redis pub/sub, or this process alone): any process may take the
 * request, only those with the `realtime` role listen and deliver to their own sockets (so nothing arrives twice).
 */
export abstract class Relay<M> implements OnModuleDestroy {
  private readonly logger: Logger;
  private subscription: Subscription | null = null;

  protected constructor(
    private readonly bus: MessageBus,
    private readonly channel: string,
    private readonly what: string,
  ) {
    this.logger = new Logger(new.target.name);
  }

  /** A process with `/live` sockets listens (once). */
  async listen(deliver: (message: M) => void): Promise<void> {
    if (this.subscription) return;
    this.subscription = this.bus.subscribe(this.channel, (raw) => {
      try {
        deliver(JSON.parse(raw) as M);
      } catch (e) {
        this.logger.warn(`${this.what} not delivered: ${(e as Error).message}`);
      }
    });
    await this.subscription.ready.catch((e: Error) => this.logger.warn(`${this.what} reach no socket until Redis answers: ${e.message}`));
  }

  publish(message: M) {
    this.bus.publish(this.channel, JSON.stringify(message)).catch((e: Error) => {
      // Redis down: pages catch up on their next load or refresh.
      this.logger.warn(`${this.what} not announced: ${e.message}`);
    });
  }

  onModuleDestroy() {
    this.subscription?.close();
  }
}
