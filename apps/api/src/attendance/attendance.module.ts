import { DynamicModule, Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { LiveGateway } from './live.gateway';
import { LiveNotifier } from './live-notifier';
import { SummaryService } from './summary.service';

@Module({})
export class AttendanceModule {
  /** The `/live` gateway runs only in processes with the `realtime` role; every process announces changes. */
  static register(opts: { realtime: boolean }): DynamicModule {
    return {
      module: AttendanceModule,
      controllers: [AttendanceController],
      providers: [AttendanceService, SummaryService, LiveNotifier, ...(opts.realtime ? [LiveGateway] : [])],
      exports: [AttendanceService, SummaryService],
    };
  }
}
