import { useEffect, useState } from 'react';
import type { MediaEngineName, MediaSource, MediaUplinkState } from '@bridgepoint/contracts';
import type { MediaClient, MediaClientFactory } from './media-client';
import { connectMedia, request, type MediaSocket } from './signaling';
import { createWeriftClient } from './werift-client';

export interface MediaSession {
  /** Null until joined, and again while the connection is down. */
  client: MediaClient | null;
  socket: MediaSocket | null;
  /**
   * Sources sending now that this session may receive, each with a count of its announcements: a source
   * announced again (a new track, a new publication) is received again.
   */
  live: ReadonlyMap<MediaSource, number>;
  floorPointId: string | null;
  /** Points' uplink states: every point's for the control room, its own for an operator. */
  uplinks: ReadonlyMap<string, MediaUplinkState>;
  /** The control room: viewers refused for capacity (MEDIA_FULL) so far, and when last. */
  refusedFull: { refused: number; at: string } | null;
  error: Error | null;
}

const EMPTY: MediaSession = { client: null, socket: null, live: new Map(), floorPointId: null, uplinks: new Map(), refusedFull: null, error: null };

/** The browser adapter for the engine the server announced; mediasoup-client loads only when needed. */
export async function adapterFor(engine: MediaEngineName): Promise<MediaClientFactory> {
  if (engine === 'mediasoup') return (await import('./mediasoup-client')).createMediasoupClient;
  return createWeriftClient;
}

/**
 * A `/media` connection that joins, follows what is live and who holds the floor, and joins again by
 * itself after the socket reconnects or the server asks (a media worker died).
 */
export function useMediaSession(conferenceId: string, token: string | null): MediaSession {
  const [session, setSession] = useState<MediaSession>(EMPTY);

  useEffect(() => {
    if (!token) return;
    const socket = connectMedia(token, conferenceId);
    let client: MediaClient | null = null;
    let generation = 0;

    const drop = () => {
      generation++;
      client?.close();
      client = null;
      setSession((s) => ({ ...EMPTY, error: s.error }));
    };
    const join = async () => {
      drop();
      const mine = generation;
      try {
        const joined = await request(socket, 'media.join', {});
        const next = await (await adapterFor(joined.engine))(socket, joined);
        if (mine !== generation) return next.close();
        client = next;
        setSession({
          client: next,
          socket,
          live: new Map(joined.live.map((source) => [source, 0])),
          floorPointId: joined.floorPointId,
          uplinks: new Map((joined.uplinks ?? []).map((u) => [u.pointId, u])),
          refusedFull: null,
          error: null,
        });
      } catch (e) {
        if (mine === generation) setSession({ ...EMPTY, error: e as Error });
      }
    };
    const updateLive = (source: MediaSource, on: boolean) =>
      setSession((s) => {
        if (!on && !s.live.has(source)) return s;
        const live = new Map(s.live);
        if (on) live.set(source, (live.get(source) ?? -1) + 1);
        else live.delete(source);
        return { ...s, live };
      });

    socket.on('connect', () => void join());
    socket.on('disconnect', drop);
    socket.on('media.reconnect', () => void join());
    socket.on('media.published', ({ source }) => updateLive(source, true));
    socket.on('media.unpublished', ({ source }) => updateLive(source, false));
    socket.on('media.floor', ({ pointId }) => setSession((s) => ({ ...s, floorPointId: pointId })));
    socket.on('media.full', (refusedFull) => setSession((s) => ({ ...s, refusedFull })));
    socket.on('media.uplink', (state) => setSession((s) => ({ ...s, uplinks: new Map(s.uplinks).set(state.pointId, state) })));
    return () => {
      drop();
      socket.disconnect();
    };
  }, [conferenceId, token]);

  return session;
}
