import type { MediaLinkDto } from '@bridgepoint/contracts';
import { MemoryLoginFailures } from '../auth/login-failures';
import { MemoryCounterStore } from '../common/counter-store';
import { LINK_REPORTS_KEEP_SECONDS, MemoryLinkReports } from '../media/link-reports';
import { LocalMessageBus } from './message-bus';

let now = 0;
const clock = () => now;
beforeEach(() => (now = 5_000_000));

describe('in-process rate-limit counters', () => {
  it('count per key and forget a window once it expires', async () => {
    const store = new MemoryCounterStore(1000, clock);
    expect(await store.incr(['a', 'b'], 60)).toEqual([1, 1]);
    expect(await store.incr(['a'], 60)).toEqual([2]);
    expect(await store.get(['a', 'b', 'c'])).toEqual([2, 1, 0]);
    now += 60_000;
    expect(await store.get(['a', 'b'])).toEqual([0, 0]);
    expect(await store.incr(['a'], 60)).toEqual([1]);
  });
});

describe('in-process sign-in failures', () => {
  it('count failures with the time of the last one, forget them an idle hour later, and clear on request', async () => {
    const store = new MemoryLoginFailures(1000, clock);
    await store.add(['pair', 'ip'], now, 3600);
    now += 1000;
    await store.add(['pair', 'ip'], now, 3600);
    expect(await store.read(['pair', 'ip', 'other'])).toEqual([{ n: 2, last: now }, { n: 2, last: now }, null]);
    await store.clear(['pair']);
    expect(await store.read(['pair', 'ip'])).toEqual([null, { n: 2, last: now }]);
    now += 3600_000;
    expect(await store.read(['ip'])).toEqual([null]);
  });
});

describe('in-process link reports', () => {
  const report = (pointId: string, at: number): MediaLinkDto => ({ pointId, recvKbps: 500, sendKbps: 300, lossPercent: 0, rttMs: 20, at: new Date(at).toISOString() });

  it('keep the last report per point of each conference, for 12 hours after the last one', async () => {
    const store = new MemoryLinkReports(100, clock);
    await store.put('c1', report('p1', now));
    await store.put('c1', report('p2', now));
    await store.put('c1', { ...report('p1', now), sendKbps: 0 });
    await store.put('c2', report('p9', now));
    const c1 = await store.list('c1');
    expect(c1.map((r) => [r.pointId, r.sendKbps]).sort()).toEqual([['p1', 0], ['p2', 300]]);
    expect(await store.list('nobody')).toEqual([]);
    now += LINK_REPORTS_KEEP_SECONDS * 1000;
    expect(await store.list('c1')).toEqual([]);
  });
});

describe('the in-process message bus', () => {
  it('delivers to this process subscribers of the channel, on a later turn, until they close', async () => {
    const bus = new LocalMessageBus();
    const heard: string[] = [];
    const sub = bus.subscribe('a', (m) => heard.push(`a:${m}`));
    bus.subscribe('b', (m) => heard.push(`b:${m}`));
    await sub.ready;
    await bus.publish('a', 'one');
    expect(heard).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(heard).toEqual(['a:one']);
    sub.close();
    await bus.publish('a', 'two');
    await bus.publish('b', 'three');
    await new Promise((r) => setImmediate(r));
    expect(heard).toEqual(['a:one', 'b:three']);
  });
});
