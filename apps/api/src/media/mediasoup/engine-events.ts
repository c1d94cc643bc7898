import { Logger } from '@nestjs/common';
import type { MediaSource } from '@bridgepoint/contracts';
import type { PeersLostListener, SourceEndedListener } from '../media-engine';

/** The source whose audio is loudest on one of the conference's routers. */
export type DominantSpeakerListener = (conferenceId: string, source: MediaSource) => void;

/** What the mediasoup engine tells its listeners; a listener that throws is logged and does not stop the others. */
export class EngineEvents {
  private readonly logger = new Logger('MediasoupEngine');
  private readonly endedListeners: SourceEndedListener[] = [];
  private readonly lostListeners: PeersLostListener[] = [];
  private readonly speakerListeners: DominantSpeakerListener[] = [];

  onSourceEnded(listener: SourceEndedListener) {
    this.endedListeners.push(listener);
  }

  onPeersLost(listener: PeersLostListener) {
    this.lostListeners.push(listener);
  }

  onDominantSpeaker(listener: DominantSpeakerListener) {
    this.speakerListeners.push(listener);
  }

  ended(conferenceId: string, source: MediaSource) {
    for (const listener of this.endedListeners) this.safely(() => listener(conferenceId, source));
  }

  lost(conferenceId: string, peerIds: string[], reason: string) {
    for (const listener of this.lostListeners) this.safely(() => listener(conferenceId, peerIds, reason));
  }

  speaker(conferenceId: string, source: MediaSource) {
    for (const listener of this.speakerListeners) this.safely(() => listener(conferenceId, source));
  }

  private safely(fn: () => void) {
    try {
      fn();
    } catch (e) {
      this.logger.error(`A media listener failed: ${(e as Error).message}`);
    }
  }
}
