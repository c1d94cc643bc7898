import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { pointSource, type MediaUplinkState } from '@bridgepoint/contracts';
import { SpeakService } from '../questions/speak.service';
import { FloorWatch } from './floor-watch';
import { MEDIA_ENGINE, type MediaEngine } from './media-engine';
import { UplinkBoard } from './uplink-board';

/** How often uplink states (levels included) and the floor holder are looked at. */
export const MONITOR_EVERY_MS = 500;

/** What the `/media` gateway tells the monitor, and how the monitor speaks through it. */
export interface MonitorSink {
  /** Conferences with media sockets on this process. */
  conferences(): Iterable<string>;
  /** The floor holder as this process knows it (null: nobody). */
  floorOf(conferenceId: string): string | null | undefined;
  /** A socket of this point's page is connected here. */
  connected(conferenceId: string, pointId: string): boolean;
  sendUplink(conferenceId: string, state: MediaUplinkState): void;
}

/**
 * Twice a second, for each conference with media sockets here: sends the uplink states that changed
 * (the control room's meters, a point's own mute) and watches the floor holder, marking the turn
 * interrupted when it drops for more than FLOOR_DROP_ALERT_MS and resumed when it is back.
 */
@Injectable()
export class MediaMonitor implements OnModuleDestroy {
  private readonly logger = new Logger(MediaMonitor.name);
  private readonly watch = new FloorWatch();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(MEDIA_ENGINE) private readonly engine: MediaEngine,
    private readonly board: UplinkBoard,
    private readonly speak: SpeakService,
  ) {}

  start(sink: MonitorSink) {
    this.timer ??= setInterval(() => void this.tick(sink), MONITOR_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at every conference (exposed for tests; runs never overlap). */
  async tick(sink: MonitorSink) {
    if (this.running) return;
    this.running = true;
    try {
      const conferences = new Set(sink.conferences());
      for (const conferenceId of conferences) {
        for (const state of this.board.changes(conferenceId)) sink.sendUplink(conferenceId, state);
        await this.watchFloor(sink, conferenceId);
      }
      // A turn whose last socket here left is still judged: its holder is gone too.
      for (const conferenceId of this.watch.conferences()) {
        if (!conferences.has(conferenceId)) await this.watchFloor(sink, conferenceId);
      }
      for (const conferenceId of this.watch.conferences()) if (!conferences.has(conferenceId) && this.watch.holder(conferenceId) === null) this.watch.forget(conferenceId);
    } catch (e) {
      this.logger.warn(`Media monitor: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Nobody here watches the conference any more. */
  forget(conferenceId: string) {
    this.board.forgetSent(conferenceId);
  }

  private async watchFloor(sink: MonitorSink, conferenceId: string) {
    const known = sink.floorOf(conferenceId);
    const holder = known === undefined ? this.watch.holder(conferenceId) : known;
    let interrupted = false;
    if (holder !== null && this.watch.holder(conferenceId) !== holder) {
      // A turn seen for the first time here: it may already carry the mark (an earlier process saw it drop).
      const floor = await this.speak.floor(conferenceId);
      if (floor.pointId !== holder) return;
      interrupted = floor.interruptedAt !== null;
    }
    const presence = holder === null ? { live: false, connected: false } : {
      live: this.engine.isLive(conferenceId, pointSource(holder)),
      connected: sink.connected(conferenceId, holder),
    };
    const verdict = this.watch.check(conferenceId, holder, presence, Date.now(), interrupted);
    if (verdict && holder) {
      await this.speak.markInterrupted(conferenceId, holder, verdict === 'interrupted');
      this.logger.log(`Floor of ${conferenceId}: point ${holder} ${verdict}`);
    }
  }
}
