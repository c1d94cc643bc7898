import { Logger } from '@nestjs/common';
import { MediaErrorCode, type MediaStats } from '@bridgepoint/contracts';
import { RTCPeerConnection, RTCSessionDescription } from 'werift';
import { MediaEngineError, type MediaEngine, type PublisherLostListener } from './media-engine';
import { gathered, peerConfig, Publisher, Subscriber } from './werift-peers';

interface Room {
  publisher: Publisher | null;
  subscribers: Map<string, Subscriber>;
}

/**
 * The embedded engine: werift in this process. A presenter's RTP is written to every subscriber's
 * tracks (werift rewrites SSRC, payload type and sequence numbers per sender).
 */
export class WeriftEngine implements MediaEngine {
  readonly name = 'werift' as const;
  private readonly logger = new Logger(WeriftEngine.name);
  private readonly rooms = new Map<string, Room>();
  private readonly listeners: PublisherLostListener[] = [];

  constructor(private readonly additionalHostAddresses: string[]) {}

  onPublisherLost(listener: PublisherLostListener) {
    this.listeners.push(listener);
  }

  isLive(conferenceId: string) {
    return !!this.rooms.get(conferenceId)?.publisher;
  }

  async publish(conferenceId: string, peerId: string, offerSdp: string): Promise<string> {
    const room = this.room(conferenceId);
    if (room.publisher) {
      throw new MediaEngineError(MediaErrorCode.PublisherExists, 'Another presenter is already broadcasting in this conference.');
    }
    const pc = new RTCPeerConnection(peerConfig(this.additionalHostAddresses));
    const publisher = new Publisher(peerId, pc);
    room.publisher = publisher;
    pc.connectionStateChange.subscribe((state) => {
      if ((state === 'failed' || state === 'closed') && room.publisher === publisher) {
        void this.dropPublisher(conferenceId, room).then(() => this.listeners.forEach((l) => l(conferenceId)));
      }
    });
    try {
      await pc.setRemoteDescription(new RTCSessionDescription(offerSdp, 'offer'));
      await pc.setLocalDescription(await pc.createAnswer());
      const answer = await gathered(pc);
      if (room.publisher !== publisher) throw new MediaEngineError(MediaErrorCode.NotLive, 'The broadcast was stopped while it started.');
      return answer;
    } catch (e) {
      if (room.publisher === publisher) await this.dropPublisher(conferenceId, room);
      else await publisher.close();
      throw this.failed(e, 'Could not accept the presenter’s offer.');
    }
  }

  async subscribe(conferenceId: string, peerId: string): Promise<string> {
    const room = this.rooms.get(conferenceId);
    const publisher = room?.publisher;
    if (!room || !publisher) throw new MediaEngineError(MediaErrorCode.NotLive, 'Nobody is broadcasting in this conference yet.');
    await this.closeSubscriber(room, peerId);
    const pc = new RTCPeerConnection(peerConfig(this.additionalHostAddresses));
    const subscriber = new Subscriber(peerId, pc, publisher);
    room.subscribers.set(peerId, subscriber);
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') room.publisher?.keyframe();
      if ((state === 'failed' || state === 'closed') && room.subscribers.get(peerId) === subscriber) {
        void this.closeSubscriber(room, peerId).then(() => this.forgetIfEmpty(conferenceId, room));
      }
    });
    try {
      await pc.setLocalDescription(await pc.createOffer());
      const offer = await gathered(pc);
      if (room.subscribers.get(peerId) !== subscriber) throw new MediaEngineError(MediaErrorCode.NotLive, 'The broadcast stopped.');
      return offer;
    } catch (e) {
      if (room.subscribers.get(peerId) === subscriber) await this.closeSubscriber(room, peerId);
      else await subscriber.close(null);
      this.forgetIfEmpty(conferenceId, room);
      throw this.failed(e, 'Could not open the subscription.');
    }
  }

  async answer(conferenceId: string, peerId: string, answerSdp: string): Promise<void> {
    const room = this.rooms.get(conferenceId);
    const subscriber = room?.subscribers.get(peerId);
    if (!room || !subscriber) throw new MediaEngineError(MediaErrorCode.NotJoined, 'Subscribe first, then answer.');
    try {
      await subscriber.pc.setRemoteDescription(new RTCSessionDescription(answerSdp, 'answer'));
    } catch (e) {
      await this.closeSubscriber(room, peerId);
      this.forgetIfEmpty(conferenceId, room);
      throw this.failed(e, 'Could not accept the answer.');
    }
    room.publisher?.keyframe();
  }

  async leave(conferenceId: string, peerId: string): Promise<'publisher' | 'subscriber' | null> {
    const room = this.rooms.get(conferenceId);
    if (!room) return null;
    if (room.publisher?.peerId === peerId) {
      await this.dropPublisher(conferenceId, room);
      return 'publisher';
    }
    const had = room.subscribers.has(peerId);
    await this.closeSubscriber(room, peerId);
    this.forgetIfEmpty(conferenceId, room);
    return had ? 'subscriber' : null;
  }

  stats(): MediaStats {
    let publishers = 0;
    let subscribers = 0;
    for (const room of this.rooms.values()) {
      if (room.publisher) publishers++;
      subscribers += room.subscribers.size;
    }
    return { engine: this.name, rooms: this.rooms.size, publishers, subscribers };
  }

  async close() {
    for (const [conferenceId, room] of [...this.rooms]) await this.dropPublisher(conferenceId, room);
    this.rooms.clear();
  }

  private room(conferenceId: string): Room {
    let room = this.rooms.get(conferenceId);
    if (!room) {
      room = { publisher: null, subscribers: new Map() };
      this.rooms.set(conferenceId, room);
    }
    return room;
  }

  /** The publisher goes, and with it every subscription of the room. */
  private async dropPublisher(conferenceId: string, room: Room) {
    const publisher = room.publisher;
    room.publisher = null;
    const subscribers = [...room.subscribers.values()];
    room.subscribers.clear();
    await Promise.all(subscribers.map((s) => s.close(publisher)));
    await publisher?.close();
    this.forgetIfEmpty(conferenceId, room);
  }

  private async closeSubscriber(room: Room, peerId: string) {
    const subscriber = room.subscribers.get(peerId);
    if (!subscriber) return;
    room.subscribers.delete(peerId);
    await subscriber.close(room.publisher);
  }

  private forgetIfEmpty(conferenceId: string, room: Room) {
    if (!room.publisher && room.subscribers.size === 0 && this.rooms.get(conferenceId) === room) this.rooms.delete(conferenceId);
  }

  private failed(e: unknown, message: string) {
    if (e instanceof MediaEngineError) return e;
    this.logger.warn(`${message} ${(e as Error).message ?? String(e)}`);
    return new MediaEngineError(MediaErrorCode.Failed, message);
  }
}
