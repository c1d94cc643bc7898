import { LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@bridgepoint/contracts';
import { useEffect, useEffectEvent, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { clientId } from './client-id';
import { followModerationStream } from './moderationStream';

/**
 * `connecting`: first attempt; `reconnecting`: the connection dropped and socket.io is trying again;
 * `offline`: the device has no network; `refused`: the server turned the connection down (`live.error`).
 */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface LiveError {
  code: string;
  message: string;
}

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

export interface LiveOptions {
  /** No token, no connection. */
  token: string | null;
  conferenceId: string;
  onSummary?: LiveServerEvents['attendance.summary'];
  onPoint?: LiveServerEvents['point.attendance'];
  /** Organizers, moderators and presenters: questions, the speak queue and the floor, whole after every change. */
  onModeration?: LiveServerEvents['moderation.snapshot'];
  /** A point operator: its own questions and request to speak. */
  onPointModeration?: LiveServerEvents['point.moderation'];
  /** A delegate's phone: what every delegate may see of the conference. */
  onPublic?: LiveServerEvents['public.state'];
  /** Organizers and moderators: a point came online or went offline. */
  onPresence?: LiveServerEvents['presence.changed'];
  /** Organizers and moderators: a point answered the rehearsal. */
  onRehearsal?: LiveServerEvents['presence.rehearsal'];
  /** Organizers and moderators: a point stored the result of its pre-flight. */
  onReadiness?: LiveServerEvents['presence.readiness'];
  /** A point operator: a new notice for its point, or one its point acknowledged. */
  onAnnouncement?: LiveServerEvents['announcement'];
  /** Organizers and moderators: a notice was sent or acknowledged. */
  onAnnouncementChanged?: LiveServerEvents['announcement.changed'];
  /** A message of a point's thread with the control room (operators: their own point's). */
  onChatMessage?: LiveServerEvents['chat.message'];
  /** A side read a point's thread. */
  onChatRead?: LiveServerEvents['chat.read'];
  /** Every (re)connection: events may have been missed while disconnected. */
  onConnect?: () => void;
  /** The server refused the connection; it will not retry by itself. */
  onRefused?: (error: LiveError) => void;
}

interface State {
  key: string;
  status: LiveStatus;
  error: LiveError | null;
}

/** Server-side disconnects without a `live.error` first (the server shut the socket). */
const CLOSED_BY_SERVER: LiveError = { code: 'LIVE_CLOSED', message: 'The server closed the live connection.' };

/**
 * The `/live` socket for one conference: connects with the given token, follows the connection's
 * health and hands every event to the callbacks. On reconnect the server sends a fresh snapshot.
 */
export function useLive(options: LiveOptions) {
  const { token, conferenceId, onSummary, onPoint, onModeration, onPointModeration, onPublic, onPresence, onConnect, onRefused } = options;
  const key = `${conferenceId}\n${token ?? ''}`;
  const [state, setState] = useState<State | null>(null);
  const summary = useEffectEvent((value: Parameters<LiveServerEvents['attendance.summary']>[0]) => onSummary?.(value));
  const point = useEffectEvent((value: Parameters<LiveServerEvents['point.attendance']>[0]) => onPoint?.(value));
  const moderation = useEffectEvent((value: Parameters<LiveServerEvents['moderation.snapshot']>[0]) => onModeration?.(value));
  const pointModeration = useEffectEvent((value: Parameters<LiveServerEvents['point.moderation']>[0]) =>
    onPointModeration?.(value),
  );
  const publicState = useEffectEvent((value: Parameters<LiveServerEvents['public.state']>[0]) => onPublic?.(value));
  const refused = useEffectEvent((error: LiveError) => onRefused?.(error));
  const presence = useEffectEvent((value: Parameters<LiveServerEvents['presence.changed']>[0]) => onPresence?.(value));
  const readiness = useEffectEvent((value: Parameters<LiveServerEvents['presence.readiness']>[0]) => options.onReadiness?.(value));
  const connected = useEffectEvent(() => onConnect?.());
  const announcement = useEffectEvent((value: Parameters<LiveServerEvents['announcement']>[0]) => options.onAnnouncement?.(value));
  const announcementChanged = useEffectEvent((value: Parameters<LiveServerEvents['announcement.changed']>[0]) =>
    options.onAnnouncementChanged?.(value),
  );
  const chatMessage = useEffectEvent((value: Parameters<LiveServerEvents['chat.message']>[0]) => options.onChatMessage?.(value));
  const rehearsal = useEffectEvent((value: Parameters<LiveServerEvents['presence.rehearsal']>[0]) => options.onRehearsal?.(value));
  const chatRead = useEffectEvent((value: Parameters<LiveServerEvents['chat.read']>[0]) => options.onChatRead?.(value));

  useEffect(() => {
    if (!token) return;
    const socket: LiveSocket = io(LIVE_NAMESPACE, {
      // heartbeat: this page answers the server's presence pings, so a dead page goes offline within seconds.
      auth: { token, conferenceId, heartbeat: true },
      query: { client: clientId() },
      transports: ['websocket'],
      reconnectionDelayMax: 10_000,
    });
    socket.on('presence.ping', (ack) => ack());
    let lastError: LiveError | null = null;
    const set = (status: LiveStatus, error: LiveError | null = null) => setState({ key, status, error });
    const dropped = () => set(navigator.onLine ? 'reconnecting' : 'offline');

    socket.on('connect', () => {
      set('connected');
      connected();
    });
    socket.on('presence.changed', (value) => presence(value));
    socket.on('presence.rehearsal', (value) => rehearsal(value));
    socket.on('presence.readiness', (value) => readiness(value));
    socket.on('live.error', (error) => {
      lastError = error;
    });
    socket.on('attendance.summary', (value) => summary(value));
    socket.on('point.attendance', (value) => point(value));
    followModerationStream(socket, (value) => moderation(value));
    socket.on('point.moderation', (value) => pointModeration(value));
    socket.on('public.state', (value) => publicState(value));
    socket.on('announcement', (value) => announcement(value));
    socket.on('announcement.changed', (value) => announcementChanged(value));
    socket.on('chat.message', (value) => chatMessage(value));
    socket.on('chat.read', (value) => chatRead(value));
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') {
        const error = lastError ?? CLOSED_BY_SERVER;
        set('refused', error);
        refused(error);
      } else if (reason !== 'io client disconnect') {
        dropped();
      }
    });
    socket.on('connect_error', () => {
      if (socket.active) dropped();
    });

    const onOffline = () => set('offline');
    const onOnline = () => {
      if (socket.connected) {
        set('connected');
        return;
      }
      set('reconnecting');
      // Skip what is left of socket.io's reconnection backoff: the network is back now.
      socket.disconnect();
      socket.connect();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      socket.disconnect();
    };
  }, [key, token, conferenceId]);

  const current = state?.key === key ? state : null;
  return { status: current?.status ?? 'connecting', error: current?.error ?? null };
}
