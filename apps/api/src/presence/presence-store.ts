import type { Redis } from 'ioredis';
import { HOLD, ONLINE, RELEASE, SWEEP } from './presence-scripts';

/** The store's clock (ms) when it answered, and the points that changed hands: came online, or went offline. */
export interface PresenceAnswer {
  now: number;
  points: string[];
}

/**
 * Who holds which point, per api process: an entry per point and process, refreshed by its holder and
 * expiring `ttlMs` after the last refresh. Every answer that reports points decides "first holder came"
 * or "last holder went" atomically, so one caller alone reports each transition.
 */
export interface PresenceStore {
  /** Holds (or refreshes) this process's entries; answers the points that had no live holder before. */
  hold(conferenceId: string, processId: string, ttlMs: number, pointIds: string[]): Promise<PresenceAnswer>;
  /** Drops this process's entries; answers the points now held by nobody. */
  release(conferenceId: string, processId: string, pointIds: string[]): Promise<PresenceAnswer>;
  /**
   * This process stops holding them (it is shutting down). Answers the points that went offline when this
   * caller must record them; with several processes, another one's sweep announces them instead.
   */
  leave(conferenceId: string, processId: string, pointIds: string[]): Promise<PresenceAnswer>;
  /** This process is alive (it holds nothing right now). */
  alive(processId: string, ttlMs: number): Promise<void>;
  /** Conferences with entries. */
  conferences(): Promise<string[]>;
  /** Removes expired entries; answers the points nobody holds any more. */
  sweep(conferenceId: string): Promise<PresenceAnswer>;
  /** Points held by a live entry now (a point may appear once per holder). */
  online(conferenceId: string): Promise<PresenceAnswer>;
  /** When this store first saw presence, on its clock: entries are only complete a heartbeat and a ttl later. */
  since(): Promise<number>;
  /** Whether this process reconciles Postgres with the store this round (one process per `ms`). */
  claimReconcile(processId: string, ms: number): Promise<boolean>;
}

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');

type Answer = [number, ...string[]];
const answer = ([now, ...points]: Answer): PresenceAnswer => ({ now: Number(now), points });

/**
 * Shared by every api process, in Redis: the scripts (see presence-scripts.ts) run atomically on Redis's
 * own clock, so whichever process sees a transition is the only one to report it.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly key: (name: string) => string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = (name) => `${prefix}:presence:${name}`;
  }

  async hold(conferenceId: string, processId: string, ttlMs: number, pointIds: string[]) {
    const keys = [this.key(`holders:${conferenceId}`), this.key('procs'), this.key('since'), this.key('conferences')];
    return answer((await this.redis.eval(HOLD, keys.length, ...keys, conferenceId, processId, ttlMs, ...pointIds)) as Answer);
  }

  async release(conferenceId: string, processId: string, pointIds: string[]) {
    return answer((await this.redis.eval(RELEASE, 2, this.key(`holders:${conferenceId}`), this.key('procs'), processId, ...pointIds)) as Answer);
  }

  /** The entries are marked expired now, so another process's sweep announces them at once. */
  async leave(conferenceId: string, processId: string, pointIds: string[]) {
    const args = pointIds.flatMap((p) => [1, `${p}|${processId}`]);
    if (args.length > 0) await this.redis.zadd(this.key(`holders:${conferenceId}`), 'XX', ...args);
    return { now: Date.now(), points: [] };
  }

  async alive(processId: string, ttlMs: number) {
    await this.redis.zadd(this.key('procs'), Date.now() + ttlMs, processId);
  }

  conferences() {
    return this.redis.smembers(this.key('conferences'));
  }

  async sweep(conferenceId: string) {
    return answer((await this.redis.eval(SWEEP, 3, this.key(`holders:${conferenceId}`), this.key('procs'), this.key('conferences'), conferenceId)) as Answer);
  }

  async online(conferenceId: string) {
    return answer((await this.redis.eval(ONLINE, 1, this.key(`holders:${conferenceId}`))) as Answer);
  }

  /** A fresh Redis where no page came back yet still needs the warm-up before points are taken offline. */
  async since() {
    const [sec, usec] = await this.redis.time();
    await this.redis.set(this.key('since'), Number(sec) * 1000 + Math.floor(Number(usec) / 1000), 'NX');
    return Number(await this.redis.get(this.key('since')));
  }

  async claimReconcile(processId: string, ms: number) {
    return (await this.redis.set(this.key('reconcile'), processId, 'PX', ms, 'NX')) === 'OK';
  }
}
