import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LIVE_SUMMARY_MAX_PER_SECOND } from '@bridgepoint/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MESSAGE_BUS, type MessageBus, type Subscription } from '../coordination/message-bus';

/** What changed: attendance numbers, or questions / requests to speak / the floor. */
export type LiveTopic = 'attendance' | 'moderation';

/** What a process with live sockets does when a conference changes. */
export interface LiveSink {
  /** Topics and conferences someone watches on this process. */
  watched(): Iterable<[LiveTopic, string]>;
  /** Push fresh state of this topic for this conference (and these points) to this process's sockets. */
  flush(topic: LiveTopic, conferenceId: string, pointIds: ReadonlySet<string>): Promise<void>;
}

const MIN_GAP_MS = 1000 / LIVE_SUMMARY_MAX_PER_SECOND;
/** Notices to other processes are batched: one publish per conference per this many ms. */
const PUBLISH_EVERY_MS = 50;
/** Watched conferences are refreshed at least this often, so a lost notice heals by itself. */
const SAFETY_REFRESH_MS = 5000;

/**
 * Spreads "this conference changed" (per topic) to every api process through the message bus (Redis pub/sub;
 * with in-process coordination there is no other process), and coalesces what each process pushes to its
 * own sockets to at most LIVE_SUMMARY_MAX_PER_SECOND per conference.
 * The numbers themselves are always read from Postgres; Redis only says when to look.
 */
@Injectable()
export class LiveNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveNotifier.name);
  private readonly origin = randomUUID();
  private readonly channel: string;
  private subscription: Subscription | null = null;
  private readonly sinks: LiveSink[] = [];
  private readonly pending = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastFlush = new Map<string, number>();
  private safety: NodeJS.Timeout | null = null;
  private readonly outgoing = new Map<string, Set<string>>();
  private publishTimer: NodeJS.Timeout | null = null;
  /** Shutting down: changes recorded now (points going offline) are not pushed any more. */
  private closed = false;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:live:changed`;
  }

  /** Several sinks may attach (the `/live` gateway, the `/media` gateway); each ignores topics it does not show. */
  attach(sink: LiveSink) {
    this.sinks.push(sink);
  }

  async onModuleInit() {
    this.subscription = this.bus.subscribe(this.channel, (raw) => {
      try {
        const msg = JSON.parse(raw) as { o: string; t: LiveTopic; c: string; p: string[] };
        if (msg.o !== this.origin) {
          this.schedule(msg.t, msg.c);
          for (const p of msg.p) this.schedule(msg.t, msg.c, p);
        }
      } catch {
        // not ours
      }
    });
    await this.subscription.ready.catch((e: Error) => this.logger.warn(`Live notices off until Redis answers: ${e.message}`));
    this.safety = setInterval(() => {
      for (const sink of this.sinks) for (const [t, c] of sink.watched()) this.schedule(t, c);
    }, SAFETY_REFRESH_MS);
    this.safety.unref();
  }

  onModuleDestroy() {
    this.closed = true;
    if (this.safety) clearInterval(this.safety);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.subscription?.close();
  }

  /** Called after a change is committed to Postgres. */
  changed(conferenceId: string, pointId?: string, topic: LiveTopic = 'attendance') {
    if (this.closed) return;
    this.schedule(topic, conferenceId, pointId);
    const key = `${topic}|${conferenceId}`;
    let points = this.outgoing.get(key);
    if (!points) this.outgoing.set(key, (points = new Set()));
    if (pointId) points.add(pointId);
    this.publishTimer ??= setTimeout(() => this.publish(), PUBLISH_EVERY_MS);
  }

  private publish() {
    this.publishTimer = null;
    for (const [key, points] of this.outgoing) {
      const [t, c] = key.split('|');
      this.bus.publish(this.channel, JSON.stringify({ o: this.origin, t, c, p: [...points] })).catch(() => {
        // Redis down: other processes catch up on their safety refresh.
      });
    }
    this.outgoing.clear();
  }

  private schedule(topic: LiveTopic, conferenceId: string, pointId?: string) {
    if (this.sinks.length === 0 || this.closed) return;
    const key = `${topic}|${conferenceId}`;
    let points = this.pending.get(key);
    if (!points) this.pending.set(key, (points = new Set()));
    if (pointId) points.add(pointId);
    if (this.timers.has(key)) return;
    const wait = Math.max(0, (this.lastFlush.get(key) ?? 0) + MIN_GAP_MS - Date.now());
    this.timers.set(
      key,
      setTimeout(() => void this.flush(topic, conferenceId), wait),
    );
  }

  private async flush(topic: LiveTopic, conferenceId: string) {
    const key = `${topic}|${conferenceId}`;
    const points = this.pending.get(key) ?? new Set<string>();
    this.pending.delete(key);
    this.lastFlush.set(key, Date.now());
    try {
      const results = await Promise.allSettled(this.sinks.map((sink) => sink.flush(topic, conferenceId, points)));
      for (const r of results) {
        if (r.status === 'rejected') this.logger.warn(`Live ${topic} update of ${conferenceId} failed: ${(r.reason as Error).message}`);
      }
    } finally {
      this.timers.delete(key);
      // Changes that arrived while flushing go out in the next slot.
      if (this.pending.has(key)) this.schedule(topic, conferenceId);
    }
  }
}
