import { Module } from '@nestjs/common';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';
import { ReadinessRelay } from './readiness-relay';
import { ReadinessService } from './readiness.service';

/**
 * Presence of points (online while an operator page holds `/live`) and their pre-flight readiness: the
 * record in Postgres and its REST view. The tracker that counts sockets, and the gateway that tells the
 * control room of new readiness, run with the `/live` gateway (see LiveModule).
 */
@Module({
  controllers: [PresenceController],
  providers: [PresenceService, ReadinessService, ReadinessRelay],
  exports: [PresenceService, ReadinessRelay],
})
export class PresenceModule {}
