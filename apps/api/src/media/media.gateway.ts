import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  MEDIA_NAMESPACE,
  MediaErrorCode,
  type MediaAck,
  type MediaClientEvents,
  type MediaError,
  type MediaRole,
  type MediaServerEvents,
  type Principal,
} from '@bridgepoint/contracts';
import type { Namespace, Socket } from 'socket.io';
import { TokenService } from '../auth/token.service';
import { DomainError } from '../common/domain-error';
import { MEDIA_ENGINE, MediaEngineError, type MediaEngine } from './media-engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SDP_LENGTH = 64 * 1024;
const conferenceRoom = (c: string) => `media:${c}`;

interface MediaSocketData {
  conferenceId: string;
  canPublish: boolean;
  canSubscribe: boolean;
}
type MediaSocket = Socket<MediaClientEvents, MediaServerEvents, Record<string, never>, Partial<MediaSocketData>>;

class Refusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Presenters, organizers and admins may publish; point operators, organizers and admins subscribe. */
export function mediaRights(principal: Principal, conferenceId: string): { canPublish: boolean; canSubscribe: boolean } {
  if (principal.kind === 'point') {
    if (principal.conferenceId !== conferenceId) throw new Refusal(MediaErrorCode.Forbidden, 'This join code is for another conference.');
    return { canPublish: false, canSubscribe: true };
  }
  const canPublish = ['presenter', 'organizer', 'admin'].includes(principal.role);
  const canSubscribe = ['organizer', 'admin'].includes(principal.role);
  if (!canPublish && !canSubscribe) throw new Refusal(MediaErrorCode.Forbidden, 'Your role cannot take part in the broadcast.');
  return { canPublish, canSubscribe };
}

function sdpOf(payload: unknown): string {
  const sdp = (payload as { sdp?: unknown } | null)?.sdp;
  if (typeof sdp !== 'string' || !sdp.startsWith('v=0') || sdp.length > MAX_SDP_LENGTH) {
    throw new Refusal(MediaErrorCode.Invalid, 'Send {sdp} with a session description.');
  }
  return sdp;
}

function noPayload(payload: unknown) {
  if (payload !== undefined && payload !== null && (typeof payload !== 'object' || Object.keys(payload).length > 0)) {
    throw new Refusal(MediaErrorCode.Invalid, 'This event takes no fields.');
  }
}

/**
 * `/media`: signaling for the conference broadcast. Authenticated in the handshake like `/live`;
 * every event is acknowledged `{ok, data}` or `{ok: false, error}` (the error also goes out as `media.error`).
 */
@WebSocketGateway({ namespace: MEDIA_NAMESPACE, cors: { origin: true } })
export class MediaGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit {
  private readonly logger = new Logger(MediaGateway.name);
  @WebSocketServer() private readonly server!: Namespace<MediaClientEvents, MediaServerEvents>;

  constructor(
    private readonly tokens: TokenService,
    @Inject(MEDIA_ENGINE) private readonly engine: MediaEngine,
  ) {}

  onModuleInit() {
    this.engine.onPublisherLost((conferenceId) => this.server.to(conferenceRoom(conferenceId)).emit('media.unpublished'));
  }

  async handleConnection(socket: MediaSocket) {
    try {
      const { token, conferenceId } = (socket.handshake.auth ?? {}) as { token?: unknown; conferenceId?: unknown };
      if (typeof token !== 'string' || token === '') throw new Refusal(MediaErrorCode.Forbidden, 'Send {token, conferenceId} in the handshake auth.');
      if (typeof conferenceId !== 'string' || !UUID.test(conferenceId)) {
        throw new Refusal(MediaErrorCode.Invalid, 'conferenceId must be a conference id (UUID).');
      }
      const principal = await this.tokens.verify(token);
      socket.data = { conferenceId, ...mediaRights(principal, conferenceId) };
      this.handle(socket, 'media.join', async () => {
        await socket.join(conferenceRoom(conferenceId));
        const role: MediaRole = socket.data.canPublish ? 'publisher' : 'subscriber';
        return { engine: this.engine.name, role, live: this.engine.isLive(conferenceId) };
      });
      this.handle(socket, 'media.publish', async (payload) => {
        const sdp = sdpOf(payload);
        if (!socket.data.canPublish) throw new Refusal(MediaErrorCode.Forbidden, 'Only presenters and organizers broadcast.');
        const answer = await this.engine.publish(conferenceId, socket.id, sdp);
        socket.to(conferenceRoom(conferenceId)).emit('media.published');
        return { sdp: answer };
      });
      this.handle(socket, 'media.subscribe', async () => {
        if (!socket.data.canSubscribe) throw new Refusal(MediaErrorCode.Forbidden, 'Only bridge points and organizers watch the broadcast.');
        return { sdp: await this.engine.subscribe(conferenceId, socket.id) };
      });
      this.handle(socket, 'media.answer', async (payload) => {
        await this.engine.answer(conferenceId, socket.id, sdpOf(payload));
        return null;
      });
      this.handle(socket, 'media.leave', async () => {
        await this.leave(socket);
        return null;
      });
    } catch (e) {
      const error = this.toError(e);
      socket.emit('media.error', error);
      socket.disconnect(true);
    }
  }

  async handleDisconnect(socket: MediaSocket) {
    await this.leave(socket);
  }

  private async leave(socket: MediaSocket) {
    const conferenceId = socket.data.conferenceId;
    if (!conferenceId) return;
    const left = await this.engine.leave(conferenceId, socket.id);
    if (left === 'publisher') this.server.to(conferenceRoom(conferenceId)).emit('media.unpublished');
  }

  private handle<E extends keyof MediaClientEvents, T>(socket: MediaSocket, event: E, run: (payload: unknown) => Promise<T>) {
    const listener = async (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: MediaAck<T>) => void) : null;
      try {
        if (event !== 'media.publish' && event !== 'media.answer') noPayload(args[0]);
        const data = await run(args[0]);
        ack?.({ ok: true, data });
      } catch (e) {
        const error = this.toError(e);
        socket.emit('media.error', error);
        ack?.({ ok: false, error });
      }
    };
    socket.on(event, listener as never);
  }

  private toError(e: unknown): MediaError {
    if (e instanceof Refusal || e instanceof MediaEngineError || e instanceof DomainError) return { code: e.code, message: e.message };
    this.logger.error((e as Error).stack ?? String(e));
    return { code: MediaErrorCode.Failed, message: 'The media server could not do this.' };
  }
}
