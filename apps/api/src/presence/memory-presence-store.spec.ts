import { MemoryPresenceStore } from './memory-presence-store';

describe('in-process presence holders', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 10_000));

  it('reports a point once when its first holder comes and once when its last one goes', async () => {
    const store = new MemoryPresenceStore(clock);
    expect(await store.hold('c', 'proc', 8000, ['p1', 'p2'])).toEqual({ now, points: ['p1', 'p2'] });
    // Refreshing (the heartbeat) reports nothing new.
    expect((await store.hold('c', 'proc', 8000, ['p1', 'p2'])).points).toEqual([]);
    expect((await store.online('c')).points.sort()).toEqual(['p1', 'p2']);
    expect((await store.release('c', 'proc', ['p1'])).points).toEqual(['p1']);
    // Releasing what is not held reports nothing.
    expect((await store.release('c', 'proc', ['p1'])).points).toEqual([]);
    expect(await store.conferences()).toEqual(['c']);
  });

  it('a point held by two holders stays online until both are gone', async () => {
    const store = new MemoryPresenceStore(clock);
    await store.hold('c', 'a', 8000, ['p']);
    expect((await store.hold('c', 'b', 8000, ['p'])).points).toEqual([]);
    expect((await store.release('c', 'a', ['p'])).points).toEqual([]);
    expect((await store.release('c', 'b', ['p'])).points).toEqual(['p']);
    expect(await store.conferences()).toEqual([]);
  });

  it('sweeps entries not refreshed within their ttl, reporting the points nobody holds any more', async () => {
    const store = new MemoryPresenceStore(clock);
    await store.hold('c', 'a', 8000, ['p1', 'p2']);
    now += 5000;
    await store.hold('c', 'a', 8000, ['p2']);
    now += 3000;
    expect((await store.sweep('c')).points).toEqual(['p1']);
    expect((await store.online('c')).points).toEqual(['p2']);
    now += 5000;
    expect(await store.sweep('c')).toEqual({ now, points: ['p2'] });
    expect(await store.conferences()).toEqual([]);
    // Held again after expiring: it came online again.
    expect((await store.hold('c', 'a', 8000, ['p1'])).points).toEqual(['p1']);
  });

  it('leaving (the process stops) takes its points offline at once, and the store dates from its start', async () => {
    const store = new MemoryPresenceStore(clock);
    const started = now;
    now += 100;
    await store.hold('c', 'a', 8000, ['p1', 'p2']);
    expect((await store.leave('c', 'a', ['p1', 'p2'])).points).toEqual(['p1', 'p2']);
    expect(await store.since()).toBe(started);
    expect(await store.claimReconcile()).toBe(true);
  });
});
