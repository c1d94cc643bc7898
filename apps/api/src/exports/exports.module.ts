import { DynamicModule, Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ExportProcessor } from './export.processor';
import { ExportTables } from './export-tables';
import { ExportsController } from './exports.controller';
import { RecordReader } from './record/record-data';

@Module({})
export class ExportsModule {
  static register(opts: { runJobs: boolean }): DynamicModule {
    return {
      module: ExportsModule,
      imports: [ConferencesModule, AttendanceModule],
      controllers: [ExportsController],
      providers: [ExportTables, RecordReader, ...(opts.runJobs ? [ExportProcessor] : [])],
    };
  }
}
