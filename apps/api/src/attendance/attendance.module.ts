import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInBatcher } from './check-in-batcher';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';
import { RecordController } from './record.controller';
import { RecordService } from './record.service';
import { SummaryService } from './summary.service';

/** Check-ins, headcounts and the summary; corrections and the record's lock. */
@Module({
  controllers: [AttendanceController, CorrectionsController, RecordController],
  providers: [AttendanceService, SummaryService, CheckInBatcher, CorrectionsService, RecordService],
  exports: [AttendanceService, SummaryService, CorrectionsService, RecordService],
})
export class AttendanceModule {}
