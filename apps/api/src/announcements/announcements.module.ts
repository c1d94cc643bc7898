import { DynamicModule, Module } from '@nestjs/common';
import { AnnouncementsController } from './announcements.controller';
import { AnnouncementsGateway } from './announcements.gateway';
import { AnnouncementsRelay } from './announcements-relay';
import { AnnouncementsService } from './announcements.service';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';

/**
 * Notices from the organizers to the points, and the chat between the control room and each point; processes
 * with `/live` sockets (role `realtime`) deliver them.
 */
@Module({})
export class AnnouncementsModule {
  static register(opts: { realtime: boolean }): DynamicModule {
    return {
      module: AnnouncementsModule,
      controllers: [AnnouncementsController, ChatController],
      providers: [AnnouncementsService, ChatService, AnnouncementsRelay, ...(opts.realtime ? [AnnouncementsGateway] : [])],
    };
  }
}
