import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { AnnouncementDto, ChatMessageDto, ChatRead } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

/** What the `/live` sockets must hear: a new notice (and the points it is for), new counts, a chat message or read. */
export type NoticeMessage =
  | { kind: 'sent'; notice: AnnouncementDto; pointIds: string[] }
  /** New counts; `point`: the view of the point that acknowledged, for its other pages. */
  | { kind: 'changed'; notice: AnnouncementDto; point?: { pointId: string; notice: AnnouncementDto } }
  | { kind: 'chat'; message: ChatMessageDto }
  | { kind: 'read'; read: ChatRead };

/**
 * Carries notices from the process that committed them to every process holding `/live` sockets, through
 * Redis pub/sub: any process may take the request, only those with the `realtime` role have sockets.
 */
@Injectable()
export class AnnouncementsRelay implements OnModuleDestroy {
  private readonly logger = new Logger(AnnouncementsRelay.name);
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:announcements`;
  }

  /** A process with `/live` sockets listens (once). */
  async listen(deliver: (message: NoticeMessage) => void): Promise<void> {
    if (this.subscriber) return;
    const subscriber = (this.subscriber = this.redis.duplicate());
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, raw: string) => {
      try {
        deliver(JSON.parse(raw) as NoticeMessage);
      } catch (e) {
        this.logger.warn(`Notice not delivered: ${(e as Error).message}`);
      }
    });
    await subscriber.subscribe(this.channel).catch((e: Error) => this.logger.warn(`Notices reach no socket until Redis answers: ${e.message}`));
  }

  sent(notice: AnnouncementDto, pointIds: string[]) {
    this.publish({ kind: 'sent', notice, pointIds });
  }

  changed(notice: AnnouncementDto, point?: { pointId: string; notice: AnnouncementDto }) {
    this.publish({ kind: 'changed', notice, point });
  }

  publish(message: NoticeMessage) {
    this.redis.publish(this.channel, JSON.stringify(message)).catch((e: Error) => {
      // Redis down: the pages show the notice on their next load, the control room on its next refresh.
      this.logger.warn(`Notice not announced: ${e.message}`);
    });
  }

  onModuleDestroy() {
    this.subscriber?.disconnect();
  }
}
