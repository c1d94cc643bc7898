import { PipeCache } from './pipe-cache';

/** A pipe function whose calls the test settles by hand. */
function controlledPipe() {
  const calls: { producerId: string; routerId: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const fn = (producerId: string, routerId: string) =>
    new Promise<string>((resolve, reject) => calls.push({ producerId, routerId, resolve, reject }));
  return { fn, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PipeCache', () => {
  it('pipes a producer into a router once, even when asked concurrently', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    const a = cache.pipe('p1', 'r2');
    const b = cache.pipe('p1', 'r2');
    await tick();
    expect(calls).toHaveLength(1);
    calls[0].resolve('pipe:p1@r2');
    await expect(a).resolves.toBe('pipe:p1@r2');
    await expect(b).resolves.toBe('pipe:p1@r2');
    await expect(cache.pipe('p1', 'r2')).resolves.toBe('pipe:p1@r2');
    expect(calls).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('keeps separate pipes per producer × router', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    void cache.pipe('p1', 'r2');
    void cache.pipe('p1', 'r3');
    void cache.pipe('p2', 'r2');
    await tick();
    expect(calls.map((c) => `${c.producerId}>${c.routerId}`)).toEqual(['p1>r2', 'p1>r3', 'p2>r2']);
    expect(cache.size).toBe(3);
  });

  it('drops the entries of a closed producer, and only those', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    void cache.pipe('p1', 'r2');
    void cache.pipe('p1', 'r3');
    void cache.pipe('p2', 'r2');
    await tick();
    calls.forEach((c) => c.resolve('ok'));
    cache.producerClosed('p1');
    expect(cache.has('p1', 'r2')).toBe(false);
    expect(cache.has('p1', 'r3')).toBe(false);
    expect(cache.has('p2', 'r2')).toBe(true);

    void cache.pipe('p1', 'r2');
    await tick();
    expect(calls).toHaveLength(4); // piped again
  });

  it('drops the entries of a closed router, and only those', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    void cache.pipe('p1', 'r2');
    void cache.pipe('p2', 'r2');
    void cache.pipe('p1', 'r3');
    await tick();
    calls.forEach((c) => c.resolve('ok'));
    cache.routerClosed('r2');
    expect(cache.size).toBe(1);
    expect(cache.has('p1', 'r3')).toBe(true);
  });

  it('drops a pair whose piped copy closed', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    void cache.pipe('p1', 'r2');
    await tick();
    calls[0].resolve('ok');
    cache.delete('p1', 'r2');
    expect(cache.size).toBe(0);
  });

  it('does not cache a failed pipe: every waiter sees the failure, the next request tries again', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    const a = cache.pipe('p1', 'r2');
    const b = cache.pipe('p1', 'r2');
    await tick();
    calls[0].reject(new Error('port in use'));
    await expect(a).rejects.toThrow('port in use');
    await expect(b).rejects.toThrow('port in use');
    expect(cache.has('p1', 'r2')).toBe(false);

    const c = cache.pipe('p1', 'r2');
    await tick();
    expect(calls).toHaveLength(2);
    calls[1].resolve('second try');
    await expect(c).resolves.toBe('second try');
    expect(cache.has('p1', 'r2')).toBe(true);
  });

  it('turns a synchronous throw into a rejection that is not cached', async () => {
    const cache = new PipeCache<string>(() => {
      throw new Error('router gone');
    });
    await expect(cache.pipe('p1', 'r2')).rejects.toThrow('router gone');
    expect(cache.size).toBe(0);
  });

  it('lets a late failure of a dropped entry leave a newer entry alone', async () => {
    const { fn, calls } = controlledPipe();
    const cache = new PipeCache(fn);
    const first = cache.pipe('p1', 'r2');
    await tick();
    cache.routerClosed('r2'); // dropped while pending
    const second = cache.pipe('p1', 'r2');
    await tick();
    expect(calls).toHaveLength(2);
    calls[0].reject(new Error('router closed'));
    await expect(first).rejects.toThrow('router closed');
    calls[1].resolve('fresh');
    await expect(second).resolves.toBe('fresh');
    expect(cache.has('p1', 'r2')).toBe(true);
  });
});
