import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import { InProcessQueue, InProcessWorker } from './in-process-queue';
import { QUEUES } from './queues';

/** Where @nestjs/bullmq's decorators keep what they declare (`@Processor(name, options)`, `@OnWorkerEvent(name)`). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';
const WORKER_METADATA = 'bullmq:worker_metadata';
const ON_WORKER_EVENT_METADATA = 'bullmq:worker_events_metadata';

/** The queues of in-process coordination, one per name, provided under BullMQ's injection tokens. */
export function inProcessQueueProviders() {
  return Object.values(QUEUES).map((name) => ({ provide: getQueueToken(name), useValue: new InProcessQueue(name) }));
}

/**
 * In-process coordination's counterpart of @nestjs/bullmq's explorer: gives each `@Processor` of this
 * process a worker on its in-process queue, with the declared concurrency and `@OnWorkerEvent` handlers,
 * and sets it as the processor's `worker` (graceful shutdown closes it like a BullMQ worker).
 */
@Injectable()
export class InProcessWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InProcessWorkers.name);
  private readonly workers: InProcessWorker[] = [];
  private readonly queues = new Set<InProcessQueue>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap() {
    for (const name of Object.values(QUEUES)) this.queues.add(this.moduleRef.get<InProcessQueue>(getQueueToken(name), { strict: false }));
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      const meta = Reflect.getMetadata(PROCESSOR_METADATA, instance.constructor) as { name: string } | undefined;
      if (!meta) continue;
      const options = (Reflect.getMetadata(WORKER_METADATA, instance.constructor) ?? {}) as { concurrency?: number };
      const queue = this.moduleRef.get<InProcessQueue>(getQueueToken(meta.name), { strict: false });
      const worker = new InProcessWorker(queue, (job) => instance.process(job as never), options.concurrency ?? 1);
      for (const key of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = (instance as unknown as Record<string, unknown>)[key];
        const event = typeof method === 'function' ? (Reflect.getMetadata(ON_WORKER_EVENT_METADATA, method) as { eventName: string } | undefined) : undefined;
        if (event) worker.on(event.eventName, (method as (...args: unknown[]) => unknown).bind(instance));
      }
      (instance as unknown as { _worker: unknown })._worker = worker;
      this.workers.push(worker);
      worker.run();
    }
    this.logger.debug(`${this.workers.length} job workers run in this process`);
  }

  /** Schedules stop; running jobs finish (the database closes after this). */
  async onModuleDestroy() {
    await Promise.all([...this.queues].map((q) => q.close()));
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
