import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LIVE_SUMMARY_MAX_PER_SECOND } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

/** What a process with live sockets does when a conference's numbers change. */
export interface LiveSink {
  /** Conferences with someone watching on this process. */
  watched(): Iterable<string>;
  /** Push fresh numbers for this conference (and these points) to this process's sockets. */
  flush(conferenceId: string, pointIds: ReadonlySet<string>): Promise<void>;
}

const MIN_GAP_MS = 1000 / LIVE_SUMMARY_MAX_PER_SECOND;
/** Notices to other processes are batched: one publish per conference per this many ms. */
const PUBLISH_EVERY_MS = 50;
/** Watched conferences are refreshed at least this often, so a lost notice heals by itself. */
const SAFETY_REFRESH_MS = 5000;

/**
 * Spreads "this conference changed" to every api process through Redis pub/sub, and coalesces
 * what each process pushes to its own sockets to at most LIVE_SUMMARY_MAX_PER_SECOND per conference.
 * The numbers themselves are always read from Postgres; Redis only says when to look.
 */
@Injectable()
export class LiveNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveNotifier.name);
  private readonly origin = randomUUID();
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private sink: LiveSink | null = null;
  private readonly pending = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastFlush = new Map<string, number>();
  private safety: NodeJS.Timeout | null = null;
  private readonly outgoing = new Map<string, Set<string>>();
  private publishTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:live:changed`;
  }

  attach(sink: LiveSink) {
    this.sink = sink;
  }

  async onModuleInit() {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, raw: string) => {
      try {
        const msg = JSON.parse(raw) as { o: string; c: string; p: string[] };
        if (msg.o !== this.origin) {
          this.schedule(msg.c);
          for (const p of msg.p) this.schedule(msg.c, p);
        }
      } catch {
        // not ours
      }
    });
    await this.subscriber.subscribe(this.channel).catch((e: Error) => this.logger.warn(`Live notices off until Redis answers: ${e.message}`));
    this.safety = setInterval(() => {
      if (!this.sink) return;
      for (const c of this.sink.watched()) this.schedule(c);
    }, SAFETY_REFRESH_MS);
    this.safety.unref();
  }

  onModuleDestroy() {
    if (this.safety) clearInterval(this.safety);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.subscriber?.disconnect();
  }

  /** Called after a change is committed to Postgres. */
  changed(conferenceId: string, pointId?: string) {
    this.schedule(conferenceId, pointId);
    let points = this.outgoing.get(conferenceId);
    if (!points) this.outgoing.set(conferenceId, (points = new Set()));
    if (pointId) points.add(pointId);
    this.publishTimer ??= setTimeout(() => this.publish(), PUBLISH_EVERY_MS);
  }

  private publish() {
    this.publishTimer = null;
    for (const [c, points] of this.outgoing) {
      this.redis.publish(this.channel, JSON.stringify({ o: this.origin, c, p: [...points] })).catch(() => {
        // Redis down: other processes catch up on their safety refresh.
      });
    }
    this.outgoing.clear();
  }

  private schedule(conferenceId: string, pointId?: string) {
    if (!this.sink) return;
    let points = this.pending.get(conferenceId);
    if (!points) this.pending.set(conferenceId, (points = new Set()));
    if (pointId) points.add(pointId);
    if (this.timers.has(conferenceId)) return;
    const wait = Math.max(0, (this.lastFlush.get(conferenceId) ?? 0) + MIN_GAP_MS - Date.now());
    this.timers.set(
      conferenceId,
      setTimeout(() => void this.flush(conferenceId), wait),
    );
  }

  private async flush(conferenceId: string) {
    const points = this.pending.get(conferenceId) ?? new Set<string>();
    this.pending.delete(conferenceId);
    this.lastFlush.set(conferenceId, Date.now());
    try {
      await this.sink?.flush(conferenceId, points);
    } catch (e) {
      this.logger.warn(`Live update of ${conferenceId} failed: ${(e as Error).message}`);
    } finally {
      this.timers.delete(conferenceId);
      // Changes that arrived while flushing go out in the next slot.
      if (this.pending.has(conferenceId)) this.schedule(conferenceId);
    }
  }
}
