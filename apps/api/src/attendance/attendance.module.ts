import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInBatcher } from './check-in-batcher';
import { SummaryService } from './summary.service';

/** Check-ins, headcounts and the summary. */
@Module({
  controllers: [AttendanceController],
  providers: [AttendanceService, SummaryService, CheckInBatcher],
  exports: [AttendanceService, SummaryService],
})
export class AttendanceModule {}
