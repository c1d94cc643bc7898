import { DynamicModule, Global, Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { SnapshotProcessor } from '../attendance/snapshot.processor';
import { QuestionsModule } from '../questions/questions.module';
import { LiveGateway } from './live.gateway';
import { LiveNotifier } from './live-notifier';
import { PublicState } from './public-state';
import { ConferencesModule } from '../conferences/conferences.module';
import { PresenceModule } from '../presence/presence.module';
import { PresenceTracker } from '../presence/presence-tracker';
import { ReadinessGateway } from '../presence/readiness.gateway';

/** Every feature announces its committed changes here; any process may, whatever its roles. */
@Global()
@Module({ providers: [LiveNotifier], exports: [LiveNotifier] })
export class LiveNotifierModule {}

/**
 * The parts that run by role: the `/live` gateway (and presence, counted from its sockets) in processes with `realtime`, the minute
 * attendance snapshots in those with `jobs`.
 */
@Module({})
export class LiveModule {
  static register(opts: { realtime: boolean; runJobs: boolean }): DynamicModule {
    return {
      module: LiveModule,
      imports: [AttendanceModule, QuestionsModule, ConferencesModule, PresenceModule],
      providers: [...(opts.realtime ? [LiveGateway, PublicState, PresenceTracker, ReadinessGateway] : []), ...(opts.runJobs ? [SnapshotProcessor] : [])],
    };
  }
}
