import { Logger } from '@nestjs/common';
import type { MediaConfig } from '../config/app-config';
import type { MediaEngine } from './media-engine';
import { findMediasoupWorker } from './mediasoup/find-worker';
import { MediasoupEngine } from './mediasoup/mediasoup.engine';
import { WeriftEngine } from './werift.engine';

/**
 * `MEDIA_ENGINE=auto` takes mediasoup when a worker binary is found and the embedded werift engine
 * otherwise; `mediasoup` refuses to start without a worker; `werift` never looks for one.
 */
export async function createMediaEngine(config: MediaConfig, logger = new Logger('MediaEngine')): Promise<MediaEngine> {
  if (config.engine !== 'werift') {
    const found = findMediasoupWorker(config);
    if ('path' in found) {
      const engine = await MediasoupEngine.create(config, found.path);
      logger.log(`mediasoup with ${engine.workers} worker(s) from ${found.path}`);
      return engine;
    }
    if (config.engine === 'mediasoup') throw new Error(`MEDIA_ENGINE=mediasoup, but no mediasoup worker was found (${found.missing}).`);
    logger.log(`No mediasoup worker (${found.missing}): the embedded werift engine forwards the media.`);
  }
  const additionalHostAddresses = ['127.0.0.1', ...(config.announcedAddress ? [config.announcedAddress] : [])];
  return new WeriftEngine({ additionalHostAddresses, portRange: config.weriftPortRange, subscriberCapacity: config.subscriberCapacity });
}
