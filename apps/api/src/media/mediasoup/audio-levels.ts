import { Logger } from '@nestjs/common';
import { MEDIA_AUDIO_FRESH_MS } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import { loudness } from '../audio-level';
import type { RouterEntry } from './room';

/** Up to this many loudest producers per router are reported each interval (a conference's speaking points). */
const MAX_ENTRIES = 50;
const INTERVAL_MS = 500;
/** dBvo below which a producer counts as silent (as the werift engine's SILENCE_DBOV). */
const THRESHOLD_DBVO = -70;

/**
 * Audio levels on mediasoup: one AudioLevelObserver per router where audio is produced; the worker reports
 * the loudest producers every 500 ms (`volumes`, in dBvo) or that all are silent (`silence`).
 */
export class AudioLevels {
  private readonly logger = new Logger('MediasoupAudioLevels');
  private readonly observers = new Map<string, Promise<types.AudioLevelObserver>>();
  private readonly heard = new Map<string, { volume: number; at: number }>();

  /** Starts measuring an audio producer on the router it lives on. */
  async watch(at: RouterEntry, producer: types.Producer): Promise<void> {
    try {
      let observer = this.observers.get(at.router.id);
      if (!observer) {
        observer = at.router.createAudioLevelObserver({ maxEntries: MAX_ENTRIES, threshold: THRESHOLD_DBVO, interval: INTERVAL_MS }).then((o) => {
          o.on('volumes', (volumes) => {
            const now = Date.now();
            for (const { producer: p, volume } of volumes) this.heard.set(p.id, { volume, at: now });
          });
          o.on('silence', () => this.heard.clear());
          return o;
        });
        this.observers.set(at.router.id, observer);
        at.router.observer.once('close', () => this.observers.delete(at.router.id));
      }
      const o = await observer;
      if (!producer.closed && !o.closed) await o.addProducer({ producerId: producer.id });
      producer.observer.once('close', () => this.heard.delete(producer.id));
    } catch (e) {
      if (!producer.closed) this.logger.debug(`No audio level for ${producer.id}: ${(e as Error).message}`);
    }
  }

  /** The producer's loudness 0..1 as last reported (0 once it has been quiet for a while). */
  levelOf(producerId: string, now = Date.now()): number {
    const last = this.heard.get(producerId);
    if (!last || now - last.at > MEDIA_AUDIO_FRESH_MS) return 0;
    return loudness(-last.volume);
  }

  clear() {
    this.observers.clear();
    this.heard.clear();
  }
}
