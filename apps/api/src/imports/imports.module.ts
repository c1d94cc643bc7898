import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BridgePointsModule } from '../bridge-points/bridge-points.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { DelegatesModule } from '../delegates/delegates.module';
import { Upload } from './entities/upload.entity';
import { ImportProcessor } from './import.processor';
import { ImportWriter } from './import-writer';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ImportParser } from './parse/import-parser';
import { ImportUploadInterceptor } from './upload.interceptor';

@Module({})
export class ImportsModule {
  /** The processor runs only in processes with the `jobs` role; any process accepts uploads. */
  static register(opts: { runJobs: boolean }): DynamicModule {
    return {
      module: ImportsModule,
      imports: [TypeOrmModule.forFeature([Upload]), BridgePointsModule, DelegatesModule, ConferencesModule],
      controllers: [ImportsController],
      providers: [ImportsService, ImportParser, ImportUploadInterceptor, ...(opts.runJobs ? [ImportProcessor, ImportWriter] : [])],
    };
  }
}
