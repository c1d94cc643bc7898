import { followModeration, type LiveModerationSnapshot, type ModerationDelta } from '@bridgepoint/contracts';
import { io, type Socket } from 'socket.io-client';

/** An error event a namespace sends before it closes a connection (`live.error`, `media.error`). */
export interface ServerRefusal {
  code: string;
  message: string;
}

/**
 * A socket to `/live` or `/media` that records what it receives and how it ended: the server's error
 * event, if any, and whether the server closed it.
 */
export async function openSocket(url: string, namespace: '/live' | '/media', token: string, conferenceId: string, extra: Record<string, unknown> = {}) {
  const socket: Socket = io(`${url}${namespace}`, {
    // Answers presence pings as the operator page does (a cut network then stops answering them).
    auth: { token, conferenceId, heartbeat: true },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...extra,
  });
  const errors: ServerRefusal[] = [];
  /** Every event received since the socket was created, in order (a server may send before `connect` resolves here). */
  const received: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => event !== 'presence.ping' && received.push({ event, payload }));
  socket.on('presence.ping', (ack: () => void) => ack());
  let closedByServer = false;
  socket.on(namespace === '/live' ? 'live.error' : 'media.error', (e: ServerRefusal) => errors.push(e));
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') closedByServer = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    errors,
    received,
    get closedByServer() {
      return closedByServer;
    },
    /** Resolves with the refusal once the server has closed the socket (rejects after `ms`). */
    async closed(ms = 5000): Promise<ServerRefusal | null> {
      const deadline = Date.now() + ms;
      while (!closedByServer) {
        if (Date.now() > deadline) throw new Error(`${namespace} socket still open after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return errors.at(-1) ?? null;
    },
    close: () => socket.close(),
  };
}

/** Polls until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * What a `/live` socket of a moderator or presenter holds of moderation: `states` is the whole state after each
 * `moderation.snapshot` and each `moderation.delta` applied to it (as the web client does), `messages` what came
 * over the wire and its size, `gaps` the deltas that did not follow what was held. `received`: what the socket
 * got before this started following (`openSocket`'s record), taken first. Deltas `lost` answers true for are
 * treated as lost on the way (a client that missed them).
 */
export function followModerationOf(
  socket: Socket,
  options: { received?: Array<{ event: string; payload: unknown }>; lost?: (delta: ModerationDelta) => boolean } = {},
) {
  const states: LiveModerationSnapshot[] = [];
  const messages: Array<{ event: 'moderation.snapshot' | 'moderation.delta'; bytes: number; payload: LiveModerationSnapshot | ModerationDelta }> = [];
  const gaps: ModerationDelta[] = [];
  const onSnapshot = (snapshot: LiveModerationSnapshot) => {
    messages.push({ event: 'moderation.snapshot', bytes: JSON.stringify(snapshot).length, payload: snapshot });
    states.push(snapshot);
  };
  const onDelta = (delta: ModerationDelta) => {
    messages.push({ event: 'moderation.delta', bytes: JSON.stringify(delta).length, payload: delta });
    if (options.lost?.(delta)) return;
    const next = followModeration(states.at(-1) ?? null, delta);
    if (next) states.push(next);
    else gaps.push(delta);
  };
  for (const { event, payload } of options.received ?? []) {
    if (event === 'moderation.snapshot') onSnapshot(payload as LiveModerationSnapshot);
    if (event === 'moderation.delta') onDelta(payload as ModerationDelta);
  }
  socket.on('moderation.snapshot', onSnapshot);
  socket.on('moderation.delta', onDelta);
  return {
    states,
    messages,
    gaps,
    /** The state held now. */
    get current(): LiveModerationSnapshot | undefined {
      return states.at(-1);
    },
  };
}
