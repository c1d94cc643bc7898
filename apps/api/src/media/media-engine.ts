import type { MediaEngineName, MediaStats } from '@bridgepoint/contracts';

export const MEDIA_ENGINE = Symbol('MEDIA_ENGINE');

/** Why the engine dropped a publisher on its own (connection failed or closed). */
export type PublisherLostListener = (conferenceId: string) => void;

/**
 * The media port: one room per conference, at most one publisher and any number of subscribers.
 * Peers are named by the caller (a socket id); every method is safe to call for an unknown peer.
 */
export interface MediaEngine {
  readonly name: MediaEngineName;
  /** Takes the publisher's offer (audio + video, sendonly) and returns the answer. */
  publish(conferenceId: string, peerId: string, offerSdp: string): Promise<string>;
  /** Opens a subscription to the room's publisher; returns the engine's offer. */
  subscribe(conferenceId: string, peerId: string): Promise<string>;
  /** Completes a subscription with the subscriber's answer. */
  answer(conferenceId: string, peerId: string, answerSdp: string): Promise<void>;
  /** Closes whatever the peer holds; `publisher` when it was the room's publisher. */
  leave(conferenceId: string, peerId: string): Promise<'publisher' | 'subscriber' | null>;
  isLive(conferenceId: string): boolean;
  onPublisherLost(listener: PublisherLostListener): void;
  stats(): MediaStats;
  close(): Promise<void>;
}

export class MediaEngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaEngineError';
  }
}
