import type { PresenceAnswer, PresenceStore } from './presence-store';

/** Per point: process → expiry (ms). */
type Holders = Map<string, Map<string, number>>;

/**
 * In-process coordination: one api process holds every `/live` socket, so presence lives in its memory.
 * Same rules as the Redis store (entries per point and process, expiring), on this process's clock; a
 * process that leaves is the last one, so its points go offline at once.
 */
export class MemoryPresenceStore implements PresenceStore {
  private readonly conferencesHeld = new Map<string, Holders>();
  private readonly started: number;

  constructor(private readonly now: () => number = Date.now) {
    this.started = now();
  }

  async hold(conferenceId: string, processId: string, ttlMs: number, pointIds: string[]): Promise<PresenceAnswer> {
    const now = this.now();
    let points = this.conferencesHeld.get(conferenceId);
    if (!points) this.conferencesHeld.set(conferenceId, (points = new Map()));
    const arrived: string[] = [];
    for (const point of pointIds) {
      let holders = points.get(point);
      if (!holders) points.set(point, (holders = new Map()));
      if (!live(holders, now)) arrived.push(point);
      holders.set(processId, now + ttlMs);
    }
    return { now, points: arrived };
  }

  async release(conferenceId: string, processId: string, pointIds: string[]): Promise<PresenceAnswer> {
    const now = this.now();
    const points = this.conferencesHeld.get(conferenceId);
    const gone: string[] = [];
    if (!points) return { now, points: gone };
    for (const point of pointIds) {
      const holders = points.get(point);
      if (!holders?.delete(processId)) continue;
      if (!live(holders, now)) gone.push(point);
      if (holders.size === 0) points.delete(point);
    }
    if (points.size === 0) this.conferencesHeld.delete(conferenceId);
    return { now, points: gone };
  }

  leave(conferenceId: string, processId: string, pointIds: string[]): Promise<PresenceAnswer> {
    return this.release(conferenceId, processId, pointIds);
  }

  async alive() {
    // One process: nobody else needs to know it is alive.
  }

  async conferences() {
    return [...this.conferencesHeld.keys()];
  }

  async sweep(conferenceId: string): Promise<PresenceAnswer> {
    const now = this.now();
    const points = this.conferencesHeld.get(conferenceId);
    const gone: string[] = [];
    if (!points) return { now, points: gone };
    for (const [point, holders] of points) {
      let expired = false;
      for (const [processId, expires] of holders) {
        if (expires > now) continue;
        holders.delete(processId);
        expired = true;
      }
      if (holders.size === 0) points.delete(point);
      if (expired && holders.size === 0) gone.push(point);
    }
    if (points.size === 0) this.conferencesHeld.delete(conferenceId);
    return { now, points: gone };
  }

  async online(conferenceId: string): Promise<PresenceAnswer> {
    const now = this.now();
    const online: string[] = [];
    for (const [point, holders] of this.conferencesHeld.get(conferenceId) ?? []) {
      for (const expires of holders.values()) if (expires > now) online.push(point);
    }
    return { now, points: online };
  }

  async since() {
    return this.started;
  }

  async claimReconcile() {
    return true;
  }
}

function live(holders: Map<string, number>, now: number): boolean {
  for (const expires of holders.values()) if (expires > now) return true;
  return false;
}
