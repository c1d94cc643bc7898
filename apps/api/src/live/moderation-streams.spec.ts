import { followModeration, type LiveModerationSnapshot, type ModerationDelta, type ModerationSnapshot } from '@bridgepoint/contracts';
import { ModerationStreams, type StreamRoom } from './moderation-streams';

const CONF = '00000000-0000-4000-8000-000000000000';
const state = (currentQuestionId: string | null, agenda: string | null = null): ModerationSnapshot => ({
  questions: [],
  speakQueue: [],
  floor: { conferenceId: CONF, pointId: null, pointName: null, grantedAt: null, interruptedAt: null },
  currentQuestionId,
  currentAgendaItemId: agenda,
});

/** A room of sockets that apply what they receive, as the web client does. */
function room() {
  const members: Array<{ held: LiveModerationSnapshot | null; gaps: number; received: string[] }> = [];
  const to: StreamRoom = {
    size: () => members.length,
    delta: (d: ModerationDelta) =>
      members.forEach((m) => {
        m.received.push('delta');
        const next = followModeration(m.held, d);
        if (next) m.held = next;
        else m.gaps++;
      }),
    snapshot: (s) =>
      members.forEach((m) => {
        m.received.push('snapshot');
        m.held = s;
      }),
  };
  const join = () => {
    const m = { held: null as LiveModerationSnapshot | null, gaps: 0, received: [] as string[] };
    return {
      m,
      add: async (s: LiveModerationSnapshot) => {
        members.push(m);
        m.received.push('snapshot');
        m.held = s;
      },
    };
  };
  return { to, members, join };
}

describe('moderation streams', () => {
  it('keep a socket that joins in the middle of changes in step: its snapshot, then only the deltas after it', async () => {
    const streams = new ModerationStreams();
    const r = room();
    // What the database holds at each successive read.
    const reads = [state('q1'), state('q2'), state('q3'), state('q3', 'a1'), state('q3', 'a1')];
    const read = async () => {
      const now = reads.shift()!;
      await new Promise((res) => setTimeout(res, 5));
      return now;
    };
    const first = r.join();
    await streams.join('room', read, r.to, first.add);
    // A change, a join that finds another change, and a third change, all at once: each waits its turn.
    const second = r.join();
    await Promise.all([streams.changed('room', read, r.to), streams.join('room', read, r.to, second.add), streams.changed('room', read, r.to)]);
    for (const m of [first.m, second.m]) {
      expect(m.gaps).toBe(0);
      expect(m.held).toMatchObject({ currentQuestionId: 'q3', currentAgendaItemId: 'a1' });
    }
    expect(first.m.received).toEqual(['snapshot', 'delta', 'delta', 'delta']);
    expect(second.m.received).toEqual(['snapshot', 'delta']);
    expect(second.m.held!.version).toBe(first.m.held!.version);

    // Nothing changed: nothing is sent.
    await streams.changed('room', read, r.to);
    expect(first.m.received).toHaveLength(4);
  });

  it('start a new stream once the room has emptied, so a client of the old one cannot apply its deltas', async () => {
    const streams = new ModerationStreams();
    const r = room();
    const read = async () => state(null);
    const a = r.join();
    await streams.join('room', read, r.to, a.add);
    const old = a.m.held!.stream;
    r.members.length = 0;
    await streams.left('room', r.to);
    const b = r.join();
    await streams.join('room', read, r.to, b.add);
    expect(b.m.held!.stream).not.toBe(old);
    let resent: LiveModerationSnapshot | null = null;
    await streams.resync('room', read, r.to, (s) => (resent = s));
    expect(resent).toEqual(b.m.held);
  });
});
