import { ErrorCode, MODERATION_RESYNC_MIN_GAP_MS, type LiveAck } from '@bridgepoint/contracts';
import type { Socket } from 'socket.io';

export type ModerationAudience = 'moderators' | 'presenters';

/** What a `/live` socket of a moderator or presenter remembers about its moderation stream. */
export interface ResyncSocketData {
  moderation?: {
    audience: ModerationAudience;
    /** In the room, its join snapshot sent. */
    joined: boolean;
    lastResyncAt: number;
    /** A resync asked for within the gap, served when it ends. */
    pending: boolean;
  };
}

const refusal = (code: string, message: string): LiveAck => ({ ok: false, error: { code, message } });

/**
 * `moderation.resync`: checks who asks and what, then has `serve` send the socket its snapshot — at once, or
 * (asked again within MODERATION_RESYNC_MIN_GAP_MS) once that gap has passed; repeated asks meanwhile are one.
 */
export async function answerResync(
  socket: Socket<never, never, never, ResyncSocketData>,
  payload: unknown,
  ack: unknown,
  serve: () => Promise<void>,
): Promise<void> {
  const reply = (r: LiveAck) => typeof ack === 'function' && (ack as (r: LiveAck) => void)(r);
  const state = socket.data.moderation;
  if (!state) return void reply(refusal(ErrorCode.Forbidden, 'Only moderators, organizers and presenters follow the moderation stream.'));
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || Object.keys(payload).length > 0) {
    return void reply(refusal(ErrorCode.ValidationFailed, 'moderation.resync takes an empty object: {}.'));
  }
  // Not in the room yet: the snapshot of the join is on its way.
  if (!state.joined) return void reply({ ok: true });
  const wait = state.lastResyncAt + MODERATION_RESYNC_MIN_GAP_MS - Date.now();
  if (wait > 0) {
    if (!state.pending) {
      state.pending = true;
      setTimeout(() => {
        state.pending = false;
        state.lastResyncAt = Date.now();
        if (socket.connected) serve().catch(() => undefined);
      }, wait).unref();
    }
    return void reply({ ok: true });
  }
  state.lastResyncAt = Date.now();
  try {
    await serve();
    reply({ ok: true });
  } catch {
    reply(refusal(ErrorCode.ServiceUnavailable, 'The moderation state could not be read now: ask again shortly.'));
  }
}
