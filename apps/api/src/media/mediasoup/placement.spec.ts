import { MediaErrorCode } from '@bridgepoint/contracts';
import { MediaEngineError } from '../media-engine';
import { LOAD_WEIGHTS, Placement } from './placement';

function fullError(fn: () => unknown): MediaEngineError {
  try {
    fn();
  } catch (e) {
    return e as MediaEngineError;
  }
  throw new Error('expected the call to throw');
}

describe('Placement', () => {
  it('weighs transports 10, producers 5 and consumers 2', () => {
    const p = new Placement(2, 1000);
    p.add(0, 'transports', 3);
    p.add(0, 'producers', 2);
    p.add(0, 'consumers', 7);
    expect(LOAD_WEIGHTS).toEqual({ transports: 10, producers: 5, consumers: 2 });
    expect(p.load(0)).toBe(3 * 10 + 2 * 5 + 7 * 2);
    expect(p.loads()).toEqual([54, 0]);

    p.remove(0, 'consumers', 7);
    p.remove(0, 'producers', 5); // more than there were: floors at zero
    expect(p.countsOf(0)).toEqual({ transports: 3, producers: 0, consumers: 0 });
    expect(p.load(0)).toBe(30);
  });

  it('puts a new transport on the least-loaded worker', () => {
    const p = new Placement(3, 1000);
    const placed: number[] = [];
    for (let i = 0; i < 6; i++) {
      const w = p.choose();
      placed.push(w);
      p.add(w, 'transports');
    }
    expect(placed).toEqual([0, 1, 2, 0, 1, 2]);

    // Consumers count too: worker 0 now carries 20 consumers (40) on top of its two transports.
    p.add(0, 'consumers', 20);
    p.add(1, 'consumers', 1);
    expect(p.choose()).toBe(2);
  });

  it('breaks ties in favour of a worker the conference already uses', () => {
    const p = new Placement(3, 1000);
    p.add(0, 'transports');
    expect(p.choose()).toBe(1);
    expect(p.choose(new Set([2]))).toBe(2);
    expect(p.choose(new Set([0]))).toBe(1); // preference never beats a lighter worker
  });

  it('gives a worker at its budget no new transport', () => {
    const p = new Placement(2, 100);
    p.add(0, 'consumers', 50); // 100: exactly at budget
    p.add(1, 'transports', 9); // 90: heavier than nothing, still under budget
    expect(p.full(0)).toBe(true);
    expect(p.full(1)).toBe(false);
    expect(p.choose()).toBe(1);
    p.add(1, 'transports');
    expect(p.full(1)).toBe(true);
  });

  it('refuses with MEDIA_FULL and a readable message when every worker is full or down', () => {
    const p = new Placement(2, 30);
    p.add(0, 'transports', 3);
    p.setUp(1, false);
    const e = fullError(() => p.choose());
    expect(e).toBeInstanceOf(MediaEngineError);
    expect(e.code).toBe(MediaErrorCode.Full);
    expect(e.message).toMatch(/capacity/);

    p.setUp(1, true);
    expect(p.choose()).toBe(1);
  });

  it('forgets the load of a dead worker and keeps it out until it is up again', () => {
    const p = new Placement(2, 1000);
    p.add(0, 'transports', 5);
    p.add(1, 'transports', 1);
    p.reset(0);
    p.setUp(0, false);
    expect(p.load(0)).toBe(0);
    expect(p.choose()).toBe(1);
    p.setUp(0, true);
    expect(p.choose()).toBe(0);
  });
});
