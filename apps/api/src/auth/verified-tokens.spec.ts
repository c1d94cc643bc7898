import { VerifiedTokens } from './verified-tokens';

describe('verified tokens', () => {
  const t0 = Date.UTC(2026, 11, 1, 1, 0, 0);

  it('are remembered by their exact string until the second they expire', () => {
    const cache = new VerifiedTokens<{ exp: number; sub: string }>();
    cache.remember('a.b.c', { exp: t0 / 1000 + 60, sub: 'd1' });
    expect(cache.get('a.b.c', t0)).toEqual({ exp: t0 / 1000 + 60, sub: 'd1' });
    expect(cache.get('a.b.c ', t0)).toBeUndefined();
    expect(cache.get('a.b.c', t0 + 59_999)).toBeDefined();
    // From its expiry on, the caller checks the token again (and reports it expired).
    expect(cache.get('a.b.c', t0 + 60_000)).toBeUndefined();
    expect(cache.get('a.b.c', t0)).toBeUndefined();
  });

  it('forget the oldest past their bound', () => {
    const cache = new VerifiedTokens<{ exp: number }>(2);
    for (const t of ['t1', 't2', 't3']) cache.remember(t, { exp: t0 / 1000 + 60 });
    expect([cache.get('t1', t0), cache.get('t2', t0), cache.get('t3', t0)].map(Boolean)).toEqual([false, true, true]);
  });
});
