import { Inject, Injectable } from '@nestjs/common';
import type { AnnouncementDto, ChatMessageDto, ChatRead } from '@bridgepoint/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MESSAGE_BUS, type MessageBus } from '../coordination/message-bus';
import { Relay } from '../coordination/relay';

/** What the `/live` sockets must hear: a new notice (and the points it is for), new counts, a chat message or read. */
export type NoticeMessage =
  | { kind: 'sent'; notice: AnnouncementDto; pointIds: string[] }
  /** New counts; `point`: the view of the point that acknowledged, for its other pages. */
  | { kind: 'changed'; notice: AnnouncementDto; point?: { pointId: string; notice: AnnouncementDto } }
  | { kind: 'chat'; message: ChatMessageDto }
  | { kind: 'read'; read: ChatRead };

/**
 * Carries notices from the process that committed them to every process holding `/live` sockets (see
 * Relay). Redis down: the pages show the notice on their next load, the control room on its next refresh.
 */
@Injectable()
export class AnnouncementsRelay extends Relay<NoticeMessage> {
  constructor(@Inject(MESSAGE_BUS) bus: MessageBus, @Inject(APP_CONFIG) config: AppConfig) {
    super(bus, `${config.redisPrefix}:announcements`, 'Notices');
  }

  sent(notice: AnnouncementDto, pointIds: string[]) {
    this.publish({ kind: 'sent', notice, pointIds });
  }

  changed(notice: AnnouncementDto, point?: { pointId: string; notice: AnnouncementDto }) {
    this.publish({ kind: 'changed', notice, point });
  }
}
