import { Inject, Injectable } from '@nestjs/common';
import type { AnnouncementDto, ChatMessageDto, ChatRead } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { RedisRelay } from '../redis/redis-relay';

/** What the `/live` sockets must hear: a new notice (and the points it is for), new counts, a chat message or read. */
export type NoticeMessage =
  | { kind: 'sent'; notice: AnnouncementDto; pointIds: string[] }
  /** New counts; `point`: the view of the point that acknowledged, for its other pages. */
  | { kind: 'changed'; notice: AnnouncementDto; point?: { pointId: string; notice: AnnouncementDto } }
  | { kind: 'chat'; message: ChatMessageDto }
  | { kind: 'read'; read: ChatRead };

/**
 * Carries notices from the process that committed them to every process holding `/live` sockets (see
 * RedisRelay). Redis down: the pages show the notice on their next load, the control room on its next refresh.
 */
@Injectable()
export class AnnouncementsRelay extends RedisRelay<NoticeMessage> {
  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(redis, `${config.redisPrefix}:announcements`, 'Notices');
  }

  sent(notice: AnnouncementDto, pointIds: string[]) {
    this.publish({ kind: 'sent', notice, pointIds });
  }

  changed(notice: AnnouncementDto, point?: { pointId: string; notice: AnnouncementDto }) {
    this.publish({ kind: 'changed', notice, point });
  }
}
