import { availableParallelism } from 'node:os';
import { Logger } from '@nestjs/common';
import {
  MediaErrorCode,
  PRESENTER_SOURCE,
  type MediaConsumerOptions,
  type MediaKind,
  type MediaSource,
  type MediaStats,
  type MediaTransportOptions,
} from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import type { MediaConfig } from '../../config/app-config';
import { MediaEngineError, type AudioReading, type ForwardPorts, type PeersLostListener, type RtpForward, type SfuMediaEngine, type SourceEndedListener } from '../media-engine';
import { ROUTER_RTP_CAPABILITIES, spatialLayers } from './codecs';
import { roomCounts, workerDumps, workerLoads } from './diagnostics';
import { EngineEvents, type DominantSpeakerListener } from './engine-events';
import { consumable, consumerOf, transportOf, webRtcTransportOf } from './lookups';
import { plainConnectParameters, plainTransportInfo, plainTransportOptions, type PlainRemote, type PlainTransportInfo } from './plain-transport';
import { Placement, type WorkerCounts } from './placement';
import { AudioLevels } from './audio-levels';
import { audioReadingOf, pauseSourceAudio } from './producer-control';
import { forwardSource } from './rtp-forward';
import { Room, type ConsumerEntry, type Peer, type RouterEntry, type Source, type TransportEntry } from './room';
import { ConferenceRouters } from './routers';
import { WorkerPool, type WorkerSlot } from './worker-pool';

export type { PlainRemote, PlainTransportInfo } from './plain-transport';

export type { DominantSpeakerListener } from './engine-events';

const KINDS: readonly MediaKind[] = ['audio', 'video'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * mediasoup: a pool of workers, one router per conference per worker in use. A source's producers live
 * where its publisher's send transport is; a subscriber's recv transport goes to the least-loaded worker
 * and the producers it consumes are piped there once per producer × router.
 */
export class MediasoupEngine implements SfuMediaEngine {
  readonly name = 'mediasoup' as const;
  private readonly logger = new Logger(MediasoupEngine.name);
  private readonly rooms = new Map<string, Room>();
  private readonly placement: Placement;
  private readonly routers: ConferenceRouters;
  private readonly events = new EngineEvents();
  private readonly levels = new AudioLevels();
  private pool!: WorkerPool;

  private constructor(
    readonly workers: number,
    budget: number,
  ) {
    this.placement = new Placement(workers, budget);
    this.routers = new ConferenceRouters(this.placement, (conferenceId, source) => {
      this.events.speaker(conferenceId, source);
    });
  }

  /** Starts the workers (`config.workers`, default one per core), each with its WebRtcServer. */
  static async create(config: MediaConfig, workerBin: string): Promise<MediasoupEngine> {
    const engine = new MediasoupEngine(config.workers ?? availableParallelism(), config.workerBudget);
    engine.pool = await WorkerPool.start(config, workerBin, engine.workers, {
      died: (index, worker, reason) => engine.workerDied(index, worker, reason),
      replaced: (slot) => engine.placement.setUp(slot.index, true),
    });
    return engine;
  }

  onSourceEnded(listener: SourceEndedListener) {
    this.events.onSourceEnded(listener);
  }

  onPeersLost(listener: PeersLostListener) {
    this.events.onPeersLost(listener);
  }

  onDominantSpeaker(listener: DominantSpeakerListener) {
    this.events.onDominantSpeaker(listener);
  }

  conferences(): string[] {
    return [...this.rooms.keys()];
  }

  /** A source's media over plain transports to local ports (a recorder): `rtp-forward.ts`. */
  forward(conferenceId: string, source: MediaSource, ports: ForwardPorts): Promise<RtpForward | null> {
    return forwardSource(this, conferenceId, source, ports);
  }

  holdsConsumer(conferenceId: string, peerId: string, consumerId: string): boolean {
    return !!this.rooms.get(conferenceId)?.peers.get(peerId)?.consumers.has(consumerId);
  }

  liveSources(conferenceId: string): MediaSource[] {
    return this.rooms.get(conferenceId)?.liveSources() ?? [];
  }

  isLive(conferenceId: string, source: MediaSource): boolean {
    return (this.rooms.get(conferenceId)?.sources.get(source)?.producers.size ?? 0) > 0;
  }

  async routerRtpCapabilities(_conferenceId: string): Promise<unknown> {
    return structuredClone(ROUTER_RTP_CAPABILITIES);
  }

  /** Opens the peer's transport of that direction (replacing an earlier one) on the least-loaded worker. */
  async createTransport(conferenceId: string, peerId: string, direction: 'send' | 'recv'): Promise<MediaTransportOptions> {
    const transport = await this.openTransport(conferenceId, peerId, direction, async (at, { server }) => {
      const t = await at.router.createWebRtcTransport({
        webRtcServer: server,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        appData: { conferenceId, peerId, direction },
      });
      t.on('dtlsstatechange', (state) => {
        if (state === 'failed' || state === 'closed') t.close();
      });
      return t;
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  /**
   * For load tools and integration tests only (never reachable over `/media`): the peer's transport of that
   * direction as a plain RTP transport, placed like `createTransport`'s. How to use it: `plain-transport.ts`.
   */
  async openPlainTransport(
    conferenceId: string,
    peerId: string,
    direction: 'send' | 'recv',
    options: { ip: string; srtp?: boolean },
  ): Promise<PlainTransportInfo> {
    const params = plainTransportOptions(conferenceId, peerId, direction, options);
    return plainTransportInfo(await this.openTransport(conferenceId, peerId, direction, (at) => at.router.createPlainTransport(params)));
  }

  /** For load tools and integration tests only: where a plain transport sends, or its SRTP key (`plain-transport.ts`). */
  async connectPlainTransport(conferenceId: string, peerId: string, transportId: string, remote: PlainRemote): Promise<void> {
    const { direction, transport } = this.transportOf(conferenceId, peerId, transportId);
    if (transport.type !== 'plain') throw new MediaEngineError(MediaErrorCode.Invalid, 'This is a WebRTC transport; connect it with its dtlsParameters.');
    const params = plainConnectParameters(direction, transport, remote);
    try {
      await transport.connect(params);
    } catch (e) {
      throw this.failed(e, 'Could not connect the plain transport.');
    }
  }

  async connectTransport(conferenceId: string, peerId: string, transportId: string, dtlsParameters: unknown): Promise<void> {
    const transport = this.webRtcTransportOf(conferenceId, peerId, transportId);
    if (!isObject(dtlsParameters) || !Array.isArray(dtlsParameters['fingerprints'])) {
      throw new MediaEngineError(MediaErrorCode.Invalid, 'Send the transport’s dtlsParameters.');
    }
    try {
      await transport.connect({ dtlsParameters: dtlsParameters as unknown as types.DtlsParameters });
    } catch (e) {
      throw this.failed(e, 'Could not connect the media transport.');
    }
  }

  async restartIce(conferenceId: string, peerId: string, transportId: string): Promise<unknown> {
    const transport = this.webRtcTransportOf(conferenceId, peerId, transportId);
    try {
      return await transport.restartIce();
    } catch (e) {
      throw this.failed(e, 'Could not restart the media connection.');
    }
  }

  async produce(
    conferenceId: string,
    peerId: string,
    transportId: string,
    source: MediaSource,
    kind: MediaKind,
    rtpParameters: unknown,
  ): Promise<string> {
    const entry = this.transportOf(conferenceId, peerId, transportId);
    const room = this.rooms.get(conferenceId)!;
    if (entry.direction !== 'send') throw new MediaEngineError(MediaErrorCode.Invalid, 'Publish on a send transport.');
    if (!KINDS.includes(kind)) throw new MediaEngineError(MediaErrorCode.Invalid, 'kind must be "audio" or "video".');
    if (!isObject(rtpParameters)) throw new MediaEngineError(MediaErrorCode.Invalid, 'Send the track’s rtpParameters.');

    let src = room.sources.get(source);
    if (src && src.peerId !== peerId) {
      throw new MediaEngineError(MediaErrorCode.PublisherExists, 'Someone else is already publishing this source.');
    }
    if (src && (src.producers.has(kind) || src.at !== entry.at)) {
      throw new MediaEngineError(MediaErrorCode.Invalid, `This source already has ${kind}; unpublish it first.`);
    }
    if (!src) {
      src = { name: source, peerId, producers: new Map(), at: entry.at, pending: 0 };
      room.sources.set(source, src);
    }
    const mine = src;
    mine.pending++;
    let producer: types.Producer;
    try {
      producer = await entry.transport.produce({
        kind,
        rtpParameters: rtpParameters as unknown as types.RtpParameters,
        appData: { conferenceId, source },
      });
    } catch (e) {
      mine.pending--;
      this.dropIfUnused(room, mine);
      throw this.failed(e, 'The media server did not accept this track.', MediaErrorCode.Invalid);
    }
    mine.pending--;
    if (room.sources.get(source) !== mine || mine.producers.has(kind) || producer.closed) {
      producer.close();
      this.dropIfUnused(room, mine);
      throw new MediaEngineError(MediaErrorCode.NotLive, 'The publication was stopped while it started.');
    }
    const at = entry.at;
    mine.producers.set(kind, producer);
    this.placement.add(at.index, 'producers');
    this.routers.produced(producer, at, conferenceId);
    if (kind === 'audio') void this.levels.watch(at, producer);
    producer.observer.once('close', () => this.producerClosed(room, mine, kind, producer));
    return producer.id;
  }

  async consume(
    conferenceId: string,
    peerId: string,
    source: MediaSource,
    kinds: MediaKind[],
    rtpCapabilities: unknown,
  ): Promise<MediaConsumerOptions[]> {
    const { room, src, peer, recv, caps, producers } = consumable(this.rooms.get(conferenceId), peerId, source, kinds, rtpCapabilities);
    await this.unsubscribe(conferenceId, peerId, source);
    const call = Symbol(source);
    peer.consuming.set(source, call);
    peer.busy++;
    const opened: ConsumerEntry[] = [];
    try {
      for (const producer of producers) {
        if (recv.at !== src.at) await this.routers.bring(producer.id, recv.at);
        if (peer.recv !== recv || peer.gone) throw new MediaEngineError(MediaErrorCode.NotJoined, 'The receive transport closed.');
        if (!this.canConsume(recv.at, producer.id, caps)) continue;
        const layers = producer.kind === 'video' ? spatialLayers(producer.rtpParameters) : 1;
        const consumer = await recv.transport.consume({
          producerId: producer.id,
          rtpCapabilities: caps,
          paused: true,
          ...(layers > 1 ? { preferredLayers: { spatialLayer: source === PRESENTER_SOURCE ? layers - 1 : 0 } } : {}),
          appData: { conferenceId, peerId, source },
        });
        const entry: ConsumerEntry = { consumer, source, at: recv.at, layers };
        opened.push(entry);
        if (peer.consuming.get(source) !== call) throw new MediaEngineError(MediaErrorCode.Invalid, 'A newer subscription to this source replaced this one.');
        if (consumer.closed) continue;
        peer.consumers.set(consumer.id, entry);
        this.placement.add(recv.at.index, 'consumers');
        consumer.observer.once('close', () => this.consumerClosed(room, peer, entry));
      }
    } catch (e) {
      for (const c of opened) c.consumer.close();
      throw room.sources.get(source) === src ? this.failed(e, 'Could not open the subscription.') : this.notLive();
    } finally {
      if (peer.consuming.get(source) === call) peer.consuming.delete(source);
      peer.busy--;
      room.release(peer);
    }
    const live = opened.filter((c) => !c.consumer.closed);
    if (live.length === 0) {
      throw new MediaEngineError(MediaErrorCode.Invalid, 'This browser cannot receive the codecs this source is sent with.');
    }
    return live.map(({ consumer }) => ({
      id: consumer.id,
      producerId: consumer.producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
    }));
  }

  async resume(conferenceId: string, peerId: string, consumerId: string): Promise<void> {
    const { consumer } = this.consumerOf(conferenceId, peerId, consumerId);
    try {
      await consumer.resume();
    } catch (e) {
      throw this.failed(e, 'Could not start the stream.');
    }
  }

  async setPreferredLayer(conferenceId: string, peerId: string, consumerId: string, spatialLayer: number): Promise<void> {
    const entry = this.consumerOf(conferenceId, peerId, consumerId);
    if (!Number.isInteger(spatialLayer) || spatialLayer < 0) {
      throw new MediaEngineError(MediaErrorCode.Invalid, 'spatialLayer must be a whole number, 0 for the lowest.');
    }
    if (entry.consumer.kind !== 'video' || entry.layers < 2) return;
    try {
      await entry.consumer.setPreferredLayers({ spatialLayer: Math.min(spatialLayer, entry.layers - 1) });
    } catch (e) {
      throw this.failed(e, 'Could not change the stream’s quality.');
    }
  }

  async unpublish(conferenceId: string, peerId: string, source: MediaSource): Promise<boolean> {
    const room = this.rooms.get(conferenceId);
    const src = room?.sources.get(source);
    if (!room || !src || src.peerId !== peerId) return false;
    room.sources.delete(source);
    for (const producer of [...src.producers.values()]) producer.close();
    this.tidy(room);
    return true;
  }

  async pauseAudio(conferenceId: string, source: MediaSource, paused: boolean): Promise<void> {
    try {
      await pauseSourceAudio(this.rooms.get(conferenceId)?.sources.get(source), paused);
    } catch (e) {
      throw this.failed(e, paused ? 'Could not mute this source.' : 'Could not unmute this source.');
    }
  }

  audioOf(conferenceId: string, source: MediaSource): AudioReading {
    return audioReadingOf(this.rooms.get(conferenceId)?.sources.get(source), this.levels);
  }

  async unsubscribe(conferenceId: string, peerId: string, source: MediaSource): Promise<void> {
    const peer = this.rooms.get(conferenceId)?.peers.get(peerId);
    for (const entry of [...(peer?.consumers.values() ?? [])]) {
      if (entry.source === source) entry.consumer.close();
    }
  }

  async leave(conferenceId: string, peerId: string): Promise<MediaSource[]> {
    const room = this.rooms.get(conferenceId);
    if (!room) return [];
    const published = room.dropPeer(peerId);
    this.tidy(room);
    return published;
  }

  stats(): MediaStats {
    return { engine: this.name, workers: this.pool.alive, ...roomCounts(this.rooms.values()) };
  }

  /** Each worker's process, weighted load and counts (see `diagnostics.ts`). */
  workerLoads(): ({ index: number; pid: number | null; load: number } & WorkerCounts)[] {
    return workerLoads(this.placement, this.pool);
  }

  /** What the workers themselves hold (leak checks). */
  workerDumps(): Promise<{ index: number; routers: number; webRtcTransports: number }[]> {
    return workerDumps(this.pool);
  }

  async close() {
    this.rooms.clear();
    this.routers.clear();
    this.levels.clear();
    this.pool.close();
  }

  /**
   * Places a new transport of the peer (least-loaded worker, preferring one the conference uses), opens
   * it with `create` on the conference's router there and makes it the peer's transport of that direction,
   * closing the one it replaces. Counts it until it closes.
   */
  private async openTransport<T extends TransportEntry['transport']>(
    conferenceId: string,
    peerId: string,
    direction: 'send' | 'recv',
    create: (at: RouterEntry, slot: WorkerSlot) => Promise<T>,
  ): Promise<T> {
    if (direction !== 'send' && direction !== 'recv') throw new MediaEngineError(MediaErrorCode.Invalid, 'direction must be "send" or "recv".');
    const room = this.room(conferenceId);
    const peer = room.peer(peerId);
    let slot: WorkerSlot | null = null;
    try {
      const index = this.placement.choose(new Set(room.routers.keys()));
      slot = this.pool.slot(index);
      if (!slot) throw new MediaEngineError(MediaErrorCode.Failed, 'A media worker is restarting; try again.');
    } catch (e) {
      room.release(peer);
      this.tidy(room);
      throw e;
    }
    const { index, worker } = slot;
    this.placement.add(index, 'transports');
    room.use(index, 1);
    peer.busy++;
    let transport: T;
    let entry: TransportEntry;
    try {
      const at = await this.routers.on(room, slot);
      transport = await create(at, slot);
      entry = { direction, transport, at };
      if (transport.closed) throw new Error('the worker closed the transport');
    } catch (e) {
      if (!worker.closed) {
        this.placement.remove(index, 'transports');
        room.use(index, -1);
      }
      peer.busy--;
      room.release(peer);
      this.tidy(room);
      throw this.failed(e, 'Could not open a media connection.');
    }
    peer.busy--;
    const previous = peer[direction];
    peer[direction] = entry;
    const opened: types.Transport = transport;
    opened.observer.once('close', () => this.transportClosed(room, peer, entry));
    if (peer.gone) {
      transport.close();
      throw new MediaEngineError(MediaErrorCode.NotJoined, 'You left the conference’s media; join again.');
    }
    previous?.transport.close();
    return transport;
  }

  private room(conferenceId: string): Room {
    let room = this.rooms.get(conferenceId);
    if (!room) {
      room = new Room(conferenceId);
      this.rooms.set(conferenceId, room);
    }
    return room;
  }

  private canConsume(at: RouterEntry, producerId: string, rtpCapabilities: types.RtpCapabilities): boolean {
    try {
      return at.router.canConsume({ producerId, rtpCapabilities });
    } catch (e) {
      throw new MediaEngineError(MediaErrorCode.Invalid, `These rtpCapabilities are not valid: ${(e as Error).message}`);
    }
  }

  private transportClosed(room: Room, peer: Peer, entry: TransportEntry) {
    if (entry.at.worker.closed) return; // the worker died or the engine closes: handled there
    if (peer[entry.direction] === entry) peer[entry.direction] = null;
    this.placement.remove(entry.at.index, 'transports');
    room.use(entry.at.index, -1);
    room.release(peer);
    this.tidy(room);
  }

  private producerClosed(room: Room, src: Source, kind: MediaKind, producer: types.Producer) {
    if (src.at.worker.closed) return;
    this.routers.forgetProducer(producer.id);
    this.placement.remove(src.at.index, 'producers');
    if (src.producers.get(kind) === producer) src.producers.delete(kind);
    if (src.producers.size === 0 && src.pending === 0 && room.sources.get(src.name) === src) {
      room.sources.delete(src.name);
      this.events.ended(room.id, src.name);
    }
    this.tidy(room);
  }

  private consumerClosed(room: Room, peer: Peer, entry: ConsumerEntry) {
    if (entry.at.worker.closed) return;
    this.placement.remove(entry.at.index, 'consumers');
    if (peer.consumers.get(entry.consumer.id) === entry) peer.consumers.delete(entry.consumer.id);
    room.release(peer);
  }

  private dropIfUnused(room: Room, src: Source) {
    if (src.producers.size === 0 && src.pending === 0 && room.sources.get(src.name) === src) room.sources.delete(src.name);
    this.tidy(room);
  }

  /** Closes the routers no transport uses, and forgets an empty room. */
  private tidy(room: Room) {
    this.routers.closeIdle(room);
    if (room.empty && this.rooms.get(room.id) === room) this.rooms.delete(room.id);
  }

  /**
   * mediasoup has already closed what the worker held, without our handlers (its worker is closed). Forget
   * it all here, end the sources that were there, and drop the peers that had a transport there.
   */
  private workerDied(index: number, dead: types.Worker, reason: string) {
    this.placement.reset(index);
    this.placement.setUp(index, false);
    this.routers.forgetWorker(dead);
    for (const room of [...this.rooms.values()]) {
      const { sources, peers } = room.forgetWorker(index, dead);
      for (const s of sources) for (const p of s.producers.values()) this.routers.forgetProducer(p.id);
      const ended = sources.filter((s) => s.producers.size > 0).map((s) => s.name);
      // They must join again: what they still hold on other workers goes too.
      for (const id of peers) ended.push(...room.dropPeer(id));
      this.tidy(room);
      for (const source of ended) this.events.ended(room.id, source);
      if (peers.length > 0) this.events.lost(room.id, peers, reason);
    }
  }

  private transportOf(conferenceId: string, peerId: string, transportId: string): TransportEntry {
    return transportOf(this.rooms.get(conferenceId), peerId, transportId);
  }

  private webRtcTransportOf(conferenceId: string, peerId: string, transportId: string): types.WebRtcTransport {
    return webRtcTransportOf(this.rooms.get(conferenceId), peerId, transportId);
  }

  private consumerOf(conferenceId: string, peerId: string, consumerId: string): ConsumerEntry {
    return consumerOf(this.rooms.get(conferenceId), peerId, consumerId);
  }

  private notLive() {
    return new MediaEngineError(MediaErrorCode.NotLive, 'This source stopped.');
  }

  private failed(e: unknown, message: string, code: string = MediaErrorCode.Failed) {
    if (e instanceof MediaEngineError) return e;
    this.logger.warn(`${message} ${(e as Error)?.message ?? String(e)}`);
    return new MediaEngineError(code, message);
  }
}
