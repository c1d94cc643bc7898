import { io } from 'socket.io-client';
import type { PointModerationState } from '@bridgepoint/contracts';
import { startTestApp, TestApp, waitForJob } from './harness';
import { Event, seedEvent } from './fixtures';
import { followModerationOf } from './sockets';

describe(`questions and requests to speak (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let moderator: string;
  let moderator2: string;
  let presenter: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ask = (code: string, text: string, extra: object = {}) =>
    t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators[code])).send({ text, ...extra });
  const moderate = (token: string, qid: string, body: object) =>
    t.http().patch(`/api/conferences/${e.id}/questions/${qid}`).set(bearer(token)).send(body);
  const speak = (code: string, topic?: string) =>
    t.http().post(`/api/conferences/${e.id}/speak-requests`).set(bearer(e.operators[code])).send(topic ? { topic } : {});
  const post = (token: string, path: string) => t.http().post(`/api/conferences/${e.id}${path}`).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp(undefined, { QUESTIONS_PER_MINUTE: '1000', SPEAK_REQUESTS_PER_MINUTE: '1000' });
    url = await t.listen();
    e = await seedEvent(t);
    [moderator, moderator2, presenter] = await Promise.all([t.userToken('moderator'), t.userToken('moderator'), t.userToken('presenter')]);
    await t.addStaff(e.id, moderator, moderator2, presenter);
  }, 60_000);
  afterAll(() => t?.close());

  it('takes a question from a point, tagged with the point and its unit, as plain text', async () => {
    const res = await ask('BDI-01', '  <b>Lộ trình</b> triển khai ở phường?  ', { askedBy: 'Nguyễn Văn Ánh' }).expect(201);
    expect(res.body).toMatchObject({
      text: '<b>Lộ trình</b> triển khai ở phường?',
      status: 'pending',
      pointCode: 'BDI-01',
      unit: 'Phúc Xá',
      district: 'Ba Đình',
      askedBy: 'Nguyễn Văn Ánh',
    });
    const mine = await t.http().get(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['BDI-02'])).expect(200);
    expect(mine.body).toEqual([]);
    expect((await t.http().get(`/api/conferences/${e.id}/questions`).set(bearer(presenter)).expect(200)).body).toEqual([]);
    expect((await ask('BDI-01', '').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await ask('BDI-01', 'x'.repeat(1001)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(moderator)).send({ text: 'a' }).expect(403);
  });

  it('moves questions only along allowed transitions, keeping the original text and every change', async () => {
    const q = (await ask('BDI-02', 'Câu hỏi gốc').expect(201)).body;
    const edited = await moderate(moderator, q.id, { text: 'Câu hỏi đã biên tập' }).expect(200);
    expect(edited.body).toMatchObject({ text: 'Câu hỏi đã biên tập', originalText: 'Câu hỏi gốc', status: 'pending' });
    expect((await moderate(moderator, q.id, { status: 'answered' }).expect(409)).body.code).toBe('QUESTION_INVALID_TRANSITION');
    await moderate(moderator, q.id, { status: 'approved' }).expect(200);
    expect((await moderate(moderator, q.id, { text: 'sửa sau khi duyệt' }).expect(409)).body.code).toBe('QUESTION_INVALID_TRANSITION');
    expect((await post(e.operators['BDI-02'], `/questions/${q.id}/withdraw`).expect(409)).body.code).toBe('QUESTION_INVALID_TRANSITION');
    const answered = await moderate(moderator, q.id, { status: 'answered' }).expect(200);
    expect(answered.body.status).toBe('answered');
    const history = await t.http().get(`/api/conferences/${e.id}/questions/${q.id}/history`).set(bearer(moderator)).expect(200);
    expect(history.body.map((h: { kind: string }) => h.kind)).toEqual(['created', 'edited', 'approved', 'answered']);
    expect(history.body[1].actor).toMatch(/^user:moderator/);

    const r = (await ask('HKI-01', 'Ngoài lề').expect(201)).body;
    const rejected = await moderate(moderator, r.id, { status: 'rejected', rejectReason: 'Không thuộc chủ đề' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'Không thuộc chủ đề' });
    const seen = await t.http().get(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['HKI-01'])).expect(200);
    expect(seen.body[0]).toMatchObject({ status: 'rejected', rejectReason: 'Không thuộc chủ đề' });
  });

  it('returns the first result when a point resends a question with the same Idempotency-Key', async () => {
    const first = (await ask('HKI-01', 'Gửi lại do mất mạng').set('Idempotency-Key', 'q-retry-1').expect(201)).body;
    const again = (await ask('HKI-01', 'Gửi lại do mất mạng').set('Idempotency-Key', 'q-retry-1').expect(201)).body;
    expect(again).toEqual(first);
    const mine = await t.http().get(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['HKI-01'])).expect(200);
    expect(mine.body.filter((q: { text: string }) => q.text === 'Gửi lại do mất mạng')).toHaveLength(1);
    expect((await ask('HKI-01', 'Nội dung khác').set('Idempotency-Key', 'q-retry-1').expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lets a point withdraw only its own pending question, and merges duplicates', async () => {
    const a = (await ask('BDI-01', 'Hỏi về ngân sách').expect(201)).body;
    const b = (await ask('HKI-01', 'Hỏi về ngân sách năm tới').expect(201)).body;
    expect((await post(e.operators['HKI-01'], `/questions/${a.id}/withdraw`).expect(403)).body.code).toBe('FORBIDDEN');
    const merged = await moderate(moderator, b.id, { status: 'merged', mergeInto: a.id }).expect(200);
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: a.id });
    const target = await t.http().get(`/api/conferences/${e.id}/questions`).set(bearer(moderator)).expect(200);
    expect(target.body.find((q: { id: string }) => q.id === a.id).mergedCount).toBe(1);
    expect((await moderate(moderator, a.id, { status: 'merged', mergeInto: a.id }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const c = (await ask('BDI-01', 'Rút lại').expect(201)).body;
    expect((await post(e.operators['BDI-01'], `/questions/${c.id}/withdraw`).expect(200)).body.status).toBe('withdrawn');
  });

  it('leaves one consistent state when two moderators approve the same question at once', async () => {
    const q = (await ask('BDI-02', 'Hai người cùng duyệt').expect(201)).body;
    const [x, y] = await Promise.all([moderate(moderator, q.id, { status: 'approved' }), moderate(moderator2, q.id, { status: 'approved' })]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.body.status).toBe('approved');
    expect(y.body.status).toBe('approved');
    const history = await t.http().get(`/api/conferences/${e.id}/questions/${q.id}/history`).set(bearer(moderator)).expect(200);
    expect(history.body.filter((h: { kind: string }) => h.kind === 'approved')).toHaveLength(1);
    const stale = await moderate(moderator, q.id, { status: 'rejected', version: 1 }).expect(409);
    expect(stale.body.code).toBe('QUESTION_STALE');
  });

  it('orders the approved list, marks the current question, and shows presenters only approved ones', async () => {
    const ids: string[] = [];
    for (const text of ['Một', 'Hai', 'Ba']) {
      const q = (await ask('HKI-01', text).expect(201)).body;
      await moderate(moderator, q.id, { status: 'approved' }).expect(200);
      ids.push(q.id);
    }
    const reordered = await t.http().put(`/api/conferences/${e.id}/questions/order`).set(bearer(moderator)).send({ order: [ids[2], ids[0]] }).expect(200);
    const texts = reordered.body.map((q: { text: string }) => q.text);
    expect(texts.slice(0, 2)).toEqual(['Ba', 'Một']);
    expect(texts.indexOf('Hai')).toBeGreaterThan(1);
    await t.http().put(`/api/conferences/${e.id}/questions/current`).set(bearer(moderator)).send({ questionId: ids[2] }).expect(200);
    expect((await t.http().get(`/api/conferences/${e.id}/questions/current`).set(bearer(presenter)).expect(200)).body).toEqual({ currentQuestionId: ids[2] });
    const forPresenter = await t.http().get(`/api/conferences/${e.id}/questions`).set(bearer(presenter)).expect(200);
    expect(forPresenter.body.every((q: { status: string }) => q.status === 'approved' || q.status === 'answered')).toBe(true);
    const pending = (await ask('HKI-01', 'Chưa duyệt').expect(201)).body;
    const bad = await t.http().put(`/api/conferences/${e.id}/questions/order`).set(bearer(moderator)).send({ order: [pending.id] }).expect(400);
    expect(bad.body.code).toBe('QUESTION_INVALID_TRANSITION');
  });

  it('queues requests to speak in arrival order, one per point, and gives the floor to one point at a time', async () => {
    const first = (await speak('BDI-01', 'Kiến nghị').set('Idempotency-Key', 'speak-1').expect(201)).body;
    expect((await speak('BDI-01', 'Kiến nghị').set('Idempotency-Key', 'speak-1').expect(201)).body).toEqual(first);
    expect((await speak('BDI-01').expect(409)).body.code).toBe('SPEAK_REQUEST_EXISTS');
    const second = (await speak('HKI-01').expect(201)).body;
    const third = (await speak('BDI-02').expect(201)).body;
    const queue = await t.http().get(`/api/conferences/${e.id}/speak-requests`).set(bearer(moderator)).expect(200);
    expect(queue.body.map((r: { id: string }) => r.id)).toEqual([first.id, second.id, third.id]);
    expect(queue.body[0].seq).toBeLessThan(queue.body[1].seq);

    await post(moderator, `/speak-requests/${first.id}/grant`).expect(200);
    expect((await t.http().get(`/api/conferences/${e.id}/floor`).set(bearer(e.operators['HKI-01'])).expect(200)).body).toMatchObject({ pointId: e.points['BDI-01'].id });
    await post(moderator, `/speak-requests/${second.id}/grant`).expect(200);
    const floor = await t.http().get(`/api/conferences/${e.id}/floor`).set(bearer(moderator)).expect(200);
    expect(floor.body).toMatchObject({ pointId: e.points['HKI-01'].id, pointName: 'Điểm cầu Hàng Bạc' });
    const after = await t.http().get(`/api/conferences/${e.id}/speak-requests`).set(bearer(moderator)).expect(200);
    expect(after.body.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[second.id, 'granted'], [third.id, 'waiting']]);

    expect((await post(e.operators['HKI-01'], `/speak-requests/${third.id}/withdraw`).expect(403)).body.code).toBe('FORBIDDEN');
    await post(moderator, `/speak-requests/${third.id}/skip`).expect(200);
    expect((await post(moderator, `/speak-requests/${third.id}/grant`).expect(409)).body.code).toBe('SPEAK_INVALID_TRANSITION');
    await post(moderator, '/floor/release').expect(200);
    expect((await t.http().get(`/api/conferences/${e.id}/floor`).set(bearer(moderator)).expect(200)).body.pointId).toBeNull();
    await post(e.operators['BDI-01'], '/speak-requests').expect(201);
    await post(moderator, '/floor/release').expect(200);
  });

  it('exports the question log with original and edited text', async () => {
    const res = await t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.organizer)).send({ kind: 'questions', format: 'csv', lang: 'vi' }).expect(202);
    const job = await waitForJob(t, e.organizer, res.body.jobId);
    expect(job.result.filename).toMatch(/^nhat-ky-cau-hoi-/);
    const file = await t.http().get(`/api/exports/${job.result.exportId}`).set(bearer(e.organizer)).expect(200);
    const text = file.text;
    expect(text).toContain('Câu hỏi đã biên tập,Câu hỏi gốc,Đã trả lời');
    expect(text).toContain('Không thuộc chủ đề');
    expect(text.trim().split('\r\n').length).toBeGreaterThan(8);
  });

  it('pushes moderation changes live: moderators see new questions, a point sees its queue position and the floor', async () => {
    const pointStates: PointModerationState[] = [];
    const mod = io(`${url}/live`, { auth: { token: moderator, conferenceId: e.id }, transports: ['websocket'], forceNew: true });
    const op = io(`${url}/live`, { auth: { token: e.operators['BDI-02'], conferenceId: e.id }, transports: ['websocket'], forceNew: true });
    const modSnapshots = followModerationOf(mod).states;
    op.on('point.moderation', (s: PointModerationState) => pointStates.push(s));
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(pred()).toBe(true);
    };
    await until(() => modSnapshots.length > 0 && pointStates.length > 0);
    const started = Date.now();
    const q = (await ask('HKI-01', 'Câu hỏi trực tiếp').expect(201)).body;
    await until(() => modSnapshots.some((s) => s.questions.some((x) => x.id === q.id)));
    expect(Date.now() - started).toBeLessThan(2000);

    const req = (await speak('BDI-02').expect(201)).body;
    await until(() => pointStates.some((s) => s.speak?.id === req.id && s.queuePosition !== null));
    await post(moderator, `/speak-requests/${req.id}/grant`).expect(200);
    await until(() => pointStates.some((s) => s.floor.pointId === e.points['BDI-02'].id));
    await post(moderator, '/floor/release').expect(200);
    await until(() => pointStates.at(-1)?.speak === null && pointStates.at(-1)?.lastDecision?.status === 'done');
    expect(pointStates.at(-1)!.lastDecision).toMatchObject({ id: req.id, decidedAt: expect.any(String) });

    // Idle sockets stay silent: past the 5 s safety refresh, nothing unchanged is sent again; a change still is.
    await new Promise((r) => setTimeout(r, 300));
    const [modBefore, pointBefore] = [modSnapshots.length, pointStates.length];
    await new Promise((r) => setTimeout(r, 6000));
    expect([modSnapshots.length, pointStates.length]).toEqual([modBefore, pointBefore]);
    await post(moderator, '/floor').send({ pointId: e.points['BDI-02'].id }).expect(200);
    await until(() => pointStates.at(-1)?.floor.pointId === e.points['BDI-02'].id);
    mod.close();
    op.close();
  }, 30_000);
});

describe('question and speak limits', () => {
  let t: TestApp;
  let e: Event;
  beforeAll(async () => {
    t = await startTestApp();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('allow 5 questions and 3 requests to speak per point per minute, then answer 429', async () => {
    while (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 500));
    const bearer = { Authorization: `Bearer ${e.operators['BDI-02']}` };
    const asked: number[] = [];
    for (let i = 0; i < 6; i++) asked.push((await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer).send({ text: `Câu ${i}` })).status);
    expect(asked).toEqual([201, 201, 201, 201, 201, 429]);
    const spoke: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http().post(`/api/conferences/${e.id}/speak-requests`).set(bearer).send({});
      spoke.push(res.status);
      if (res.status === 201) await t.http().post(`/api/conferences/${e.id}/speak-requests/${res.body.id}/withdraw`).set(bearer).expect(200);
    }
    expect(spoke).toEqual([201, 201, 201, 429]);
  }, 30_000);
});
