import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Coordination } from '../config/app-config';
import { inProcessQueueProviders, InProcessWorkers } from './in-process-workers';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { QUEUES } from './queues';

/**
 * Registers every queue once; features enqueue through the queues exported here (`@InjectQueue`). With
 * Redis, BullMQ's queues and workers; with in-process coordination, queues in this process's memory under
 * the same tokens, worked by the same processors.
 */
@Global()
@Module({})
export class JobsModule {
  static register(coordination: Coordination): DynamicModule {
    if (coordination === 'redis') {
      return {
        module: JobsModule,
        imports: [BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })))],
        controllers: [JobsController],
        providers: [JobsService],
        exports: [BullModule, JobsService],
      };
    }
    const queues = inProcessQueueProviders();
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      controllers: [JobsController],
      providers: [...queues, InProcessWorkers, JobsService],
      exports: [...queues.map((q) => q.provide), JobsService],
    };
  }
}
