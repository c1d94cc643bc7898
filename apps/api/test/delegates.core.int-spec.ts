import type { PublicConferenceState } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { SecretsService } from '../src/common/secrets.service';
import { periodAt, roomCodeFor } from '../src/delegates/room-codes';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { openSocket, until } from './sockets';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe(`delegates on their phones (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  const roomCode = async (code = 'BDI-01') =>
    (await t.http().get(`/api/conferences/${e.id}/points/${e.points[code].id}/room-code`).set(bearer(e.operators[code])).expect(200)).body as {
      roomCode: string;
      expiresAt: string;
    };
  const open = (body: Record<string, unknown>) => t.http().post('/api/delegate-sessions').send(body);

  it('shows the room a fresh code names, and refuses codes that are forged or older than two minutes', async () => {
    const { roomCode: code, expiresAt } = await roomCode();
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    const room = await t.http().get(`/api/rooms/${code}`).expect(200);
    expect(room.body).toMatchObject({ conferenceId: e.id, pointCode: 'BDI-01', pointName: 'Điểm cầu Phúc Xá' });

    const key = await t.app.get(SecretsService).roomCodeKey();
    const old = roomCodeFor(key, e.id, e.points['BDI-01'].id, periodAt(Date.now()) - 2);
    expect((await t.http().get(`/api/rooms/${old}`).expect(401)).body.code).toBe('ROOM_CODE_INVALID');
    const previous = roomCodeFor(key, e.id, e.points['BDI-01'].id, periodAt(Date.now()) - 1);
    await t.http().get(`/api/rooms/${previous}`).expect(200);
    expect((await open({ roomCode: `${code.slice(0, -2)}AA`, delegateCode: 'DB-1' }).expect(401)).body.code).toBe('ROOM_CODE_INVALID');
    // Only the point's own operator (or an organizer) gets its room code.
    await t.http().get(`/api/conferences/${e.id}/points/${e.points['BDI-01'].id}/room-code`).set(bearer(e.operators['BDI-02'])).expect(403);
  });

  it('opens one session per delegate: the same phone gets it back, a second phone is refused until the room releases it', async () => {
    const { roomCode: code } = await roomCode();
    const first = await open({ roomCode: code, delegateCode: 'db-2', deviceId: 'phone-of-hoa-1' }).expect(201);
    expect(first.body).toMatchObject({ conferenceId: e.id, pointId: e.points['BDI-01'].id });
    const again = await open({ roomCode: code, delegateCode: 'DB-2', deviceId: 'phone-of-hoa-1' }).expect(201);
    const other = await open({ roomCode: code, delegateCode: 'DB-2', deviceId: 'another-phone-9' }).expect(409);
    expect(other.body.code).toBe('DELEGATE_SIGNED_IN_ELSEWHERE');
    // Both tokens of the first phone work; the delegate's /live socket follows the public state.
    await t.http().get('/api/delegate-sessions/me').set(bearer(first.body.accessToken)).expect(200);
    const live = await openSocket(url, '/live', again.body.accessToken, e.id);

    await t.http().delete(`/api/conferences/${e.id}/points/${e.points['BDI-01'].id}/delegate-sessions/DB-2`).set(bearer(e.operators['BDI-01'])).expect(204);
    expect((await t.http().get('/api/delegate-sessions/me').set(bearer(first.body.accessToken)).expect(401)).body.code).toBe('SESSION_ENDED');
    expect((await live.closed())?.code).toBe('SESSION_ENDED');
    await open({ roomCode: code, delegateCode: 'DB-2', deviceId: 'another-phone-9' }).expect(201);
  });

  it('refuses a delegate of another point unless the organizer allows it, and unknown codes', async () => {
    const { roomCode: code } = await roomCode();
    expect((await open({ roomCode: code, delegateCode: 'DB-6' }).expect(403)).body.code).toBe('DELEGATE_OF_ANOTHER_POINT');
    expect((await open({ roomCode: code, delegateCode: 'NOBODY' }).expect(404)).body.code).toBe('DELEGATE_NOT_FOUND');
    await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ allowCrossPointCheckIn: true }).expect(200);
    try {
      const s = await open({ roomCode: code, delegateCode: 'DB-6', deviceId: 'visiting-phone' }).expect(201);
      const checkIn = await t.http().post(`/api/conferences/${e.id}/attendance/self`).set(bearer(s.body.accessToken)).expect(200);
      expect(checkIn.body).toMatchObject({ delegateCode: 'DB-6', replayed: false });
    } finally {
      await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ allowCrossPointCheckIn: false }).expect(200);
    }
  });

  it('finds a delegate by name without diacritics, and asks for the birth year when the registry has it', async () => {
    await t.app.get(DataSource).query("UPDATE delegates SET birth_year = 1978 WHERE code = 'DB-1'");
    const { roomCode: code } = await roomCode();
    const found = (await t.http().get(`/api/rooms/${code}/roster`).query({ search: 'nguyen van' }).expect(200)).body as { ref: string; fullName: string; confirm: string }[];
    expect(found.map((d) => d.fullName)).toEqual(['Nguyễn Văn Ánh']);
    expect(found[0].confirm).toBe('birthYear');
    expect(JSON.stringify(found)).not.toContain('DB-1');
    const ref = found[0].ref;
    expect((await open({ roomCode: code, ref }).expect(400)).body.code).toBe('DELEGATE_CONFIRMATION_REQUIRED');
    expect((await open({ roomCode: code, ref, confirmation: '1987' }).expect(401)).body.code).toBe('DELEGATE_CONFIRMATION_WRONG');
    const s = await open({ roomCode: code, ref, confirmation: '1978', deviceId: 'phone-of-anh' }).expect(201);
    expect((await t.http().get('/api/delegate-sessions/me').set(bearer(s.body.accessToken)).expect(200)).body).toMatchObject({
      code: 'DB-1',
      fullName: 'Nguyễn Văn Ánh',
      pointName: 'Điểm cầu Phúc Xá',
      checkedInAt: null,
    });
    // A ref made for one room means nothing in another.
    const other = await roomCode('BDI-02');
    await open({ roomCode: other.roomCode, ref, confirmation: '1978' }).expect(404);
    await t.http().get(`/api/rooms/${code}/roster`).query({ search: 'n' }).expect(400);
  });

  it('checks a delegate in once from their phone, counted in the summary like any check-in', async () => {
    const { roomCode: code } = await roomCode();
    const s = await open({ roomCode: code, delegateCode: 'DB-3', deviceId: 'phone-of-tuan' }).expect(201);
    const before = (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body.delegates.checkedIn;
    const first = await t.http().post(`/api/conferences/${e.id}/attendance/self`).set(bearer(s.body.accessToken)).set('Idempotency-Key', 'tap-1').expect(200);
    const retry = await t.http().post(`/api/conferences/${e.id}/attendance/self`).set(bearer(s.body.accessToken)).set('Idempotency-Key', 'tap-1').expect(200);
    const second = await t.http().post(`/api/conferences/${e.id}/attendance/self`).set(bearer(s.body.accessToken)).set('Idempotency-Key', 'tap-2').expect(200);
    expect(first.body).toMatchObject({ delegateCode: 'DB-3', replayed: false });
    // A retried tap (same key) and a second tap both answer with the first check-in, marked replayed.
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(second.body).toEqual({ ...first.body, replayed: true });
    const after = (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body.delegates.checkedIn;
    expect(after).toBe(before + 1);
    expect((await t.http().get('/api/delegate-sessions/me').set(bearer(s.body.accessToken)).expect(200)).body.checkedInAt).toBe(first.body.checkedInAt);
  });

  it('lets a delegate token reach nothing but its own state and the public one', async () => {
    const { roomCode: code } = await roomCode();
    const s = await open({ roomCode: code, delegateCode: 'DB-4', deviceId: 'phone-of-ha-01' });
    // DB-4 belongs to BDI-02: refused in BDI-01's room.
    expect(s.status).toBe(403);
    const own = await open({ roomCode: (await roomCode('BDI-02')).roomCode, delegateCode: 'DB-4', deviceId: 'phone-of-ha-01' }).expect(201);
    const token = own.body.accessToken;
    for (const path of ['/attendance/summary', '/questions', '', '/points', `/points/${e.points['BDI-02'].id}/delegates`, '/floor', '/speak-requests']) {
      const res = await t.http().get(`/api/conferences/${e.id}${path}`).set(bearer(token));
      expect([path, res.status]).toEqual([path, 403]);
    }
    await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(token)).send({ delegateCode: 'DB-5' }).expect(403);
    const media = await openSocket(url, '/media', token, e.id);
    expect((await media.closed())?.code).toBe('MEDIA_FORBIDDEN');

    const live = await openSocket(url, '/live', token, e.id);
    const states = () => live.received.filter((r) => r.event === 'public.state').map((r) => r.payload as PublicConferenceState);
    const other = () => live.received.map((r) => r.event).filter((event) => event !== 'public.state');
    await until(() => states().length > 0);
    expect(states()[0]).toMatchObject({ conferenceId: e.id, title: 'Hội nghị' });

    // A delegate's question goes to moderation with their name; the phones see it only once approved.
    const asked = await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(token)).send({ text: 'Xin hỏi về lịch tiếp dân' }).expect(201);
    expect(asked.body).toMatchObject({ pointId: e.points['BDI-02'].id, askedBy: 'Phạm Thu Hà', status: 'pending' });
    await new Promise((r) => setTimeout(r, 600));
    expect(states().at(-1)!.questions.map((q) => q.id)).not.toContain(asked.body.id);
    const moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
    await t.http().patch(`/api/conferences/${e.id}/questions/${asked.body.id}`).set(bearer(moderator)).send({ status: 'approved' }).expect(200);
    await until(() => states().at(-1)!.questions.some((q) => q.id === asked.body.id));
    expect(JSON.stringify(states())).not.toMatch(/operatorPhone|09120/);
    expect(other()).toEqual([]);
    live.close();
  }, 30_000);
});
