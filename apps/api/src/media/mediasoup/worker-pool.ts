import { Logger } from '@nestjs/common';
import { createWorker, type types } from 'mediasoup';
import type { MediaConfig } from '../../config/app-config';

export interface WorkerSlot {
  readonly index: number;
  readonly worker: types.Worker;
  readonly server: types.WebRtcServer;
}

export interface WorkerPoolEvents {
  /** Runs after mediasoup has closed everything the worker held; the slot is empty until `replaced`. */
  died(index: number, worker: types.Worker, reason: string): void;
  replaced(slot: WorkerSlot): void;
}

type PoolConfig = Pick<MediaConfig, 'listenIp' | 'announcedAddress' | 'port'>;

const WILDCARDS: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };
const RETRY_MS = [500, 1000, 2000, 5000];

/** What ICE candidates carry: the configured address, else the listen address, else loopback with a warning. */
export function announcedAddressFor(config: Pick<MediaConfig, 'listenIp' | 'announcedAddress'>): { address?: string; warning?: string } {
  if (config.announcedAddress) return { address: config.announcedAddress };
  const loopback = WILDCARDS[config.listenIp];
  if (!loopback) return {};
  return {
    address: loopback,
    warning:
      `mediasoup listens on ${config.listenIp} and announces ${loopback}: browsers on other machines cannot reach it. ` +
      'Set MEDIA_ANNOUNCED_ADDRESS to this server’s public IP or host name.',
  };
}

/**
 * The mediasoup workers: one process per slot, each with a WebRtcServer on `port + index` (UDP and TCP).
 * A worker that dies is replaced at the same index, retrying until it starts or the pool closes.
 */
export class WorkerPool {
  private readonly logger = new Logger('MediasoupWorkers');
  private readonly slots: (WorkerSlot | null)[];
  private readonly announced: string | undefined;
  private closed = false;

  private constructor(
    private readonly config: PoolConfig,
    private readonly workerBin: string,
    size: number,
    private readonly events: WorkerPoolEvents,
  ) {
    this.slots = Array.from({ length: size }, () => null);
    const { address, warning } = announcedAddressFor(config);
    this.announced = address;
    if (warning) this.logger.warn(warning);
  }

  static async start(config: PoolConfig, workerBin: string, size: number, events: WorkerPoolEvents): Promise<WorkerPool> {
    const pool = new WorkerPool(config, workerBin, size, events);
    try {
      for (let i = 0; i < size; i++) pool.slots[i] = await pool.spawn(i);
    } catch (e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  get alive(): number {
    return this.slots.filter((s) => s && !s.worker.closed).length;
  }

  slot(index: number): WorkerSlot | null {
    const s = this.slots[index];
    return s && !s.worker.closed ? s : null;
  }

  /** Live workers, for diagnostics and tests. */
  current(): WorkerSlot[] {
    return this.slots.filter((s): s is WorkerSlot => !!s && !s.worker.closed);
  }

  close() {
    this.closed = true;
    for (const s of this.slots) s?.worker.close();
    this.slots.fill(null);
  }

  private async spawn(index: number): Promise<WorkerSlot> {
    const worker = await createWorker({ workerBin: this.workerBin, logLevel: 'warn', appData: { index } });
    let server: types.WebRtcServer;
    try {
      const port = this.config.port + index;
      const info = { ip: this.config.listenIp, announcedAddress: this.announced, port };
      server = await worker.createWebRtcServer({
        listenInfos: [
          { ...info, protocol: 'udp' },
          { ...info, protocol: 'tcp' },
        ],
      });
    } catch (e) {
      worker.close();
      throw e;
    }
    worker.on('died', (error) => this.died(index, worker, error));
    this.logger.log(`Worker ${index} (pid ${worker.pid}) listens on ${this.config.listenIp}:${this.config.port + index} UDP/TCP`);
    return { index, worker, server };
  }

  private died(index: number, worker: types.Worker, error: Error) {
    if (this.slots[index]?.worker !== worker) return;
    this.slots[index] = null;
    const reason = `media worker ${index} stopped (${error.message})`;
    this.logger.error(`${reason}; starting a replacement`);
    try {
      this.events.died(index, worker, reason);
    } finally {
      void this.replace(index);
    }
  }

  private async replace(index: number) {
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        const slot = await this.spawn(index);
        if (this.closed) {
          slot.worker.close();
          return;
        }
        this.slots[index] = slot;
        this.events.replaced(slot);
        return;
      } catch (e) {
        const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
        this.logger.error(`Could not restart media worker ${index}: ${(e as Error).message}; retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait).unref());
      }
    }
  }
}
