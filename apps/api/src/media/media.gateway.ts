import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  MEDIA_NAMESPACE,
  MediaErrorCode,
  PRESENTER_SOURCE,
  pointSource,
  preflightPointId,
  sourcePointId,
  type MediaAck,
  type MediaClientEvents,
  type MediaError,
  type MediaKind,
  type MediaServerEvents,
  type MediaSource,
  type MediaUplinkState,
} from '@bridgepoint/contracts';
import type { Namespace, Socket } from 'socket.io';
import { SocketSessions } from '../auth/socket-sessions';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { asUnavailable } from '../common/outage';
import { LiveNotifier, type LiveSink, type LiveTopic } from '../live/live-notifier';
import { SpeakService } from '../questions/speak.service';
import { MEDIA_ENGINE, MediaEngineError, type MediaEngine, type SfuMediaEngine } from './media-engine';
import { linkReportOf, MediaLinksService } from './media-links.service';
import { mayReceive, mediaRights, Refusal, type MediaRights } from './media-rights';
import { MediaMonitor, type MonitorSink } from './media-monitor';
import { devicesOf, fields, idOf, KINDS, kindsOf, muteOf, parametersOf, sdpOf, sourceOf } from './media-payloads';
import { UplinkBoard } from './uplink-board';

/** A point's link reports count at most this often. */
const LINK_REPORT_MIN_GAP_MS = 1000;

const everyone = (c: string) => `media:${c}`;
const controlRoom = (c: string) => `media:${c}:control`;
const pointRoom = (c: string, p: string) => `media:${c}:point:${p}`;

interface MediaSocketData extends MediaRights {
  conferenceId: string;
  lastLinkReport: number;
}
type MediaSocket = Socket<MediaClientEvents, MediaServerEvents, Record<string, never>, MediaSocketData>;

/**
 * `/media`: signaling for the presenter's broadcast, the points' uplinks and the floor. Authenticated in
 * the handshake like `/live`; every event is checked against the asker's rights and acknowledged
 * `{ok, data}` or `{ok: false, error}` (the error also goes out as `media.error`).
 *
 * Media sockets of a conference must reach the process whose engine holds its sources (one media process,
 * or sticky routing per conference); room events are therefore sent to this process's sockets only.
 */
@WebSocketGateway({ namespace: MEDIA_NAMESPACE })
export class MediaGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, LiveSink, MonitorSink {
  private readonly logger = new Logger(MediaGateway.name);
  @WebSocketServer() private readonly server!: Namespace<MediaClientEvents, MediaServerEvents>;
  /** The floor as this process last read it, per conference with media sockets here. */
  private readonly floors = new Map<string, string | null>();
  /** Viewers refused for capacity per conference, and when the control room was last told. */
  private readonly fullNotices = new Map<string, { count: number; at: number }>();
  /** This process's media sockets, per conference. */
  private readonly sockets = new Map<string, Map<string, MediaSocket>>();

  constructor(
    private readonly sessions: SocketSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly speak: SpeakService,
    private readonly links: MediaLinksService,
    private readonly notifier: LiveNotifier,
    private readonly board: UplinkBoard,
    private readonly monitor: MediaMonitor,
    @Inject(MEDIA_ENGINE) private readonly engine: MediaEngine,
  ) {}

  onModuleInit() {
    this.notifier.attach(this);
    this.monitor.start(this);
    this.engine.onSourceEnded((conferenceId, source) => this.unpublished(conferenceId, source));
    this.engine.onPeersLost((conferenceId, peerIds, reason) => {
      for (const id of peerIds) this.sockets.get(conferenceId)?.get(id)?.emit('media.reconnect', { reason });
    });
  }

  afterInit(namespace: Namespace) {
    namespace.use(this.sessions.middleware());
  }

  handleConnection(socket: MediaSocket) {
    try {
      const session = this.sessions.sessionOf(socket);
      const { principal, conferenceId } = session;
      // A proxy routes media sockets by the conference their URL names (docker/nginx.conf): one that
      // names another conference than its token could land away from its conference's room.
      const routedFor = socket.handshake.query.conference;
      if (routedFor !== undefined && routedFor !== conferenceId) {
        socket.emit('media.error', {
          code: MediaErrorCode.Invalid,
          message: 'This media connection names another conference in its address than the one it signs in to.',
        });
        socket.disconnect(true);
        return;
      }
      socket.data = { conferenceId, lastLinkReport: 0, ...mediaRights(principal, conferenceId) };
      this.sessions.track(socket, 'media', session, (code, message) => {
        socket.emit('media.error', { code, message });
        socket.disconnect(true);
      }, this.config.mediaSocketsPerPoint);
      this.register(socket);
      this.common(socket);
      if (this.engine.name === 'werift') this.sdpDialect(socket, this.engine);
      else this.sfuDialect(socket, this.engine);
    } catch (e) {
      socket.emit('media.error', this.handshakeError(e));
      socket.disconnect(true);
    }
  }

  /** A refused handshake in the media dialect: rights problems are MEDIA_FORBIDDEN; ended sessions keep their code. */
  private handshakeError(e: unknown): MediaError {
    if (e instanceof DomainError && e.status === 403) return { code: MediaErrorCode.Forbidden, message: e.message };
    if (e instanceof DomainError && e.status === 400) return { code: MediaErrorCode.Invalid, message: e.message };
    return this.toError(e);
  }

  async handleDisconnect(socket: MediaSocket) {
    const conferenceId = socket.data?.conferenceId;
    if (!conferenceId) return;
    const mine = this.sockets.get(conferenceId);
    mine?.delete(socket.id);
    if (mine?.size === 0) {
      this.sockets.delete(conferenceId);
      this.floors.delete(conferenceId);
      this.monitor.forget(conferenceId);
    }
    await this.leave(socket);
  }

  // --- LiveSink: the floor, read from Postgres when moderation changes --------------------------------

  *watched(): Iterable<[LiveTopic, string]> {
    for (const conferenceId of this.sockets.keys()) yield ['moderation', conferenceId];
  }

  async flush(topic: LiveTopic, conferenceId: string) {
    if (topic !== 'moderation' || !this.sockets.has(conferenceId)) return;
    const before = this.floors.get(conferenceId);
    const now = (await this.speak.floor(conferenceId)).pointId;
    if (!this.sockets.has(conferenceId) || before === now) return;
    this.floors.set(conferenceId, now);
    // The point given the floor is heard: a mute from the host site ends with the grant.
    if (now !== null && this.board.isHostMuted(conferenceId, now)) {
      await this.board.setHostMuted(conferenceId, now, false);
      this.sendUplink(conferenceId, this.board.state(conferenceId, now));
    }
    if (before === undefined) return;
    // Points stop receiving the previous holder's uplink; the control room keeps watching it.
    if (before !== null) {
      for (const s of this.sockets.get(conferenceId)!.values()) {
        if (!s.data.watchesUplinks) await this.engine.unsubscribe(conferenceId, s.id, pointSource(before));
      }
    }
    this.server.local.to(everyone(conferenceId)).emit('media.floor', { pointId: now });
    // Points learn of an uplink only while it holds the floor: tell them it is already sending.
    if (now !== null && this.engine.isLive(conferenceId, pointSource(now))) {
      this.server.local.to(everyone(conferenceId)).emit('media.published', { source: pointSource(now) });
    }
  }

  // --- MonitorSink: uplink states and the floor holder's presence ---------------------------------------

  conferences(): Iterable<string> {
    return this.sockets.keys();
  }

  floorOf(conferenceId: string): string | null | undefined {
    return this.floors.get(conferenceId);
  }

  connected(conferenceId: string, pointId: string): boolean {
    for (const s of this.sockets.get(conferenceId)?.values() ?? []) if (s.data.pointId === pointId) return true;
    return false;
  }

  sendUplink(conferenceId: string, state: MediaUplinkState) {
    this.server.local.to([controlRoom(conferenceId), pointRoom(conferenceId, state.pointId)]).emit('media.uplink', state);
  }

  private async floor(conferenceId: string): Promise<string | null> {
    if (!this.floors.has(conferenceId)) this.floors.set(conferenceId, (await this.speak.floor(conferenceId)).pointId);
    return this.floors.get(conferenceId) ?? null;
  }

  // --- events -----------------------------------------------------------------------------------------

  private register(socket: MediaSocket) {
    const { conferenceId } = socket.data;
    let mine = this.sockets.get(conferenceId);
    if (!mine) this.sockets.set(conferenceId, (mine = new Map()));
    mine.set(socket.id, socket);
  }

  private common(socket: MediaSocket) {
    const { conferenceId } = socket.data;
    this.handle(socket, 'media.join', async (payload) => {
      fields(payload, []);
      await socket.join(everyone(conferenceId));
      if (socket.data.watchesUplinks) await socket.join(controlRoom(conferenceId));
      const ownPoint = socket.data.pointId;
      if (ownPoint) await socket.join(pointRoom(conferenceId, ownPoint));
      const floorPointId = await this.floor(conferenceId);
      const live = this.engine.liveSources(conferenceId).filter((s) => mayReceive(socket.data, s, floorPointId));
      const uplinks = socket.data.watchesUplinks ? this.board.all(conferenceId) : ownPoint ? [this.board.state(conferenceId, ownPoint)] : [];
      return {
        engine: this.engine.name,
        uplinks,
        publishes: socket.data.publishes,
        live,
        floorPointId,
        ...(this.engine.name === 'mediasoup' ? { routerRtpCapabilities: await this.engine.routerRtpCapabilities(conferenceId) } : {}),
      };
    });
    this.handle(socket, 'media.unpublish', async (payload) => {
      const source = sourceOf(fields(payload, ['source']));
      if (await this.engine.unpublish(conferenceId, socket.id, source)) this.unpublished(conferenceId, source);
      return null;
    });
    this.handle(socket, 'media.unsubscribe', async (payload) => {
      await this.engine.unsubscribe(conferenceId, socket.id, sourceOf(fields(payload, ['source'])));
      return null;
    });
    this.handle(socket, 'media.link', async (payload) => {
      const report = linkReportOf(payload);
      if (!report) throw new Refusal(MediaErrorCode.Invalid, 'Send {recvKbps, sendKbps, lossPercent, rttMs} as numbers (rttMs may be null).');
      const pointId = socket.data.pointId;
      if (!pointId) throw new Refusal(MediaErrorCode.Forbidden, 'Only bridge points report their links.');
      const now = Date.now();
      if (now - socket.data.lastLinkReport >= LINK_REPORT_MIN_GAP_MS) {
        socket.data.lastLinkReport = now;
        await this.links.report(conferenceId, pointId, report);
      }
      return null;
    });
    this.handle(socket, 'media.leave', async (payload) => {
      fields(payload, []);
      await this.leave(socket);
      return null;
    });
    this.controls(socket);
  }

  /** The operator's own switches; the host site's mutes. */
  private controls(socket: MediaSocket) {
    const { conferenceId } = socket.data;
    this.handle(socket, 'media.devices', async (payload) => {
      const report = devicesOf(payload);
      const pointId = socket.data.pointId;
      if (!pointId) throw new Refusal(MediaErrorCode.Forbidden, 'Only bridge points report their camera and microphone.');
      this.board.setDevices(conferenceId, pointId, report);
      return null;
    });
    this.handle(socket, 'media.mute', async (payload) => {
      const { pointId, muted } = muteOf(payload);
      this.mayControl(socket);
      await this.board.setHostMuted(conferenceId, pointId, muted);
      const state = this.board.state(conferenceId, pointId);
      this.sendUplink(conferenceId, state);
      return state;
    });
    this.handle(socket, 'media.muteOthers', async (payload) => {
      fields(payload, []);
      this.mayControl(socket);
      const floorPointId = await this.floor(conferenceId);
      const others = this.board.known(conferenceId).filter((p) => p !== floorPointId && !this.board.isHostMuted(conferenceId, p));
      for (const pointId of others) {
        await this.board.setHostMuted(conferenceId, pointId, true);
        this.sendUplink(conferenceId, this.board.state(conferenceId, pointId));
      }
      return { muted: others.length };
    });
  }

  /** The control room hears of every viewer refused for capacity (at most once a second per conference). */
  private refusedFull(conferenceId: string) {
    const now = Date.now();
    const last = this.fullNotices.get(conferenceId) ?? { count: 0, at: 0 };
    last.count++;
    this.fullNotices.set(conferenceId, last);
    if (now - last.at < 1000) return;
    last.at = now;
    this.server.local.to(controlRoom(conferenceId)).emit('media.full', { refused: last.count, at: new Date(now).toISOString() });
  }

  private mayControl(socket: MediaSocket) {
    if (!socket.data.controls) throw new Refusal(MediaErrorCode.Forbidden, 'Only moderators and organizers mute points.');
  }

  private sdpDialect(socket: MediaSocket, engine: Extract<MediaEngine, { name: 'werift' }>) {
    const { conferenceId } = socket.data;
    this.handle(socket, 'media.publish', async (payload) => {
      const p = fields(payload, ['source', 'sdp']);
      const source = this.publishable(socket, sourceOf(p, PRESENTER_SOURCE));
      const answer = await engine.publish(conferenceId, socket.id, source, sdpOf(p));
      await this.published(socket, source);
      return { sdp: answer };
    });
    this.handle(socket, 'media.subscribe', async (payload) => {
      const p = fields(payload, ['source', 'kinds']);
      const source = await this.receivable(socket, sourceOf(p, PRESENTER_SOURCE));
      try {
        return { sdp: await engine.subscribe(conferenceId, socket.id, source, kindsOf(p), { priority: socket.data.watchesUplinks }) };
      } catch (e) {
        if (e instanceof MediaEngineError && e.code === MediaErrorCode.Full) this.refusedFull(conferenceId);
        throw e;
      }
    });
    this.handle(socket, 'media.answer', async (payload) => {
      const p = fields(payload, ['source', 'sdp']);
      await engine.answer(conferenceId, socket.id, sourceOf(p, PRESENTER_SOURCE), sdpOf(p));
      return null;
    });
    for (const event of ['media.transport', 'media.connect', 'media.restartIce', 'media.produce', 'media.consume', 'media.resume', 'media.layers'] as const) {
      this.handle(socket, event, async () => {
        throw new Refusal(MediaErrorCode.WrongEngine, 'This server runs the werift engine: use media.publish / media.subscribe.');
      });
    }
  }

  private sfuDialect(socket: MediaSocket, engine: SfuMediaEngine) {
    const { conferenceId } = socket.data;
    this.handle(socket, 'media.transport', async (payload) => {
      const direction = fields(payload, ['direction']).direction;
      if (direction !== 'send' && direction !== 'recv') throw new Refusal(MediaErrorCode.Invalid, 'direction must be "send" or "recv".');
      if (direction === 'send' && socket.data.publishes.length === 0) throw new Refusal(MediaErrorCode.Forbidden, 'You have nothing to send.');
      try {
        return await engine.createTransport(conferenceId, socket.id, direction);
      } catch (e) {
        if (e instanceof MediaEngineError && e.code === MediaErrorCode.Full) this.refusedFull(conferenceId);
        throw e;
      }
    });
    this.handle(socket, 'media.connect', async (payload) => {
      const p = fields(payload, ['transportId', 'dtlsParameters']);
      await engine.connectTransport(conferenceId, socket.id, idOf(p, 'transportId'), parametersOf(p, 'dtlsParameters'));
      return null;
    });
    this.handle(socket, 'media.restartIce', async (payload) => {
      const p = fields(payload, ['transportId']);
      return { iceParameters: await engine.restartIce(conferenceId, socket.id, idOf(p, 'transportId')) };
    });
    this.handle(socket, 'media.produce', async (payload) => {
      const p = fields(payload, ['transportId', 'source', 'kind', 'rtpParameters']);
      const source = this.publishable(socket, sourceOf(p));
      if (!KINDS.includes(p.kind as MediaKind)) throw new Refusal(MediaErrorCode.Invalid, 'kind must be "audio" or "video".');
      const producerId = await engine.produce(conferenceId, socket.id, idOf(p, 'transportId'), source, p.kind as MediaKind, parametersOf(p, 'rtpParameters'));
      await this.published(socket, source);
      return { producerId };
    });
    this.handle(socket, 'media.consume', async (payload) => {
      const p = fields(payload, ['source', 'kinds', 'rtpCapabilities']);
      const source = await this.receivable(socket, sourceOf(p));
      return { consumers: await engine.consume(conferenceId, socket.id, source, kindsOf(p), parametersOf(p, 'rtpCapabilities')) };
    });
    this.handle(socket, 'media.resume', async (payload) => {
      await engine.resume(conferenceId, socket.id, idOf(fields(payload, ['consumerId']), 'consumerId'));
      return null;
    });
    this.handle(socket, 'media.layers', async (payload) => {
      const p = fields(payload, ['consumerId', 'spatialLayer']);
      const layer = p.spatialLayer;
      if (typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0 || layer > 2) {
        throw new Refusal(MediaErrorCode.Invalid, 'spatialLayer must be 0, 1 or 2.');
      }
      await engine.setPreferredLayer(conferenceId, socket.id, idOf(p, 'consumerId'), layer);
      return null;
    });
    for (const event of ['media.publish', 'media.subscribe', 'media.answer'] as const) {
      this.handle(socket, event, async () => {
        throw new Refusal(MediaErrorCode.WrongEngine, 'This server runs mediasoup: use a mediasoup-client transport.');
      });
    }
  }

  private publishable(socket: MediaSocket, source: MediaSource): MediaSource {
    if (!socket.data.publishes.includes(source)) {
      throw new Refusal(
        MediaErrorCode.Forbidden,
        source === PRESENTER_SOURCE ? 'Only presenters and organizers broadcast.' : 'A point sends only its own camera.',
      );
    }
    return source;
  }

  private async receivable(socket: MediaSocket, source: MediaSource): Promise<MediaSource> {
    if (!mayReceive(socket.data, source, await this.floor(socket.data.conferenceId))) {
      throw new Refusal(
        MediaErrorCode.Forbidden,
        source === PRESENTER_SOURCE ? 'Presenters see their own preview, not the broadcast.' : 'Points see another point only while it holds the floor.',
      );
    }
    return source;
  }

  /** Tells those who may receive the source that it started; the host site's mute holds for it. */
  private async published(socket: MediaSocket, source: MediaSource) {
    const { conferenceId } = socket.data;
    // A pre-flight test is announced to nobody: the page that sends it receives it back itself.
    if (preflightPointId(source) !== null) return;
    const pointId = sourcePointId(source);
    if (pointId !== null) await this.board.published(conferenceId, pointId);
    const audience = pointId === null || pointId === (await this.floor(conferenceId)) ? everyone(conferenceId) : controlRoom(conferenceId);
    socket.broadcast.local.to(audience).emit('media.published', { source });
  }

  private unpublished(conferenceId: string, source: MediaSource) {
    const tested = preflightPointId(source);
    this.server.local.to(tested === null ? everyone(conferenceId) : pointRoom(conferenceId, tested)).emit('media.unpublished', { source });
  }

  private async leave(socket: MediaSocket) {
    const conferenceId = socket.data?.conferenceId;
    if (!conferenceId) return;
    for (const source of await this.engine.leave(conferenceId, socket.id)) this.unpublished(conferenceId, source);
  }

  private handle<E extends keyof MediaClientEvents, T>(socket: MediaSocket, event: E, run: (payload: unknown) => Promise<T>) {
    const listener = async (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: MediaAck<T>) => void) : null;
      try {
        ack?.({ ok: true, data: await run(args[0]) });
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
    const unavailable = asUnavailable(e);
    if (unavailable) return { code: unavailable.code, message: unavailable.message };
    this.logger.error((e as Error).stack ?? String(e));
    return { code: MediaErrorCode.Failed, message: 'The media server could not do this.' };
  }
}
