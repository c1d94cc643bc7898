import type { AudioReading } from '../media-engine';
import type { AudioLevels } from './audio-levels';
import type { Source } from './room';

/**
 * The host site's hold on a source's sound on mediasoup: pausing its audio producer stops it at the
 * worker for every consumer (on every router it is piped to).
 */
export async function pauseSourceAudio(src: Source | undefined, paused: boolean): Promise<void> {
  const producer = src?.producers.get('audio');
  if (!producer || producer.closed || producer.paused === paused) return;
  if (paused) await producer.pause();
  else await producer.resume();
}

/**
 * Sound arrives while the audio producer is open, not paused and its stream scores above 0 (the worker
 * scores 0 a stream that stopped); its loudness is what the router's AudioLevelObserver last reported.
 */
export function audioReadingOf(src: Source | undefined, levels: AudioLevels): AudioReading {
  const producer = src?.producers.get('audio');
  const sound = !!producer && !producer.closed && !producer.paused && producer.score.some((s) => s.score > 0);
  return { sound, level: producer && !producer.paused ? levels.levelOf(producer.id) : producer ? 0 : null };
}
