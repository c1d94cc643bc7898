import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConferencesModule } from '../conferences/conferences.module';
import { QuestionsModule } from '../questions/questions.module';
import { RecordingAvailability } from './recording-availability';
import { RecordingDirector } from './recording-director';
import { RecordingsController } from './recordings.controller';
import { RecordingsStore } from './recordings.store';

/**
 * Recordings: listed and downloaded in every process serving HTTP; made (ffmpeg fed by the engine) in the
 * media process. Global so that health can say whether this process records.
 */
@Global()
@Module({})
export class RecordingModule {
  static register(opts: { media: boolean }): DynamicModule {
    return {
      module: RecordingModule,
      imports: [ConferencesModule, QuestionsModule],
      controllers: [RecordingsController],
      providers: [RecordingAvailability, RecordingsStore, ...(opts.media ? [RecordingDirector] : [])],
      exports: [RecordingAvailability],
    };
  }
}
