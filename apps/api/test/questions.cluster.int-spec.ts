import { io } from 'socket.io-client';
import type { SpeakRequestDto } from '@bridgepoint/contracts';
import { startTestApp, TestApp } from './harness';
import { Event, manyPoints, seedEvent } from './fixtures';
import { followModerationOf } from './sockets';

/** Forty points asking for the floor at once through two api processes of one deployment. */
describe('requests to speak across two api processes (postgres)', () => {
  let a: TestApp;
  let b: TestApp;
  let e: Event;
  let urls: string[];
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startTestApp('postgres', {}, a);
    urls = await Promise.all([a.listen(), b.listen()]);
    e = await seedEvent(a, manyPoints(40));
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('keeps one strict order of arrival, identical on every process and every moderator screen', async () => {
    const moderator = await a.userToken('moderator');
    await a.addStaff(e.id, moderator);
    const sockets = urls.map((url) => io(`${url}/live`, { auth: { token: moderator, conferenceId: e.id }, transports: ['websocket'], forceNew: true }));
    // Each process keeps its own stream: a snapshot, then deltas.
    const views = sockets.map((s) => followModerationOf(s));
    const snapshots = views.map((v) => v.states);
    const codes = Object.keys(e.operators);
    const created = await Promise.all(
      codes.map((code, i) =>
        (i % 2 ? a : b).http().post(`/api/conferences/${e.id}/speak-requests`).set(bearer(e.operators[code])).send({ topic: code }).expect(201),
      ),
    );
    const bySeq = created.map((r) => r.body as SpeakRequestDto).sort((x, y) => x.seq - y.seq);
    const [qa, qb] = await Promise.all(
      [a, b].map(async (t) => (await t.http().get(`/api/conferences/${e.id}/speak-requests`).set(bearer(moderator)).expect(200)).body as SpeakRequestDto[]),
    );
    expect(qa.map((r) => r.id)).toEqual(bySeq.map((r) => r.id));
    expect(qb.map((r) => r.id)).toEqual(qa.map((r) => r.id));
    expect(new Set(qa.map((r) => r.seq)).size).toBe(40);
    // The order is the database sequence taken at insert; `requestedAt` is the clock read a moment later
    // in the same statement, informational only (two concurrent inserts may read it a millisecond apart).
    for (let i = 1; i < qa.length; i++) expect(qa[i].seq).toBeGreaterThan(qa[i - 1].seq);

    for (let i = 0; i < 100 && !snapshots.every((s) => s.at(-1)?.speakQueue.length === 40); i++) await new Promise((r) => setTimeout(r, 50));
    const [onA, onB] = snapshots.map((s) => s.at(-1)!.speakQueue.map((r) => r.id));
    expect(onA).toEqual(qa.map((r) => r.id));
    expect(onB).toEqual(onA);
    expect(views.map((v) => v.gaps.length)).toEqual([0, 0]);
    expect(views[0].states.at(-1)!.stream).not.toBe(views[1].states.at(-1)!.stream);
    for (const s of sockets) s.close();
  });
});
