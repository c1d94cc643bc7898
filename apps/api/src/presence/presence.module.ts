import { Module } from '@nestjs/common';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';

/**
 * Presence of points (online while an operator page holds `/live`): the record in Postgres and its
 * REST view. The tracker that counts sockets runs with the `/live` gateway (see LiveModule).
 */
@Module({
  controllers: [PresenceController],
  providers: [PresenceService],
  exports: [PresenceService],
})
export class PresenceModule {}
