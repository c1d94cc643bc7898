import { TtlMap } from './ttl-map';

describe('a map whose entries expire', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('forgets an entry when its time to live has passed, and a write renews it', () => {
    const map = new TtlMap<number>(100, clock);
    map.set('a', 1, 1000);
    now += 999;
    expect(map.get('a')).toBe(1);
    map.set('a', 2, 1000);
    now += 999;
    expect(map.get('a')).toBe(2);
    now += 1;
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('stays within its ceiling: expired entries go first, then the oldest writes', () => {
    const map = new TtlMap<number>(10, clock);
    for (let i = 0; i < 5; i++) map.set(`short${i}`, i, 10);
    now += 20;
    for (let i = 0; i < 10; i++) map.set(`long${i}`, i, 60_000);
    expect(map.size).toBe(10);
    expect([...map.keys()]).toEqual(Array.from({ length: 10 }, (_, i) => `long${i}`));
    for (let i = 10; i < 1000; i++) map.set(`long${i}`, i, 60_000);
    expect(map.size).toBeLessThanOrEqual(10);
    expect(map.get('long999')).toBe(999);
    expect(map.get('long0')).toBeUndefined();
  });
});
