import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { ErrorCode, LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@bridgepoint/contracts';
import type { Namespace, Socket } from 'socket.io';
import { DomainError } from '../common/domain-error';
import { asUnavailable } from '../common/outage';
import { SocketSessions } from '../auth/socket-sessions';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AttendanceService } from '../attendance/attendance.service';
import { LiveNotifier, LiveSink, LiveTopic } from './live-notifier';
import { SummaryService } from '../attendance/summary.service';
import { ModerationService } from '../questions/moderation.service';
import { keepOperatorBeating } from './operator-heartbeat';
import { PublicState } from './public-state';
import { PresenceTracker } from '../presence/presence-tracker';
import { ModerationStreams, type StreamRoom } from './moderation-streams';
import { answerResync, type ModerationAudience, type ResyncSocketData } from './moderation-resync';

export const watchRoom = (c: string) => `live:${c}:watch`;
export const pointRoom = (c: string, p: string) => `live:${c}:point:${p}`;
/** Delegates' phones: the public state only. */
const publicRoom = (c: string) => `live:${c}:public`;
/** Moderators see every question; presenters (and the hall screen) only approved and answered ones. */
const moderationRoom = (c: string, audience: ModerationAudience) => `live:${c}:moderation:${audience}`;

type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, ResyncSocketData>;

/**
 * `/live`: organizers and moderators watch a conference's attendance; a point operator follows its
 * own point. Authenticated in the handshake; refused connections get `live.error` then close.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleInit, LiveSink {
  private readonly logger = new Logger(LiveGateway.name);
  /**
   * What each point room last received, so an unchanged state is not sent again: the safety refresh then
   * costs no message at all. A socket joining a room clears its entry, so the next refresh resends to it.
   */
  private readonly lastSent = new Map<string, string>();
  /** Moderators' and presenters' rooms: a snapshot on join, then only what changed. */
  private readonly streams = new ModerationStreams();
  @WebSocketServer() private readonly server!: Namespace<LiveClientEvents, LiveServerEvents>;

  constructor(
    private readonly sessions: SocketSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly summaries: SummaryService,
    private readonly attendance: AttendanceService,
    private readonly notifier: LiveNotifier,
    private readonly moderation: ModerationService,
    private readonly publicState: PublicState,
    private readonly presence: PresenceTracker,
  ) {}

  onModuleInit() {
    this.notifier.attach(this);
    // Through the adapter: the watchers of every process hear a transition once, from the process that recorded it.
    this.presence.onChange((changes) => {
      for (const c of changes) {
        this.server.to(watchRoom(c.conferenceId)).emit('presence.changed', { pointId: c.pointId, online: c.online, at: c.at.toISOString() });
      }
    });
  }

  afterInit(namespace: Namespace) {
    namespace.use(this.sessions.middleware());
  }

  async handleConnection(socket: LiveSocket) {
    try {
      const session = this.sessions.sessionOf(socket);
      const { principal, conferenceId } = session;
      this.sessions.track(socket, 'live', session, (code, message) => this.refuse(socket, code, message), this.config.liveSocketsPerPoint);
      // Before any await, so no resync goes unanswered: points and delegates are refused (they follow no
      // moderation stream), a staff socket still joining gets the join's snapshot.
      let serve = () => Promise.resolve();
      socket.on('moderation.resync', (payload, ack) => void answerResync(socket, payload, ack, () => serve()));
      if (principal.kind === 'point') {
        // Counted at once (before any await), so a socket that closes meanwhile is also uncounted.
        const { pointId } = principal;
        this.presence.opened(conferenceId, pointId);
        socket.once('disconnect', () => this.presence.closed(conferenceId, pointId));
        keepOperatorBeating(socket, this.config.presencePingIntervalMs, this.config.presencePingTimeoutMs);
        const [state, moderation] = await Promise.all([
          this.attendance.pointState(conferenceId, principal.pointId),
          this.moderation.forPoints(conferenceId, [principal.pointId]),
        ]);
        await socket.join(pointRoom(conferenceId, principal.pointId));
        this.lastSent.delete(pointRoom(conferenceId, principal.pointId));
        socket.emit('point.attendance', state);
        socket.emit('point.moderation', moderation.get(principal.pointId)!);
        return;
      }
      if (principal.kind === 'delegate') {
        const state = await this.publicState.get(conferenceId);
        await socket.join(publicRoom(conferenceId));
        socket.emit('public.state', state);
        return;
      }
      const audience: ModerationAudience = principal.role === 'presenter' ? 'presenters' : 'moderators';
      const follows = { audience, joined: false, lastResyncAt: 0, pending: false };
      socket.data.moderation = follows;
      const room = moderationRoom(conferenceId, audience);
      const [read, to] = [this.reader(conferenceId, audience), this.streamRoom(conferenceId, audience)];
      serve = () => this.streams.resync(room, read, to, (snapshot) => socket.emit('moderation.snapshot', snapshot));
      if (audience === 'moderators') {
        const summary = await this.summaries.compute(conferenceId);
        await socket.join(watchRoom(conferenceId));
        socket.emit('attendance.summary', summary);
      }
      // socket.io has taken the socket out of its rooms by then; a socket gone while joining never enters.
      socket.once('disconnect', () => void this.streams.left(room, to));
      await this.streams.join(room, read, to, async (snapshot) => {
        if (!socket.connected) return;
        await socket.join(room);
        follows.joined = true;
        socket.emit('moderation.snapshot', snapshot);
      });
    } catch (e) {
      const unavailable = e instanceof DomainError ? null : asUnavailable(e);
      const err = e instanceof DomainError ? e : (unavailable ?? new DomainError(ErrorCode.Internal, 'Could not open the live connection.', 500));
      if (!(e instanceof DomainError) && !unavailable) this.logger.error((e as Error).stack ?? String(e));
      this.refuse(socket, err.code, err.message);
    }
  }

  private reader(conferenceId: string, audience: ModerationAudience) {
    return () => this.moderation.snapshot(conferenceId, audience === 'moderators' ? 'moderator' : 'presenter');
  }

  /** This process's sockets of a moderation room. */
  private streamRoom(conferenceId: string, audience: ModerationAudience): StreamRoom {
    const room = moderationRoom(conferenceId, audience);
    return {
      size: () => this.server.adapter.rooms.get(room)?.size ?? 0,
      delta: (delta) => this.server.local.to(room).emit('moderation.delta', delta),
      snapshot: (snapshot) => this.server.local.to(room).emit('moderation.snapshot', snapshot),
    };
  }

  private refuse(socket: LiveSocket, code: string, message: string) {
    socket.emit('live.error', { code, message });
    socket.disconnect(true);
  }

  *watched(): Iterable<[LiveTopic, string]> {
    const seen = new Set<string>();
    for (const room of this.server.adapter.rooms.keys()) {
      const m = /^live:([^:]+):(watch|moderation|point|public)/.exec(room);
      if (!m) continue;
      const topic: LiveTopic = m[2] === 'watch' ? 'attendance' : 'moderation';
      if (!seen.has(`${topic}|${m[1]}`)) {
        seen.add(`${topic}|${m[1]}`);
        yield [topic, m[1]];
      }
    }
  }

  /** Only this process's sockets: every process computes and sends its own, so nothing arrives twice. */
  async flush(topic: LiveTopic, conferenceId: string, pointIds: ReadonlySet<string>) {
    if (topic === 'moderation') return this.flushModeration(conferenceId);
    const rooms = this.server.adapter.rooms;
    if (rooms.get(watchRoom(conferenceId))?.size) {
      this.server.local.to(watchRoom(conferenceId)).emit('attendance.summary', await this.summaries.compute(conferenceId));
    }
    const followed = [...pointIds].filter((p) => rooms.get(pointRoom(conferenceId, p))?.size);
    for (const state of await this.attendance.pointStates(conferenceId, followed)) {
      this.server.local.to(pointRoom(conferenceId, state.pointId)).emit('point.attendance', state);
    }
  }

  /**
   * Moderators and presenters get what changed in their view. The queue and the floor concern every point,
   * so every connected point of the conference gets its view — when that view changed since the room last
   * received it.
   */
  private async flushModeration(conferenceId: string) {
    const rooms = this.server.adapter.rooms;
    for (const audience of ['moderators', 'presenters'] as const) {
      await this.streams.changed(moderationRoom(conferenceId, audience), this.reader(conferenceId, audience), this.streamRoom(conferenceId, audience));
    }
    const prefix = `live:${conferenceId}:point:`;
    const connected: string[] = [];
    for (const [room, members] of rooms) {
      if (!room.startsWith(prefix)) continue;
      if (members.size > 0) connected.push(room.slice(prefix.length));
    }
    for (const key of this.lastSent.keys()) if (key.startsWith(prefix) && !rooms.get(key)?.size) this.lastSent.delete(key);
    for (const [pointId, state] of await this.moderation.forPoints(conferenceId, connected)) {
      const room = pointRoom(conferenceId, pointId);
      if (this.changedFor(room, state)) this.server.local.to(room).emit('point.moderation', state);
    }
    await this.flushPublic(conferenceId);
  }

  private changedFor(room: string, state: unknown): boolean {
    const json = JSON.stringify(state);
    if (this.lastSent.get(room) === json) return false;
    this.lastSent.set(room, json);
    return true;
  }

  /** Delegates' phones hear only what changed for them; an unchanged state sends nothing. */
  private async flushPublic(conferenceId: string) {
    if (!this.server.adapter.rooms.get(publicRoom(conferenceId))?.size) {
      this.publicState.forget(conferenceId);
      return;
    }
    const state = await this.publicState.changed(conferenceId);
    if (state) this.server.local.to(publicRoom(conferenceId)).emit('public.state', state);
  }
}
