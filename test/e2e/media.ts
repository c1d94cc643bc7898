import { findMediasoupWorker } from '../../apps/api/src/media/mediasoup/find-worker';

/** Chromium's fake camera (a moving picture) and microphone (a beep), allowed without asking, sent over loopback. */
export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** werift always; mediasoup where a worker binary is found (said once, with the reason, where it is not). */
export function mediaEngines(what: string): { engine: string; env: Record<string, string> }[] {
  const worker = findMediasoupWorker({ mediasoupWorkerBin: null });
  if (!('path' in worker)) console.log(`SKIPPED: no mediasoup worker (${worker.missing}): ${what} runs on werift only`);
  return [
    { engine: 'werift', env: { MEDIA_ENGINE: 'werift' } },
    ...('path' in worker ? [{ engine: 'mediasoup', env: { MEDIA_ENGINE: 'mediasoup', MEDIASOUP_WORKER_BIN: worker.path, MEDIASOUP_WORKERS: '2' } }] : []),
  ];
}
