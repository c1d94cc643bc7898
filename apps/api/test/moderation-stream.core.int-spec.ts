import type { LiveAck, QuestionDto } from '@bridgepoint/contracts';
import type { Socket } from 'socket.io-client';
import { startTestApp, TestApp } from './harness';
import { Event, manyPoints, seedEvent } from './fixtures';
import { followModerationOf, openSocket, until } from './sockets';

/** Moderators and presenters get a snapshot when they join, then only what changed. */
describe(`the moderation stream of /live (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let moderator: string;
  let presenter: string;
  const codes = () => Object.keys(e.operators);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const open = (token: string) => openSocket(url, '/live', token, e.id);
  /** What a socket that just joined is sent first. */
  const freshJoin = async (token: string) => {
    const s = await open(token);
    const view = followModerationOf(s.socket, { received: s.received });
    await until(() => view.states.length > 0, 5000, 'a join snapshot');
    s.close();
    return view.states[0];
  };
  const resync = (socket: Socket, payload: unknown) => new Promise<LiveAck>((resolve) => socket.emit('moderation.resync', payload, resolve));

  beforeAll(async () => {
    t = await startTestApp(undefined, { QUESTIONS_PER_MINUTE: '1000', SPEAK_REQUESTS_PER_MINUTE: '1000' });
    url = await t.listen();
    e = await seedEvent(t, manyPoints(30));
    [moderator, presenter] = await Promise.all([t.userToken('moderator'), t.userToken('presenter')]);
    await t.addStaff(e.id, moderator, presenter);
    // Every point has a question and a request to speak: the state a moderator follows is tens of kilobytes.
    for (const code of codes()) {
      await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators[code])).send({ text: `Câu hỏi của ${code} về kế hoạch triển khai?` }).expect(201);
      await t.http().post(`/api/conferences/${e.id}/speak-requests`).set(bearer(e.operators[code])).send({ topic: `Ý kiến của ${code}` }).expect(201);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('sends a moderator a small delta after one question changes, and the deltas rebuild exactly what a fresh join gets', async () => {
    const mod = await open(moderator);
    const hall = await open(presenter);
    const modView = followModerationOf(mod.socket, { received: mod.received });
    const hallView = followModerationOf(hall.socket, { received: hall.received });
    try {
      await until(() => modView.current?.questions.length === 30 && hallView.states.length > 0, 5000, 'join snapshots');
      expect(modView.messages.map((m) => m.event)).toEqual(['moderation.snapshot']);
      const snapshotBytes = modView.messages[0].bytes;
      expect(snapshotBytes).toBeGreaterThan(20_000);

      // One question approved: the moderator gets it as a delta, not the whole state again.
      const target = modView.current!.questions.find((q) => q.pointCode === 'P-017')!;
      const approved = (await t.http().patch(`/api/conferences/${e.id}/questions/${target.id}`).set(bearer(moderator)).send({ status: 'approved', version: target.version }).expect(200)).body as QuestionDto;
      await until(() => modView.current?.questions.some((q) => q.id === target.id && q.status === 'approved') === true, 5000, 'the approval on the moderator screen');
      await until(() => hallView.current?.questions.some((q) => q.id === target.id) === true, 5000, 'the approval on the presenter screen');
      const after = modView.messages.slice(1);
      expect(after.map((m) => m.event)).toEqual(['moderation.delta']);
      expect(after[0].payload).toMatchObject({ baseVersion: 0, version: 1, stream: modView.states[0].stream, questions: { upserted: [approved], removed: [] } });
      expect(after[0].bytes).toBeLessThan(2_000);
      expect(after[0].bytes * 20).toBeLessThan(snapshotBytes);
      // Approved questions lead the list: the moved question is placed first, the others stay where they were.
      expect(modView.current!.questions[0].id).toBe(target.id);
      expect(modView.gaps).toEqual([]);

      // Then a burst of changes of every kind.
      const queue = modView.current!.speakQueue;
      await t.http().post(`/api/conferences/${e.id}/speak-requests/${queue[3].id}/grant`).set(bearer(moderator)).expect(200);
      await t.http().put(`/api/conferences/${e.id}/questions/current`).set(bearer(moderator)).send({ questionId: target.id }).expect(200);
      const other = modView.current!.questions.find((q) => q.pointCode === 'P-005')!;
      await t.http().patch(`/api/conferences/${e.id}/questions/${other.id}`).set(bearer(moderator)).send({ status: 'rejected', rejectReason: 'Trùng lặp', version: other.version }).expect(200);
      await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['P-002'])).send({ text: 'Một câu hỏi nữa?' }).expect(201);
      await t.http().post(`/api/conferences/${e.id}/floor/release`).set(bearer(moderator)).expect(200);
      await until(() => modView.current?.questions.length === 31 && modView.current.speakQueue.length === 29 && modView.current.floor.pointId === null, 5000, 'the burst on the moderator screen');
      await new Promise((r) => setTimeout(r, 600));
      expect(modView.messages.filter((m) => m.event === 'moderation.snapshot')).toHaveLength(1);
      expect(modView.gaps).toEqual([]);
      const { stream: _s, version: _v, ...held } = modView.current!;
      const { stream: _s2, version: _v2, ...joined } = await freshJoin(moderator);
      expect(held).toEqual(joined);
      expect(held.currentQuestionId).toBe(target.id);

      // The question leaves the presenters' filter: it leaves their screen too.
      const current = modView.current!.questions.find((q) => q.id === target.id)!;
      await t.http().patch(`/api/conferences/${e.id}/questions/${target.id}`).set(bearer(moderator)).send({ status: 'pending', version: current.version }).expect(200);
      await until(() => hallView.current?.questions.some((q) => q.id === target.id) === false, 5000, 'the question gone from the presenter screen');
      expect(hallView.messages.slice(1).every((m) => m.event === 'moderation.delta')).toBe(true);
      const { stream: _s3, version: _v3, ...hallHeld } = hallView.current!;
      const { stream: _s4, version: _v4, ...hallJoined } = await freshJoin(presenter);
      expect(hallHeld).toEqual(hallJoined);
    } finally {
      mod.close();
      hall.close();
    }
  }, 60_000);

  it('answers a missed delta with a snapshot on moderation.resync, at most once a second, and only to moderators and presenters', async () => {
    let dropped = 0;
    const mod = await open(moderator);
    const view = followModerationOf(mod.socket, { received: mod.received, lost: () => dropped++ === 0 });
    const op = await open(e.operators['P-001']);
    try {
      await until(() => view.states.length === 1, 5000, 'the join snapshot');
      const q = view.current!.questions.find((x) => x.pointCode === 'P-020')!;
      await t.http().patch(`/api/conferences/${e.id}/questions/${q.id}`).set(bearer(moderator)).send({ text: 'Câu hỏi đã biên tập', version: q.version }).expect(200);
      await until(() => dropped === 1, 5000, 'a delta (lost)');
      await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['P-003'])).send({ text: 'Câu hỏi sau khoảng trống?' }).expect(201);
      await until(() => view.gaps.length === 1, 5000, 'the next delta, which does not follow');
      expect(view.states).toHaveLength(1);

      expect(await resync(mod.socket, {})).toEqual({ ok: true });
      await until(() => view.states.length === 2, 5000, 'the resync snapshot');
      const snapshots = view.messages.filter((m) => m.event === 'moderation.snapshot');
      expect(snapshots).toHaveLength(2);
      expect(view.current!.version).toBe(view.gaps[0].version);
      expect(view.current!.questions.find((x) => x.id === q.id)?.text).toBe('Câu hỏi đã biên tập');
      const { stream: _s, version: _v, ...held } = view.current!;
      const { stream: _s2, version: _v2, ...joined } = await freshJoin(moderator);
      expect(held).toEqual(joined);

      // Asked again at once: served when the second is over, not refused.
      const askedAt = Date.now();
      expect(await resync(mod.socket, {})).toEqual({ ok: true });
      await until(() => view.states.length === 3, 5000, 'the paced resync snapshot');
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(500);

      expect(await resync(mod.socket, { version: 3 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await resync(mod.socket, 'again')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await resync(op.socket, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(op.received.some((m) => m.event === 'moderation.snapshot' || m.event === 'moderation.delta')).toBe(false);
      expect(mod.closedByServer || op.closedByServer).toBe(false);
    } finally {
      mod.close();
      op.close();
    }
  }, 60_000);
});
