import { Logger, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { ErrorCode, LIVE_NAMESPACE, LiveServerEvents, Principal } from '@bridgepoint/contracts';
import type { Namespace, Socket } from 'socket.io';
import { DomainError } from '../common/domain-error';
import { TokenService } from '../auth/token.service';
import { AttendanceService } from './attendance.service';
import { LiveNotifier, LiveSink, LiveTopic } from './live-notifier';
import { SummaryService } from './summary.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const watchRoom = (c: string) => `live:${c}:watch`;
const pointRoom = (c: string, p: string) => `live:${c}:point:${p}`;

type LiveSocket = Socket<Record<string, never>, LiveServerEvents>;

/**
 * `/live`: organizers and moderators watch a conference's attendance; a point operator follows its
 * own point. Authenticated in the handshake; refused connections get `live.error` then close.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true } })
export class LiveGateway implements OnGatewayConnection, OnModuleInit, LiveSink {
  private readonly logger = new Logger(LiveGateway.name);
  @WebSocketServer() private readonly server!: Namespace<Record<string, never>, LiveServerEvents>;

  constructor(
    private readonly tokens: TokenService,
    private readonly summaries: SummaryService,
    private readonly attendance: AttendanceService,
    private readonly notifier: LiveNotifier,
  ) {}

  onModuleInit() {
    this.notifier.attach(this);
  }

  async handleConnection(socket: LiveSocket) {
    try {
      const { token, conferenceId } = (socket.handshake.auth ?? {}) as { token?: unknown; conferenceId?: unknown };
      if (typeof token !== 'string' || token === '') throw DomainError.unauthenticated('Send {token, conferenceId} in the handshake auth.');
      if (typeof conferenceId !== 'string' || !UUID.test(conferenceId)) {
        throw DomainError.badRequest(ErrorCode.ValidationFailed, 'conferenceId must be a conference id (UUID).');
      }
      const principal: Principal = await this.tokens.verify(token);
      if (principal.kind === 'point') {
        if (principal.conferenceId !== conferenceId) throw DomainError.forbidden('This join code is for another conference.');
        await socket.join(pointRoom(conferenceId, principal.pointId));
        socket.emit('point.attendance', await this.attendance.pointState(conferenceId, principal.pointId));
        return;
      }
      if (!['admin', 'organizer', 'moderator'].includes(principal.role)) {
        throw DomainError.forbidden('Live attendance is for organizers and moderators.');
      }
      const summary = await this.summaries.compute(conferenceId);
      await socket.join(watchRoom(conferenceId));
      socket.emit('attendance.summary', summary);
    } catch (e) {
      const err = e instanceof DomainError ? e : new DomainError(ErrorCode.Internal, 'Could not open the live connection.', 500);
      if (!(e instanceof DomainError)) this.logger.error((e as Error).stack ?? String(e));
      socket.emit('live.error', { code: err.code, message: err.message });
      socket.disconnect(true);
    }
  }

  *watched(): Iterable<[LiveTopic, string]> {
    for (const room of this.server.adapter.rooms.keys()) {
      const m = /^live:([^:]+):watch$/.exec(room);
      if (m) yield ['attendance', m[1]];
    }
  }

  /** Only this process's sockets: every process computes and sends its own, so nothing arrives twice. */
  async flush(topic: LiveTopic, conferenceId: string, pointIds: ReadonlySet<string>) {
    if (topic !== 'attendance') return;
    const rooms = this.server.adapter.rooms;
    if (rooms.get(watchRoom(conferenceId))?.size) {
      this.server.local.to(watchRoom(conferenceId)).emit('attendance.summary', await this.summaries.compute(conferenceId));
    }
    const followed = [...pointIds].filter((p) => rooms.get(pointRoom(conferenceId, p))?.size);
    for (const state of await this.attendance.pointStates(conferenceId, followed)) {
      this.server.local.to(pointRoom(conferenceId, state.pointId)).emit('point.attendance', state);
    }
  }
}
