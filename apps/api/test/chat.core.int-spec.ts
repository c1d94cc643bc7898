import type { ChatMessageDto, ChatRead, ChatThreadDto, ChatThreadSummaryDto } from '@bridgepoint/contracts';
import { startTestApp, TestApp } from './harness';
import { Event, manyPoints, seedEvent } from './fixtures';
import { openSocket, until } from './sockets';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
type LiveSocket = Awaited<ReturnType<typeof openSocket>>;

async function joined(url: string, token: string, conferenceId: string): Promise<LiveSocket> {
  const s = await openSocket(url, '/live', token, conferenceId);
  await until(() => s.received.some((r) => r.event === 'attendance.summary' || r.event === 'point.attendance'), 5000, 'first state');
  return s;
}
const got = <T>(s: LiveSocket, event: string) => s.received.filter((r) => r.event === event).map((r) => r.payload as T);

describe(`chat between the control room and each point (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let moderator: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
    moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
  }, 60_000);
  afterAll(() => t?.close());

  const messages = (code: string) => `/api/conferences/${e.id}/points/${e.points[code].id}/messages`;
  const thread = async (code: string, token: string) => (await t.http().get(messages(code)).set(bearer(token)).expect(200)).body as ChatThreadDto;
  const threads = async (token: string) => (await t.http().get(`/api/conferences/${e.id}/threads`).set(bearer(token)).expect(200)).body as ChatThreadSummaryDto[];

  it('carries messages both ways, live, with unread counts on each side kept in the database', async () => {
    const control = await joined(url, e.organizer, e.id);
    const bdi1 = await joined(url, e.operators['BDI-01'], e.id);
    const bdi2 = await joined(url, e.operators['BDI-02'], e.id);

    const asked = (await t.http().post(messages('BDI-01')).set(bearer(e.operators['BDI-01'])).send({ text: '  Chưa nghe được tiếng.  ' }).expect(201))
      .body as ChatMessageDto;
    expect(asked).toMatchObject({ from: 'point', author: null, text: 'Chưa nghe được tiếng.', pointId: e.points['BDI-01'].id });
    await until(() => got<ChatMessageDto>(control, 'chat.message').some((m) => m.id === asked.id), 5000, 'control room hears the point');
    await until(() => got<ChatMessageDto>(bdi1, 'chat.message').some((m) => m.id === asked.id), 5000, 'the point\u2019s other pages hear it');

    // The control room's badge: one unread from BDI-01; nothing for the point.
    expect(await threads(e.organizer)).toEqual([expect.objectContaining({ pointId: e.points['BDI-01'].id, code: 'BDI-01', unread: 1, last: asked })]);
    expect((await thread('BDI-01', moderator)).unread).toBe(1);
    expect((await thread('BDI-01', e.operators['BDI-01'])).unread).toBe(0);

    // A moderator answers: the point hears it and has one unread; the control room's own reply clears its badge.
    const answer = (await t.http().post(messages('BDI-01')).set(bearer(moderator)).send({ text: 'Kiểm tra cáp micro, 2 phút nữa thử lại.' }).expect(201))
      .body as ChatMessageDto;
    expect(answer).toMatchObject({ from: 'control', author: expect.any(String) });
    await until(() => got<ChatMessageDto>(bdi1, 'chat.message').some((m) => m.id === answer.id), 5000, 'the point hears the answer');
    expect((await thread('BDI-01', e.operators['BDI-01'])).unread).toBe(1);
    expect((await threads(e.organizer))[0].unread).toBe(0);
    // Another point hears nothing of this thread.
    await new Promise((r) => setTimeout(r, 300));
    expect(got<ChatMessageDto>(bdi2, 'chat.message')).toEqual([]);

    // The operator reads: its count drops, and its other pages are told.
    const read = (await t.http().post(`${messages('BDI-01')}/read`).set(bearer(e.operators['BDI-01'])).expect(200)).body as ChatThreadDto;
    expect(read.unread).toBe(0);
    expect(read.messages.map((m) => m.text)).toEqual(['Chưa nghe được tiếng.', 'Kiểm tra cáp micro, 2 phút nữa thử lại.']);
    await until(() => got<ChatRead>(bdi1, 'chat.read').some((r) => r.side === 'point'), 5000, 'chat.read');
    const reads = got<ChatRead>(control, 'chat.read').length;
    // Reading again changes nothing and tells no one.
    await t.http().post(`${messages('BDI-01')}/read`).set(bearer(e.operators['BDI-01'])).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(got<ChatRead>(control, 'chat.read')).toHaveLength(reads);

    // A second message from the point: unread 1 for the control room until it reads.
    await t.http().post(messages('BDI-01')).set(bearer(e.operators['BDI-01'])).send({ text: 'Đã nghe rõ, cảm ơn.' }).expect(201);
    expect((await threads(moderator))[0].unread).toBe(1);
    await t.http().post(`${messages('BDI-01')}/read`).set(bearer(e.organizer)).expect(200);
    expect((await threads(moderator))[0].unread).toBe(0);
    await until(() => got<ChatRead>(control, 'chat.read').some((r) => r.side === 'control'), 5000, 'control chat.read');
    for (const s of [control, bdi1, bdi2]) s.close();
  });

  it('keeps each thread to its point and the conference staff', async () => {
    // An operator reads and writes only its own point's thread.
    expect((await t.http().get(messages('BDI-01')).set(bearer(e.operators['BDI-02'])).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().post(messages('BDI-01')).set(bearer(e.operators['BDI-02'])).send({ text: 'x' }).expect(403);
    await t.http().get(`/api/conferences/${e.id}/threads`).set(bearer(e.operators['BDI-01'])).expect(403);
    const presenter = await t.userToken('presenter');
    await t.addStaff(e.id, presenter);
    await t.http().get(messages('BDI-01')).set(bearer(presenter)).expect(403);
    const other = await seedEvent(t, manyPoints(2));
    expect((await t.http().get(messages('BDI-01')).set(bearer(other.organizer)).expect(403)).body.code).toBe('NOT_CONFERENCE_STAFF');
    // A point of another conference has no thread here.
    const foreign = `/api/conferences/${e.id}/points/${other.points['P-001'].id}/messages`;
    expect((await t.http().post(foreign).set(bearer(e.organizer)).send({ text: 'x' }).expect(404)).body.code).toBe('POINT_NOT_IN_CONFERENCE');
    for (const body of [{}, { text: '  ' }, { text: 'a'.repeat(2001) }, { text: 7 }]) {
      expect((await t.http().post(messages('BDI-02')).set(bearer(e.organizer)).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await thread('BDI-02', e.organizer)).messages).toEqual([]);
  });
});
