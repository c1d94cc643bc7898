import { FLOOR_DROP_ALERT_MS } from '@bridgepoint/contracts';

/** What the media process sees of the floor holder now. */
export interface HolderPresence {
  /** Its uplink publishes. */
  live: boolean;
  /** Its page holds a `/media` socket here. */
  connected: boolean;
}

interface Watched {
  pointId: string;
  /** The holder's uplink was live at some moment of this turn. */
  hadUplink: boolean;
  goneSince: number | null;
  interrupted: boolean;
}

export type FloorVerdict = 'interrupted' | 'resumed' | null;

/**
 * When the point holding the floor drops: its uplink stopped after it had been sending, or its page has
 * no media connection, for longer than FLOOR_DROP_ALERT_MS → interrupted; back → resumed. A turn given to
 * a point that never sent is judged by its connection alone (the operator may still turn the camera on).
 */
export class FloorWatch {
  private readonly turns = new Map<string, Watched>();

  constructor(private readonly dropAfterMs = FLOOR_DROP_ALERT_MS) {}

  /** Conferences with a turn being watched. */
  conferences(): string[] {
    return [...this.turns.keys()];
  }

  holder(conferenceId: string): string | null {
    return this.turns.get(conferenceId)?.pointId ?? null;
  }

  /**
   * The holder now (null: nobody) and what is seen of it; says when the turn becomes interrupted or
   * resumes. `interrupted`: the mark the grant already carries (a turn found interrupted stays so until back).
   */
  check(conferenceId: string, holder: string | null, presence: HolderPresence, now: number, interrupted = false): FloorVerdict {
    if (holder === null) {
      this.turns.delete(conferenceId);
      return null;
    }
    let turn = this.turns.get(conferenceId);
    if (!turn || turn.pointId !== holder) {
      turn = { pointId: holder, hadUplink: false, goneSince: null, interrupted };
      this.turns.set(conferenceId, turn);
    }
    if (presence.live) turn.hadUplink = true;
    const present = presence.live || (presence.connected && !turn.hadUplink);
    if (present) {
      turn.goneSince = null;
      if (!turn.interrupted) return null;
      turn.interrupted = false;
      return 'resumed';
    }
    turn.goneSince ??= now;
    if (turn.interrupted || now - turn.goneSince < this.dropAfterMs) return null;
    turn.interrupted = true;
    return 'interrupted';
  }

  forget(conferenceId: string) {
    this.turns.delete(conferenceId);
  }
}
