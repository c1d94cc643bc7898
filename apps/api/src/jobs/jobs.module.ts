import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { QUEUES } from './queues';

/** Registers every queue once; features enqueue through the queues exported here. */
@Global()
@Module({
  imports: [BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })))],
  controllers: [JobsController],
  providers: [JobsService],
  exports: [BullModule, JobsService],
})
export class JobsModule {}
