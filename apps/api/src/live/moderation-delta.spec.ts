import {
  applyList,
  applyModeration,
  diffList,
  diffModeration,
  followModeration,
  type LiveModerationSnapshot,
  type ModerationSnapshot,
  type QuestionDto,
  type SpeakRequestDto,
} from '@bridgepoint/contracts';

const CONF = '00000000-0000-4000-8000-000000000000';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function question(n: number, over: Partial<QuestionDto> = {}): QuestionDto {
  return {
    id: id(n),
    conferenceId: CONF,
    pointId: id(100_000 + n),
    pointCode: `P-${n}`,
    pointName: `Điểm cầu ${n}`,
    unit: 'Phường Hoàn Kiếm',
    district: 'Quận Hoàn Kiếm',
    askedBy: null,
    agendaItemId: null,
    text: `Câu hỏi của điểm cầu ${n} về kế hoạch triển khai tại địa phương?`,
    originalText: null,
    status: 'pending',
    rejectReason: null,
    mergedInto: null,
    position: null,
    mergedCount: 0,
    createdAt: new Date(Date.UTC(2026, 11, 1, 1, 0, n)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 11, 1, 1, 0, n)).toISOString(),
    version: 1,
    ...over,
  };
}

function request(n: number, over: Partial<SpeakRequestDto> = {}): SpeakRequestDto {
  return {
    id: id(200_000 + n),
    conferenceId: CONF,
    pointId: id(100_000 + n),
    pointCode: `P-${n}`,
    pointName: `Điểm cầu ${n}`,
    unit: 'Phường Hoàn Kiếm',
    topic: `Ý kiến của P-${n}`,
    status: 'waiting',
    seq: n,
    requestedAt: new Date(Date.UTC(2026, 11, 1, 1, 0, n)).toISOString(),
    decidedAt: null,
    ...over,
  };
}

const floor = (pointId: string | null = null) => ({ conferenceId: CONF, pointId, pointName: pointId ? 'Điểm cầu' : null, grantedAt: null, interruptedAt: null });

/** The event of the issue: 649 points, each with a question and a request to speak. */
function event(count = 649): ModerationSnapshot {
  return {
    questions: Array.from({ length: count }, (_, i) => question(i + 1)),
    speakQueue: Array.from({ length: count }, (_, i) => request(i + 1)),
    floor: floor(),
    currentQuestionId: null,
    currentAgendaItemId: null,
  };
}

/** The order the database lists questions in: approved first by position, then by arrival. */
const listed = (qs: QuestionDto[]) =>
  [...qs].sort((a, b) => Number(b.status === 'approved') - Number(a.status === 'approved') || (a.position ?? 1e9) - (b.position ?? 1e9) || a.createdAt.localeCompare(b.createdAt));

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('moderation deltas', () => {
  it('say nothing when nothing changed', () => {
    const a = event(20);
    expect(diffModeration(a, structuredClone(a))).toBeNull();
  });

  it('carry one changed question of 649 in a few hundred bytes, and applying them gives the new snapshot exactly', () => {
    const before = event();
    const next = structuredClone(before);
    next.questions[300] = { ...next.questions[300], text: 'Câu hỏi đã sửa', originalText: before.questions[300].text, version: 2 };
    const changes = diffModeration(before, next)!;
    expect(changes.questions?.upserted.map((q) => q.id)).toEqual([before.questions[300].id]);
    expect(changes.questions?.placed).toEqual([]);
    expect(changes.speakQueue).toBeUndefined();
    expect(applyModeration(before, changes)).toEqual(next);
    const [deltaBytes, snapshotBytes] = [JSON.stringify(changes).length, JSON.stringify(next).length];
    expect(snapshotBytes).toBeGreaterThan(500_000);
    expect(deltaBytes).toBeLessThan(1_000);
  });

  it('move an approved question to the head of the list with one placement, not the whole order', () => {
    const before = event();
    const approved = listed(before.questions.map((q, i) => (i === 500 ? { ...q, status: 'approved' as const, position: 1, version: 2 } : q)));
    const next = { ...before, questions: approved };
    const changes = diffModeration(before, next)!;
    expect(changes.questions).toEqual({ upserted: [approved[0]], removed: [], placed: [[approved[0].id, null]] });
    expect(applyModeration(before, changes)).toEqual(next);
  });

  it('remove from a presenter\'s view a question that is no longer approved', () => {
    const all = event(10).questions.map((q, i) => (i < 4 ? { ...q, status: 'approved' as const, position: i + 1 } : q));
    const shown = (qs: QuestionDto[]) => listed(qs.filter((q) => q.status === 'approved' || q.status === 'answered'));
    const before = { ...event(0), questions: shown(all) };
    all[1] = { ...all[1], status: 'rejected', position: null, rejectReason: 'Trùng lặp' };
    const next = { ...before, questions: shown(all) };
    const changes = diffModeration(before, next)!;
    expect(changes.questions).toEqual({ upserted: [], removed: [all[1].id], placed: [] });
    expect(applyModeration(before, changes).questions.map((q) => q.id)).toEqual([all[0].id, all[2].id, all[3].id]);
  });

  it('carry the floor, the current question and the agenda item, including a change back to none', () => {
    const before = { ...event(3), currentQuestionId: id(1), currentAgendaItemId: id(9) };
    const next = { ...before, floor: floor(id(100_002)), currentQuestionId: null };
    const changes = diffModeration(before, next)!;
    expect(changes).toEqual({ floor: next.floor, currentQuestionId: null });
    // Through JSON, as the socket carries it: a null stays, an unchanged field stays absent.
    expect(applyModeration(before, JSON.parse(JSON.stringify(changes)))).toEqual(next);
  });

  it('turn any list into any other: additions, removals, changes and reorders at random', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      const before = Array.from({ length: Math.floor(rnd() * 40) }, (_, i) => request(i + 1));
      let next = before.filter(() => rnd() > 0.2).map((r) => (rnd() < 0.2 ? { ...r, status: 'granted' as const } : r));
      for (let k = 0; k < rnd() * 5; k++) next.splice(Math.floor(rnd() * (next.length + 1)), 0, request(1000 + seed * 10 + k));
      if (rnd() < 0.5) next = next.map((r) => ({ r, key: rnd() })).sort((a, b) => a.key - b.key).map((x) => x.r);
      const changes = diffList(before, next);
      if (changes === null) expect(next).toEqual(before);
      else expect(applyList(before, JSON.parse(JSON.stringify(changes)))).toEqual(next);
    }
  });

  it('follow only the version they were computed from, of the same stream', () => {
    const held: LiveModerationSnapshot = { ...event(5), stream: 'a', version: 7 };
    const next = { ...held, currentQuestionId: id(2) };
    const changes = diffModeration(held, next)!;
    expect(followModeration(held, { stream: 'a', version: 8, baseVersion: 7, ...changes })).toEqual({ ...next, stream: 'a', version: 8 });
    // A version missed, another process's stream, or nothing held yet: the client must ask for a snapshot.
    expect(followModeration(held, { stream: 'a', version: 9, baseVersion: 8, ...changes })).toBeNull();
    expect(followModeration(held, { stream: 'b', version: 8, baseVersion: 7, ...changes })).toBeNull();
    expect(followModeration(null, { stream: 'a', version: 8, baseVersion: 7, ...changes })).toBeNull();
  });
});
