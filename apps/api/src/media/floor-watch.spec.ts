import { FloorWatch } from './floor-watch';

describe('FloorWatch', () => {
  const A = 'point-a';
  const on = { live: true, connected: true };
  const gone = { live: false, connected: false };

  it('marks the turn interrupted once the holder has been gone for the whole delay, and resumed when it is back', () => {
    const watch = new FloorWatch(5000);
    expect(watch.check('c', A, on, 0)).toBeNull();
    expect(watch.check('c', A, gone, 1000)).toBeNull();
    expect(watch.check('c', A, gone, 5999)).toBeNull();
    expect(watch.check('c', A, gone, 6000)).toBe('interrupted');
    // Said once, not on every check.
    expect(watch.check('c', A, gone, 7000)).toBeNull();
    expect(watch.check('c', A, on, 8000)).toBe('resumed');
    expect(watch.check('c', A, on, 9000)).toBeNull();
  });

  it('forgives a drop shorter than the delay (a reload)', () => {
    const watch = new FloorWatch(5000);
    watch.check('c', A, on, 0);
    expect(watch.check('c', A, gone, 1000)).toBeNull();
    expect(watch.check('c', A, on, 4000)).toBeNull();
    expect(watch.check('c', A, gone, 5000)).toBeNull();
    expect(watch.check('c', A, gone, 9999)).toBeNull();
    expect(watch.check('c', A, gone, 10_000)).toBe('interrupted');
  });

  it('judges a point that never sent by its connection, and one that sent by its uplink', () => {
    const watch = new FloorWatch(5000);
    const connectedOnly = { live: false, connected: true };
    expect(watch.check('c', A, connectedOnly, 0)).toBeNull();
    expect(watch.check('c', A, connectedOnly, 60_000)).toBeNull();
    watch.check('c', A, on, 61_000);
    // Once it has sent, a connected page without its uplink is a dropped speaker.
    expect(watch.check('c', A, connectedOnly, 62_000)).toBeNull();
    expect(watch.check('c', A, connectedOnly, 67_000)).toBe('interrupted');
  });

  it('starts over for a new holder and stops watching when nobody holds the floor', () => {
    const watch = new FloorWatch(5000);
    watch.check('c', A, gone, 0);
    expect(watch.check('c', A, gone, 5000)).toBe('interrupted');
    expect(watch.check('c', 'point-b', on, 6000)).toBeNull();
    expect(watch.holder('c')).toBe('point-b');
    expect(watch.check('c', null, gone, 7000)).toBeNull();
    expect(watch.conferences()).toEqual([]);
  });

  it('resumes a turn found interrupted (after a restart) when the holder is back', () => {
    const watch = new FloorWatch(5000);
    expect(watch.check('c', A, on, 0, true)).toBe('resumed');
  });
});
