import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultWorkerBin, findMediasoupWorker } from './find-worker';

describe('findMediasoupWorker', () => {
  let dir: string;
  let bin: string;
  let other: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ms-worker-'));
    bin = join(dir, 'mediasoup-worker');
    other = join(dir, 'other-worker');
    for (const f of [bin, other]) {
      writeFileSync(f, '#!/bin/sh\n');
      chmodSync(f, 0o755);
    }
    writeFileSync(join(dir, 'not-executable'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the configured binary first', () => {
    expect(findMediasoupWorker({ mediasoupWorkerBin: bin }, { MEDIASOUP_WORKER_BIN: other })).toEqual({ path: bin });
  });

  it('then MEDIASOUP_WORKER_BIN', () => {
    expect(findMediasoupWorker({ mediasoupWorkerBin: null }, { MEDIASOUP_WORKER_BIN: other })).toEqual({ path: other });
    expect(findMediasoupWorker({ mediasoupWorkerBin: join(dir, 'nope') }, { MEDIASOUP_WORKER_BIN: other })).toEqual({ path: other });
  });

  it('says where it looked when nothing is an executable file', () => {
    const found = findMediasoupWorker({ mediasoupWorkerBin: join(dir, 'not-executable') }, { MEDIASOUP_WORKER_BIN: dir });
    if ('path' in found) {
      // mediasoup's own binary is installed on this machine: the last place to look
      expect(found.path).toBe(defaultWorkerBin());
      return;
    }
    const missing = found.missing;
    expect(missing).toContain(join(dir, 'not-executable'));
    expect(missing).toContain(dir);
    expect(missing).toContain(join('mediasoup', 'worker', 'out', 'Release', 'mediasoup-worker'));
  });

  it('knows mediasoup’s default location', () => {
    expect(defaultWorkerBin()).toMatch(/node_modules[/\\]mediasoup[/\\]worker[/\\]out[/\\]Release[/\\]mediasoup-worker$/);
  });
});
