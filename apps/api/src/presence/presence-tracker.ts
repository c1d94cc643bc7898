import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LiveNotifier } from '../live/live-notifier';
import { PRESENCE_STORE, type PresenceStore } from './presence-store';
import { PresenceService, PresenceTransition } from './presence.service';

/** This process re-asserts every point it holds this often... */
export const PRESENCE_HEARTBEAT_MS = 2000;
/** ...and its entries expire this long after the last assertion (a process that died). */
export const PRESENCE_TTL_MS = 8000;
/** Expired entries are looked for this often, by every process. */
const SWEEP_MS = 1000;
/** Postgres is brought in line with Redis this often, by one process at a time. */
const RECONCILE_MS = 5000;
/** Transitions are written to Postgres in batches, at most this long after they happen. */
const WRITE_EVERY_MS = 100;
/** Points re-asserted per store call. */
const HOLD_SLICE = 500;

type Listener = (changes: PresenceTransition[]) => void;

/**
 * Who holds which point online, across api processes. Each process counts its own `/live` sockets per
 * point and keeps one entry per point it holds in the presence store (Redis, or this process's memory with
 * in-process coordination), refreshed by a heartbeat; a point is online while any live entry exists. The
 * store decides transitions atomically; they are recorded in Postgres (states and online spans) and
 * announced to listeners once, by the process that saw them.
 *
 * Heals by itself: after a Redis restart every process re-asserts its entries on its next heartbeat;
 * entries of a dead process expire and are swept; points Postgres still records as online while nobody
 * holds them (or the reverse, after a failed write) are corrected by the periodic reconciliation.
 */
@Injectable()
export class PresenceTracker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceTracker.name);
  readonly processId = randomUUID();
  private readonly local = new Map<string, Map<string, number>>();
  private readonly listeners: Listener[] = [];
  private readonly queue = new Map<string, PresenceTransition>();
  private timers: NodeJS.Timeout[] = [];
  private writeTimer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    private readonly presence: PresenceService,
    private readonly notifier: LiveNotifier,
  ) {}

  onModuleInit() {
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((e: Error) => this.logger.warn(`Presence: ${e.message}`)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(PRESENCE_HEARTBEAT_MS, () => this.heartbeat());
    every(SWEEP_MS, () => this.sweep());
    every(RECONCILE_MS, () => this.reconcile());
  }

  /**
   * Stops counting. With Redis, this process's entries are marked expired now, so another process announces
   * them at once; in a single in-process api, this process records them offline itself.
   */
  async onModuleDestroy() {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const leaving: Promise<void>[] = [];
    for (const [conferenceId, points] of this.local) {
      leaving.push(
        this.store.leave(conferenceId, this.processId, [...points.keys()]).then(({ now, points: gone }) => {
          for (const p of gone) this.enqueue({ conferenceId, pointId: p, online: false, at: new Date(now) });
        }),
      );
    }
    this.local.clear();
    await Promise.allSettled(leaving);
    if (this.writeTimer) clearTimeout(this.writeTimer);
    await this.flush().catch(() => undefined);
  }

  /** Told of every transition this process recorded (to push `presence.changed`). */
  onChange(listener: Listener) {
    this.listeners.push(listener);
  }

  /** A point's operator page opened `/live` on this process. */
  opened(conferenceId: string, pointId: string) {
    if (this.closing) return;
    let points = this.local.get(conferenceId);
    if (!points) this.local.set(conferenceId, (points = new Map()));
    const n = (points.get(pointId) ?? 0) + 1;
    points.set(pointId, n);
    if (n === 1) void this.hold(conferenceId, [pointId]).catch((e: Error) => this.logger.warn(`Presence hold: ${e.message}`));
  }

  /** One of them closed (or timed out). */
  closed(conferenceId: string, pointId: string) {
    if (this.closing) return;
    const points = this.local.get(conferenceId);
    const n = (points?.get(pointId) ?? 0) - 1;
    if (!points || n > 0) {
      points?.set(pointId, n);
      return;
    }
    points.delete(pointId);
    if (points.size === 0) this.local.delete(conferenceId);
    void this.release(conferenceId, pointId).catch((e: Error) => this.logger.warn(`Presence release: ${e.message}`));
  }

  /** Points held on this process (for tests and metrics). */
  heldHere(conferenceId: string): string[] {
    return [...(this.local.get(conferenceId)?.keys() ?? [])];
  }

  private async hold(conferenceId: string, pointIds: string[]) {
    const { now, points: arrived } = await this.store.hold(conferenceId, this.processId, PRESENCE_TTL_MS, pointIds);
    // A point held again between the call and its answer is still ours; one closed meanwhile is released by `closed`.
    for (const p of arrived) this.enqueue({ conferenceId, pointId: p, online: true, at: new Date(now) });
  }

  private async release(conferenceId: string, pointId: string) {
    const { now, points: gone } = await this.store.release(conferenceId, this.processId, [pointId]);
    for (const p of gone) this.enqueue({ conferenceId, pointId: p, online: false, at: new Date(now) });
  }

  private async heartbeat() {
    if (this.local.size === 0) {
      await this.store.alive(this.processId, PRESENCE_TTL_MS);
      return;
    }
    // In slices, so a process holding thousands of points never blocks Redis for long.
    const calls: Promise<void>[] = [];
    for (const [conferenceId, points] of this.local) {
      const ids = [...points.keys()];
      for (let i = 0; i < ids.length; i += HOLD_SLICE) calls.push(this.hold(conferenceId, ids.slice(i, i + HOLD_SLICE)));
    }
    await Promise.all(calls);
  }

  private async sweep() {
    for (const conferenceId of await this.store.conferences()) {
      const { now, points: gone } = await this.store.sweep(conferenceId);
      for (const p of gone) this.enqueue({ conferenceId, pointId: p, online: false, at: new Date(now) });
    }
  }

  /**
   * Brings Postgres in line with the store (one process per round). Skipped while the store is younger than
   * a heartbeat and a ttl, i.e. just after a Redis restart (or this in-process api's start), before every
   * page has come back and been counted.
   */
  private async reconcile() {
    const since = await this.store.since();
    if (!(await this.store.claimReconcile(this.processId, RECONCILE_MS - 500))) return;
    await this.flush();
    const recorded = await this.presence.recordedOnline();
    const conferences = new Set([...recorded.keys(), ...(await this.store.conferences())]);
    for (const conferenceId of conferences) {
      const { now, points: held } = await this.store.online(conferenceId);
      if (now - since < PRESENCE_HEARTBEAT_MS + PRESENCE_TTL_MS) return;
      const online = new Set(held);
      const was = recorded.get(conferenceId) ?? new Set<string>();
      const at = new Date(now);
      for (const p of was) if (!online.has(p)) this.enqueue({ conferenceId, pointId: p, online: false, at });
      for (const p of online) if (!was.has(p)) this.enqueue({ conferenceId, pointId: p, online: true, at });
    }
  }

  private enqueue(t: PresenceTransition) {
    const key = `${t.conferenceId}|${t.pointId}`;
    const prev = this.queue.get(key);
    if (!prev || prev.at <= t.at) this.queue.set(key, t);
    this.writeTimer ??= setTimeout(() => {
      this.writeTimer = null;
      void this.flush().catch((e: Error) => this.logger.warn(`Presence write: ${e.message}`));
    }, WRITE_EVERY_MS);
  }

  /** Writes queued transitions (one batch at a time); announces those that changed the record. */
  private flush(): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(async () => {
      if (this.queue.size === 0) return;
      const batch = [...this.queue.values()];
      this.queue.clear();
      let changed: PresenceTransition[];
      try {
        changed = await this.presence.record(batch);
      } catch (e) {
        // Postgres unavailable: keep what is not superseded, and try again on the next change or round.
        for (const t of batch) {
          const key = `${t.conferenceId}|${t.pointId}`;
          if (!this.queue.has(key)) this.queue.set(key, t);
        }
        throw e;
      }
      if (changed.length === 0) return;
      for (const l of this.listeners) l(changed);
      for (const c of new Set(changed.map((t) => t.conferenceId))) this.notifier.changed(c);
    });
    return this.writing;
  }
}
