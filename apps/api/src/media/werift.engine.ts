import { Logger } from '@nestjs/common';
import { MediaErrorCode, type MediaKind, type MediaSource, type MediaStats } from '@bridgepoint/contracts';
import { RTCPeerConnection, RTCSessionDescription } from 'werift';
import { audioLevelId } from './audio-level';
import {
  MediaEngineError,
  type AudioReading,
  type ForwardPorts,
  type RtpForward,
  type PeersLostListener,
  type SdpMediaEngine,
  type SourceEndedListener,
} from './media-engine';
import { forwardPublisher } from './werift-forward';
import { gathered, peerConfig, Publisher, Subscriber } from './werift-peers';

interface Room {
  publishers: Map<MediaSource, Publisher>;
  /** Keyed by `${peerId} ${source}`. */
  subscribers: Map<string, Subscriber>;
}

const subKey = (peerId: string, source: MediaSource) => `${peerId} ${source}`;

export interface WeriftOptions {
  /** Host addresses werift adds to its ICE candidates (127.0.0.1 for browsers on the same machine, a public address). */
  additionalHostAddresses: string[];
  portRange?: [number, number] | null;
  /** Subscriptions admitted across every room (0: no limit); priority ones are admitted beyond it. */
  subscriberCapacity?: number;
}

/**
 * The embedded engine: werift in this process. Each publication and each subscription is its own peer
 * connection; a publisher's RTP is written to every subscriber's tracks (werift rewrites SSRC, payload
 * type and sequence numbers per sender).
 */
export class WeriftEngine implements SdpMediaEngine {
  readonly name = 'werift' as const;
  readonly workers = 0;
  private readonly logger = new Logger(WeriftEngine.name);
  private readonly rooms = new Map<string, Room>();
  private readonly sourceEnded: SourceEndedListener[] = [];

  constructor(private readonly options: WeriftOptions) {}

  onSourceEnded(listener: SourceEndedListener) {
    this.sourceEnded.push(listener);
  }

  /** Nothing to lose: the engine lives and dies with this process. */
  onPeersLost(_listener: PeersLostListener) {}

  conferences(): string[] {
    return [...this.rooms.keys()];
  }

  /** What the source's publisher receives, to local ports (a recorder): `werift-forward.ts`. */
  async forward(conferenceId: string, source: MediaSource, ports: ForwardPorts): Promise<RtpForward | null> {
    const publisher = this.rooms.get(conferenceId)?.publishers.get(source);
    if (!publisher) return null;
    return forwardPublisher(publisher, ports, () => this.rooms.get(conferenceId)?.publishers.get(source) === publisher);
  }

  liveSources(conferenceId: string): MediaSource[] {
    return [...(this.rooms.get(conferenceId)?.publishers.keys() ?? [])];
  }

  isLive(conferenceId: string, source: MediaSource) {
    return !!this.rooms.get(conferenceId)?.publishers.has(source);
  }

  async publish(conferenceId: string, peerId: string, source: MediaSource, offerSdp: string): Promise<string> {
    const room = this.room(conferenceId);
    const current = room.publishers.get(source);
    if (current && current.peerId !== peerId) {
      throw new MediaEngineError(MediaErrorCode.PublisherExists, 'Someone else is already sending this picture and sound.');
    }
    // The same peer publishing again (new devices, a reconnect) replaces its previous publication.
    if (current) await this.dropSource(conferenceId, room, source);
    const pc = this.peer();
    const publisher = new Publisher(peerId, pc);
    room.publishers.set(source, publisher);
    pc.connectionStateChange.subscribe((state) => {
      if ((state === 'failed' || state === 'closed') && room.publishers.get(source) === publisher) {
        void this.dropSource(conferenceId, room, source).then(() => this.sourceEnded.forEach((l) => l(conferenceId, source)));
      }
    });
    try {
      await pc.setRemoteDescription(new RTCSessionDescription(offerSdp, 'offer'));
      await pc.setLocalDescription(await pc.createAnswer());
      const answer = await gathered(pc);
      this.needCandidates(answer);
      // The ids in the answer are the ones the publisher's packets carry.
      publisher.audioLevelId = audioLevelId(answer);
      if (room.publishers.get(source) !== publisher) throw new MediaEngineError(MediaErrorCode.NotLive, 'The publication was stopped while it started.');
      return answer;
    } catch (e) {
      if (room.publishers.get(source) === publisher) await this.dropSource(conferenceId, room, source);
      else await publisher.close();
      throw this.failed(e, 'Could not accept the offer.');
    }
  }

  async subscribe(conferenceId: string, peerId: string, source: MediaSource, kinds: MediaKind[], options: { priority?: boolean } = {}): Promise<string> {
    const room = this.rooms.get(conferenceId);
    const publisher = room?.publishers.get(source);
    if (!room || !publisher) throw new MediaEngineError(MediaErrorCode.NotLive, 'Nothing is being sent from there right now.');
    const key = subKey(peerId, source);
    this.admit(room.subscribers.has(key), options.priority === true);
    await this.closeSubscriber(room, key);
    const pc = this.peer();
    const subscriber = new Subscriber(peerId, pc, publisher, kinds);
    room.subscribers.set(key, subscriber);
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') publisher.keyframe();
      if ((state === 'failed' || state === 'closed') && room.subscribers.get(key) === subscriber) {
        void this.closeSubscriber(room, key).then(() => this.forgetIfEmpty(conferenceId, room));
      }
    });
    try {
      await pc.setLocalDescription(await pc.createOffer());
      const offer = await gathered(pc);
      this.needCandidates(offer);
      if (room.subscribers.get(key) !== subscriber) throw new MediaEngineError(MediaErrorCode.NotLive, 'The source stopped.');
      return offer;
    } catch (e) {
      if (room.subscribers.get(key) === subscriber) await this.closeSubscriber(room, key);
      else await subscriber.close();
      this.forgetIfEmpty(conferenceId, room);
      throw this.failed(e, 'Could not open the subscription.');
    }
  }

  async answer(conferenceId: string, peerId: string, source: MediaSource, answerSdp: string): Promise<void> {
    const room = this.rooms.get(conferenceId);
    const key = subKey(peerId, source);
    const subscriber = room?.subscribers.get(key);
    if (!room || !subscriber) throw new MediaEngineError(MediaErrorCode.NotJoined, 'Subscribe first, then answer.');
    try {
      await subscriber.pc.setRemoteDescription(new RTCSessionDescription(answerSdp, 'answer'));
    } catch (e) {
      await this.closeSubscriber(room, key);
      this.forgetIfEmpty(conferenceId, room);
      throw this.failed(e, 'Could not accept the answer.');
    }
    // No keyframe request yet: the subscriber cannot receive before it connects, and a request now would hold
    // back (throttled) the one made on 'connected', the one that shows its first picture.
  }

  async pauseAudio(conferenceId: string, source: MediaSource, paused: boolean): Promise<void> {
    const publisher = this.rooms.get(conferenceId)?.publishers.get(source);
    if (publisher) publisher.audioPaused = paused;
  }

  audioOf(conferenceId: string, source: MediaSource): AudioReading {
    const publisher = this.rooms.get(conferenceId)?.publishers.get(source);
    if (!publisher) return { sound: false, level: null };
    return publisher.audioReading();
  }

  async unpublish(conferenceId: string, peerId: string, source: MediaSource): Promise<boolean> {
    const room = this.rooms.get(conferenceId);
    if (!room || room.publishers.get(source)?.peerId !== peerId) return false;
    await this.dropSource(conferenceId, room, source);
    return true;
  }

  async unsubscribe(conferenceId: string, peerId: string, source: MediaSource): Promise<void> {
    const room = this.rooms.get(conferenceId);
    if (!room) return;
    await this.closeSubscriber(room, subKey(peerId, source));
    this.forgetIfEmpty(conferenceId, room);
  }

  async leave(conferenceId: string, peerId: string): Promise<MediaSource[]> {
    const room = this.rooms.get(conferenceId);
    if (!room) return [];
    const published = [...room.publishers].filter(([, p]) => p.peerId === peerId).map(([source]) => source);
    for (const source of published) await this.dropSource(conferenceId, room, source);
    const mine = [...room.subscribers].filter(([, s]) => s.peerId === peerId).map(([key]) => key);
    for (const key of mine) await this.closeSubscriber(room, key);
    this.forgetIfEmpty(conferenceId, room);
    return published;
  }

  stats(): MediaStats {
    let transports = 0;
    let producers = 0;
    let consumers = 0;
    for (const room of this.rooms.values()) {
      transports += room.publishers.size + room.subscribers.size;
      for (const p of room.publishers.values()) {
        producers += p.kinds.size;
        consumers += p.consumers;
      }
    }
    return { engine: this.name, workers: this.workers, rooms: this.rooms.size, transports, producers, consumers };
  }

  async close() {
    for (const [conferenceId, room] of [...this.rooms]) {
      for (const source of [...room.publishers.keys()]) await this.dropSource(conferenceId, room, source);
      for (const key of [...room.subscribers.keys()]) await this.closeSubscriber(room, key);
    }
    this.rooms.clear();
  }

  /**
   * Admission: beyond the capacity a new subscription is refused (a renewed one replaces its predecessor and
   * the host site's screens come first), so the connections already open keep their quality.
   */
  private admit(renewing: boolean, priority: boolean) {
    const capacity = this.options.subscriberCapacity ?? 0;
    if (capacity <= 0 || renewing || priority) return;
    let open = 0;
    for (const room of this.rooms.values()) open += room.subscribers.size;
    if (open >= capacity) {
      throw new MediaEngineError(MediaErrorCode.Full, `The media server is at its capacity (${capacity} viewers); the organizers can add capacity.`);
    }
  }

  private peer() {
    return new RTCPeerConnection(peerConfig(this.options.additionalHostAddresses, this.options.portRange ?? undefined));
  }

  private room(conferenceId: string): Room {
    let room = this.rooms.get(conferenceId);
    if (!room) {
      room = { publishers: new Map(), subscribers: new Map() };
      this.rooms.set(conferenceId, room);
    }
    return room;
  }

  /** The source's publisher goes, and with it every subscription to it. */
  private async dropSource(conferenceId: string, room: Room, source: MediaSource) {
    const publisher = room.publishers.get(source);
    if (!publisher) return;
    room.publishers.delete(source);
    const subscribers = [...room.subscribers].filter(([, s]) => s.publisher === publisher);
    for (const [key] of subscribers) room.subscribers.delete(key);
    await Promise.all(subscribers.map(([, s]) => s.close()));
    await publisher.close();
    this.forgetIfEmpty(conferenceId, room);
  }

  private async closeSubscriber(room: Room, key: string) {
    const subscriber = room.subscribers.get(key);
    if (!subscriber) return;
    room.subscribers.delete(key);
    await subscriber.close();
  }

  private forgetIfEmpty(conferenceId: string, room: Room) {
    if (room.publishers.size === 0 && room.subscribers.size === 0 && this.rooms.get(conferenceId) === room) this.rooms.delete(conferenceId);
  }

  /**
   * A connection whose description lists no candidate can never connect: every port of MEDIA_PORT..MEDIA_PORT_MAX
   * is taken (werift binds one per connection and interface address). Said as such, not as a dropped publication.
   */
  private needCandidates(sdp: string) {
    if (/^a=candidate:/m.test(sdp)) return;
    const range = this.options.portRange;
    throw new MediaEngineError(
      MediaErrorCode.Full,
      range
        ? `The media server has no free port left in MEDIA_PORT..MEDIA_PORT_MAX (${range[0]}-${range[1]}): widen the range or add a media process.`
        : 'The media server could not open a port for this connection.',
    );
  }

  private failed(e: unknown, message: string) {
    if (e instanceof MediaEngineError) return e;
    this.logger.warn(`${message} ${(e as Error).message ?? String(e)}`);
    return new MediaEngineError(MediaErrorCode.Failed, message);
  }
}
