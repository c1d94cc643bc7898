import { DynamicModule, Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { LiveGateway } from './live.gateway';
import { LiveNotifier } from './live-notifier';
import { SnapshotProcessor } from './snapshot.processor';
import { SummaryService } from './summary.service';

/** Check-ins, headcounts and the summary; every process announces changes through LiveNotifier. */
@Module({
  controllers: [AttendanceController],
  providers: [AttendanceService, SummaryService, LiveNotifier],
  exports: [AttendanceService, SummaryService, LiveNotifier],
})
export class AttendanceModule {}

/** The `/live` gateway in processes with the `realtime` role; the minute snapshots in those with `jobs`. */
@Module({})
export class LiveModule {
  static register(opts: { realtime: boolean; runJobs: boolean }): DynamicModule {
    return {
      module: LiveModule,
      imports: [AttendanceModule],
      providers: [...(opts.realtime ? [LiveGateway] : []), ...(opts.runJobs ? [SnapshotProcessor] : [])],
    };
  }
}
