import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MediaConfig } from '../../config/app-config';

export type WorkerBinLookup = { path: string } | { missing: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where mediasoup's install script puts the worker it builds or downloads. */
export function defaultWorkerBin(): string | null {
  try {
    // node/lib/index.js → the package root
    const root = join(dirname(require.resolve('mediasoup')), '..', '..');
    return join(root, 'worker', 'out', 'Release', 'mediasoup-worker');
  } catch {
    return null;
  }
}

/**
 * The mediasoup worker binary to run: the configured one, then MEDIASOUP_WORKER_BIN, then mediasoup's
 * default location. When none is an executable file, says where it looked.
 */
export function findMediasoupWorker(
  config: Pick<MediaConfig, 'mediasoupWorkerBin'>,
  env: Record<string, string | undefined> = process.env,
): WorkerBinLookup {
  const candidates: string[] = [];
  if (config.mediasoupWorkerBin) candidates.push(config.mediasoupWorkerBin);
  const fromEnv = env['MEDIASOUP_WORKER_BIN']?.trim();
  if (fromEnv) candidates.push(fromEnv);
  const fallback = defaultWorkerBin();
  if (fallback) candidates.push(fallback);

  const looked = [...new Set(candidates)];
  const found = looked.find(executable);
  if (found) return { path: found };
  return { missing: looked.length > 0 ? looked.join(', ') : 'nowhere: mediasoup is not installed' };
}
