import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server as IoServer } from 'socket.io';
import { DataSource } from 'typeorm';
import { withRedisDeadline } from '../common/outage';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QUEUES } from '../jobs/queues';
import { MEDIA_ENGINE, type MediaEngine } from '../media/media-engine';

/** What a check-in came to: a delegate counted now, one already counted, a repeat of a key, a refusal, a failure. */
export type CheckInResult = 'new' | 'already' | 'replayed' | 'refused' | 'failed';

/** The job states reported per queue. */
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * Prometheus metrics of one api process (`GET /metrics`): HTTP latency per route, check-ins, sockets
 * per namespace, job queues, the database pool, and Node's own (event loop, heap, GC). Gauges that need
 * a look at something else (queues, pool, sockets) are read when scraped.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly checkIns: Counter<'result'>;
  readonly checkInBatch: Histogram;
  private io: () => IoServer | null = () => null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.imports) imports: Queue,
    @InjectQueue(QUEUES.exports) exports: Queue,
    @InjectQueue(QUEUES.snapshots) snapshots: Queue,
    @InjectQueue(QUEUES.cleanup) cleanup: Queue,
    @Optional() @Inject(MEDIA_ENGINE) media?: MediaEngine,
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ roles: [...config.roles].join(',') });
    collectDefaultMetrics({ register: this.registry, prefix: 'bridgepoint_' });
    this.httpDuration = new Histogram({
      name: 'bridgepoint_http_request_duration_seconds',
      help: 'HTTP requests by route (the route pattern, never the address with its ids or codes) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.checkIns = new Counter({
      name: 'bridgepoint_check_ins_total',
      help: 'Delegate check-ins by result: new (counted now), already (counted before), replayed (same Idempotency-Key), refused, failed',
      labelNames: ['result'],
      registers,
    });
    this.checkInBatch = new Histogram({
      name: 'bridgepoint_check_in_batch_size',
      help: 'Check-ins written to the database in one transaction',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200],
      registers,
    });
    const io = () => this.io();
    new Gauge({
      name: 'bridgepoint_sockets',
      help: 'Open socket.io connections of this process by namespace',
      labelNames: ['namespace'],
      registers,
      collect() {
        this.reset();
        const server = io();
        if (!server) return;
        for (const [name, nsp] of server._nsps) if (name !== '/') this.set({ namespace: name }, nsp.sockets.size);
      },
    });
    const queues = [imports, exports, snapshots, cleanup];
    new Gauge({
      name: 'bridgepoint_queue_jobs',
      help: 'Jobs per queue (BullMQ, or in-process without Redis) and state (failed: kept failures); not reported while Redis does not answer',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (q) => {
            const counts = await withRedisDeadline('count jobs', q.getJobCounts(...JOB_STATES), 1000).catch(() => null);
            if (counts) for (const state of JOB_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    const pool = () => (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    new Gauge({
      name: 'bridgepoint_db_pool_connections',
      help: 'PostgreSQL pool of this process: open connections by state, and requests waiting for one (not reported on PGlite)',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        const p = pool();
        if (!p || typeof p.totalCount !== 'number') return;
        this.set({ state: 'open' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    if (media) this.mediaGauge(media, registers);
  }

  /** What the media engine of this process holds (absent without the media role). */
  private mediaGauge(media: MediaEngine, registers: Registry[]) {
    new Gauge({
      name: 'bridgepoint_media',
      help: 'Media engine of this process: workers, rooms, transports, producers (tracks received) and consumers (tracks sent)',
      labelNames: ['engine', 'what'],
      registers,
      collect() {
        this.reset();
        const stats = media.stats();
        for (const what of ['workers', 'rooms', 'transports', 'producers', 'consumers'] as const) this.set({ engine: stats.engine, what }, stats[what]);
      },
    });
  }

  /** Where the socket.io server is, once the app has one. */
  watchSockets(io: () => IoServer | null) {
    this.io = io;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
