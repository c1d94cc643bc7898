import { randomUUID } from 'node:crypto';
import { diffModeration, type LiveModerationSnapshot, type ModerationDelta, type ModerationSnapshot } from '@bridgepoint/contracts';

/** How a stream reaches the sockets of its room (this process's only). */
export interface StreamRoom {
  /** Sockets in the room now. */
  size(): number;
  delta(delta: ModerationDelta): void;
  snapshot(snapshot: LiveModerationSnapshot): void;
}

interface Stream {
  id: string;
  version: number;
  last: ModerationSnapshot;
}

/**
 * The moderation streams of this process, one per room (an audience of a conference): the snapshot its
 * sockets hold and its version. After a change the room gets only the difference; a socket gets the whole
 * snapshot when it joins and when it asks again. Everything a room is sent goes through one queue per room,
 * so a socket's snapshot and the deltas after it always follow one another.
 */
export class ModerationStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /** Runs `task` once every earlier task of this room is done. */
  private exclusive<T>(room: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(room) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(room, settled);
    void settled.then(() => {
      if (this.queues.get(room) === settled) this.queues.delete(room);
    });
    return run;
  }

  /** Reads the state; if it changed since the room's sockets last heard, they get the delta. */
  private async advance(room: string, read: () => Promise<ModerationSnapshot>, to: StreamRoom): Promise<LiveModerationSnapshot> {
    const next = await read();
    let stream = this.streams.get(room);
    if (!stream) {
      stream = { id: randomUUID(), version: 0, last: next };
      this.streams.set(room, stream);
      if (to.size() > 0) to.snapshot(this.held(stream));
    } else {
      const changes = diffModeration(stream.last, next);
      if (changes) {
        stream.version += 1;
        stream.last = next;
        to.delta({ stream: stream.id, version: stream.version, baseVersion: stream.version - 1, ...changes });
      }
    }
    return this.held(stream);
  }

  private held(stream: Stream): LiveModerationSnapshot {
    return { ...stream.last, stream: stream.id, version: stream.version };
  }

  /** After a change: the room's sockets get what changed; an empty room's stream ends. */
  changed(room: string, read: () => Promise<ModerationSnapshot>, to: StreamRoom): Promise<void> {
    return this.exclusive(room, async () => {
      if (to.size() === 0) {
        this.streams.delete(room);
        return;
      }
      await this.advance(room, read, to);
    });
  }

  /** A socket left: the stream of a room left empty ends (its snapshot is not kept). */
  left(room: string, to: StreamRoom): Promise<void> {
    return this.exclusive(room, async () => {
      if (to.size() === 0) this.streams.delete(room);
    });
  }

  /** A socket joins: the room catches up first, then `join` adds the socket and hands it the snapshot. */
  join(room: string, read: () => Promise<ModerationSnapshot>, to: StreamRoom, join: (snapshot: LiveModerationSnapshot) => Promise<void>): Promise<void> {
    return this.exclusive(room, async () => join(await this.advance(room, read, to)));
  }

  /** The snapshot the room's sockets hold now, for one that lost track (read afresh if the stream ended). */
  resync(room: string, read: () => Promise<ModerationSnapshot>, to: StreamRoom, send: (snapshot: LiveModerationSnapshot) => void): Promise<void> {
    return this.exclusive(room, async () => {
      const stream = this.streams.get(room);
      send(stream ? this.held(stream) : await this.advance(room, read, to));
    });
  }
}
