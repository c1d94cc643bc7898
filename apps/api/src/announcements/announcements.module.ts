import { DynamicModule, Module } from '@nestjs/common';
import { AnnouncementsController } from './announcements.controller';
import { AnnouncementsGateway } from './announcements.gateway';
import { AnnouncementsRelay } from './announcements-relay';
import { AnnouncementsService } from './announcements.service';

/** Notices from the organizers to the points; processes with `/live` sockets (role `realtime`) deliver them. */
@Module({})
export class AnnouncementsModule {
  static register(opts: { realtime: boolean }): DynamicModule {
    return {
      module: AnnouncementsModule,
      controllers: [AnnouncementsController],
      providers: [AnnouncementsService, AnnouncementsRelay, ...(opts.realtime ? [AnnouncementsGateway] : [])],
    };
  }
}
