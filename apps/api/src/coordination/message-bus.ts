import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** Messages on named channels, heard by every subscriber in every api process (this one included). */
export interface MessageBus {
  publish(channel: string, message: string): Promise<void>;
  /**
   * Listens to `channel`. `ready` settles once listening (it rejects while Redis does not answer, and
   * listening starts when it is back); `onReady` runs each time listening (re)starts, since messages may
   * have been missed in a gap.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onReady?: () => void): Subscription;
}

export interface Subscription {
  ready: Promise<void>;
  close(): void;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/** Redis pub/sub: one subscriber connection per subscription, duplicated from the process's client. */
export class RedisMessageBus implements MessageBus {
  constructor(private readonly redis: Redis) {}

  async publish(channel: string, message: string) {
    await this.redis.publish(channel, message);
  }

  subscribe(channel: string, onMessage: (message: string) => void, onReady?: () => void): Subscription {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', () => undefined);
    subscriber.on('message', (c: string, raw: string) => {
      if (c === channel) onMessage(raw);
    });
    if (onReady) subscriber.on('ready', onReady);
    return { ready: subscriber.subscribe(channel).then(() => undefined), close: () => subscriber.disconnect() };
  }
}

/** One process: messages go to this process's subscribers, on a later turn of the event loop (as from Redis). */
export class LocalMessageBus implements MessageBus {
  private readonly logger = new Logger(LocalMessageBus.name);
  private readonly channels = new Map<string, Set<(message: string) => void>>();

  async publish(channel: string, message: string) {
    const listeners = this.channels.get(channel);
    if (!listeners || listeners.size === 0) return;
    setImmediate(() => {
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (e) {
          this.logger.warn(`A subscriber of ${channel} failed: ${(e as Error).message}`);
        }
      }
    });
  }

  subscribe(channel: string, onMessage: (message: string) => void): Subscription {
    let listeners = this.channels.get(channel);
    if (!listeners) this.channels.set(channel, (listeners = new Set()));
    const listener = (m: string) => onMessage(m);
    listeners.add(listener);
    return { ready: Promise.resolve(), close: () => listeners.delete(listener) };
  }
}
