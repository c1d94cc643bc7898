import { followModeration, type LiveClientEvents, type LiveModerationSnapshot, type LiveServerEvents } from '@bridgepoint/contracts';
import type { Socket } from 'socket.io-client';

/** A resync not answered within this time may be asked for again (by the next delta that does not follow). */
const RESYNC_ANSWER_MS = 3000;

/**
 * Follows the moderation stream of a `/live` socket: the snapshot it receives on (re)connect, then the deltas
 * applied to it. A delta that does not follow what is held (a version missed) asks the server for the snapshot
 * again; until it comes, deltas are ignored. `deliver` gets the whole state after every step.
 */
export function followModerationStream(socket: Socket<LiveServerEvents, LiveClientEvents>, deliver: (snapshot: LiveModerationSnapshot) => void) {
  let held: LiveModerationSnapshot | null = null;
  let askedAt = 0;
  socket.on('moderation.snapshot', (snapshot) => {
    held = snapshot;
    askedAt = 0;
    deliver(snapshot);
  });
  socket.on('moderation.delta', (delta) => {
    const next = followModeration(held, delta);
    if (next) {
      held = next;
      deliver(next);
      return;
    }
    if (Date.now() - askedAt < RESYNC_ANSWER_MS) return;
    askedAt = Date.now();
    socket.emit('moderation.resync', {}, (result) => {
      // Refused (the state could not be read): the next delta that does not follow asks again.
      if (!result.ok) askedAt = 0;
    });
  });
  // A new connection starts with a snapshot of its own.
  socket.on('disconnect', () => {
    held = null;
    askedAt = 0;
  });
}
