import { Logger } from '@nestjs/common';
import { MediaErrorCode, type MediaSource } from '@bridgepoint/contracts';
import type { types } from 'mediasoup';
import { MediaEngineError } from '../media-engine';
import { MEDIA_CODECS } from './codecs';
import { PipeCache } from './pipe-cache';
import type { Placement } from './placement';
import type { Room, RouterEntry } from './room';
import type { WorkerSlot } from './worker-pool';

export type SpeakerHook = (conferenceId: string, source: MediaSource) => void;

/**
 * The conferences' routers on the workers, the pipes that carry a producer from its router to another
 * worker's, the load the pipes put on their workers, and the loudest source per router.
 */
export class ConferenceRouters {
  private readonly logger = new Logger('MediasoupRouters');
  private readonly byId = new Map<string, RouterEntry>();
  /** Where each producer (not a piped copy) lives. */
  private readonly origins = new Map<string, RouterEntry>();
  private readonly pipes = new PipeCache<types.Producer>((producerId, routerId) => this.pipeInto(producerId, routerId));

  constructor(
    private readonly placement: Placement,
    private readonly onSpeaker: SpeakerHook,
  ) {}

  /** The room's router on this worker, created once even when asked concurrently. */
  on(room: Room, slot: WorkerSlot): Promise<RouterEntry> {
    const existing = room.routers.get(slot.index);
    if (existing) return existing;
    const opening = this.open(room, slot);
    room.routers.set(slot.index, opening);
    opening.catch(() => {
      if (room.routers.get(slot.index) === opening) room.routers.delete(slot.index);
    });
    return opening;
  }

  /** Makes a producer consumable on `target`: piped there once, unless it lives there. */
  async bring(producerId: string, target: RouterEntry): Promise<void> {
    if (this.origins.get(producerId) === target) return;
    await this.pipes.pipe(producerId, target.router.id);
  }

  produced(producer: types.Producer, at: RouterEntry, conferenceId: string) {
    this.origins.set(producer.id, at);
    if (producer.kind === 'audio') void this.watchSpeaker(conferenceId, at, producer);
  }

  forgetProducer(producerId: string) {
    this.origins.delete(producerId);
    this.pipes.producerClosed(producerId);
  }

  /** Closes the room's routers that no peer's transport uses (their pipes go with them). */
  closeIdle(room: Room) {
    for (const [index, at] of [...room.ready]) {
      if (!room.users.has(index) && !at.worker.closed) at.router.close();
    }
  }

  /** Forgets the routers of a worker that died (mediasoup closed them without our handlers knowing why). */
  forgetWorker(dead: types.Worker) {
    for (const at of [...this.byId.values()]) {
      if (at.worker !== dead) continue;
      this.byId.delete(at.router.id);
      this.pipes.routerClosed(at.router.id);
    }
  }

  clear() {
    this.byId.clear();
    this.origins.clear();
  }

  private async open(room: Room, { index, worker }: WorkerSlot): Promise<RouterEntry> {
    const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS, appData: { conferenceId: room.id } });
    const at: RouterEntry = { index, worker, router, pipeTransports: 0, speaker: null };
    this.byId.set(router.id, at);
    room.ready.set(index, at);
    router.observer.on('newtransport', (t) => {
      if (t.type === 'pipe') this.trackPipe(at, t);
    });
    router.observer.once('close', () => {
      this.byId.delete(router.id);
      this.pipes.routerClosed(router.id);
      if (room.ready.get(index) === at) {
        room.ready.delete(index);
        room.routers.delete(index);
      }
    });
    return at;
  }

  private async pipeInto(producerId: string, routerId: string): Promise<types.Producer> {
    const origin = this.origins.get(producerId);
    const target = this.byId.get(routerId);
    if (!origin || !target) throw new MediaEngineError(MediaErrorCode.NotLive, 'This source is not live.');
    const { pipeProducer } = await origin.router.pipeToRouter({ producerId, router: target.router });
    if (!pipeProducer) throw new Error(`pipeToRouter gave no producer for ${producerId}`);
    pipeProducer.observer.once('close', () => this.pipes.delete(producerId, routerId));
    return pipeProducer;
  }

  /** Pipe transports, and what flows through them, weigh on the worker they are on. */
  private trackPipe(at: RouterEntry, transport: types.Transport) {
    const live = () => !at.worker.closed;
    at.pipeTransports++;
    this.placement.add(at.index, 'transports');
    transport.observer.on('newproducer', (p) => {
      this.placement.add(at.index, 'producers');
      p.observer.once('close', () => live() && this.placement.remove(at.index, 'producers'));
    });
    transport.observer.on('newconsumer', (c) => {
      this.placement.add(at.index, 'consumers');
      c.observer.once('close', () => live() && this.placement.remove(at.index, 'consumers'));
    });
    transport.observer.once('close', () => {
      if (!live()) return;
      at.pipeTransports--;
      this.placement.remove(at.index, 'transports');
    });
  }

  private async watchSpeaker(conferenceId: string, at: RouterEntry, producer: types.Producer) {
    try {
      at.speaker ??= at.router.createActiveSpeakerObserver({ interval: 500 }).then((observer) => {
        observer.on('dominantspeaker', ({ producer: loudest }) => {
          const source = (loudest.appData as { source?: MediaSource }).source;
          if (!source) return;
          this.logger.debug(`Dominant speaker in ${conferenceId}: ${source}`);
          this.onSpeaker(conferenceId, source);
        });
        return observer;
      });
      const observer = await at.speaker;
      if (!producer.closed && !observer.closed) await observer.addProducer({ producerId: producer.id });
    } catch (e) {
      if (!producer.closed) this.logger.debug(`No speaker detection for ${producer.id}: ${(e as Error).message}`);
    }
  }
}
