import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { SummaryService } from './summary.service';

/** Check-ins, headcounts and the summary. */
@Module({
  controllers: [AttendanceController],
  providers: [AttendanceService, SummaryService],
  exports: [AttendanceService, SummaryService],
})
export class AttendanceModule {}
