/**
 * A map whose entries expire, with a ceiling on how many it holds: the in-process stand-in for Redis keys
 * with a TTL. Expired entries are never returned; they are dropped when read, and all of them at once when
 * the map reaches its ceiling — past which the entries written longest ago go first.
 */
export class TtlMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Sets the value and its time to live (a write moves the entry to the newest end). */
  set(key: string, value: V, ttlMs: number) {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.shrink();
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  /** Entries held, expired ones not yet dropped included. */
  get size() {
    return this.entries.size;
  }

  /** Live keys, oldest write first. */
  *keys(): IterableIterator<string> {
    const now = this.now();
    for (const [key, e] of this.entries) if (e.expires > now) yield key;
  }

  private shrink() {
    const now = this.now();
    for (const [key, e] of this.entries) if (e.expires <= now) this.entries.delete(key);
    // Still full of live entries: the oldest writes go, down to 90 % so this does not run on every write.
    const target = Math.floor(this.maxEntries * 0.9);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
    }
  }
}
