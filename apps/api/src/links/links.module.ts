import { DynamicModule, Module } from '@nestjs/common';
import { ConferencesModule } from '../conferences/conferences.module';
import { LinkSenders } from './link-senders';
import { LinksController } from './links.controller';
import { LinksProcessor } from './links.processor';
import { LinksService } from './links.service';

@Module({})
export class LinksModule {
  static register(opts: { runJobs: boolean }): DynamicModule {
    return {
      module: LinksModule,
      imports: [ConferencesModule],
      controllers: [LinksController],
      providers: [LinksService, LinkSenders, ...(opts.runJobs ? [LinksProcessor] : [])],
    };
  }
}
