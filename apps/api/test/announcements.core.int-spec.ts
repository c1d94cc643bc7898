import type { AnnouncementDto, UnitDto } from '@bridgepoint/contracts';
import { startTestApp, TestApp } from './harness';
import { DataSource } from 'typeorm';
import { Event, manyPoints, seedEvent } from './fixtures';
import { openSocket, until } from './sockets';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
type LiveSocket = Awaited<ReturnType<typeof openSocket>>;
/** Opens a `/live` socket and waits until the server has put it in its rooms (it sends the first state then). */
async function joined(url: string, token: string, conferenceId: string): Promise<LiveSocket> {
  const s = await openSocket(url, '/live', token, conferenceId);
  await until(() => s.received.some((r) => r.event === 'attendance.summary' || r.event === 'point.attendance'), 5000, 'first state');
  return s;
}
const notices = (s: LiveSocket, event: 'announcement' | 'announcement.changed') =>
  s.received.filter((r) => r.event === event).map((r) => r.payload as AnnouncementDto);

describe(`announcements (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  let baDinh: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
    const units = (await t.http().get('/api/units').set(bearer(e.organizer)).expect(200)).body as UnitDto[];
    baDinh = units.find((u) => u.kind === 'district' && u.name === 'Ba Đình')!.id;
  }, 60_000);
  afterAll(() => t?.close());

  const send = (body: object, token = e.organizer) => t.http().post(`/api/conferences/${e.id}/announcements`).set(bearer(token)).send(body);
  const list = async (token: string) => (await t.http().get(`/api/conferences/${e.id}/announcements`).set(bearer(token)).expect(200)).body as AnnouncementDto[];
  const ack = (id: string, token: string) => t.http().post(`/api/conferences/${e.id}/announcements/${id}/ack`).set(bearer(token));

  it('reaches every point, live, and counts acknowledgements once per point for the control room', async () => {
    const control = await joined(url, e.organizer, e.id);
    const bdi1 = await joined(url, e.operators['BDI-01'], e.id);
    const hki1 = await joined(url, e.operators['HKI-01'], e.id);

    const sent = (await send({ text: '  Các điểm cầu kiểm tra micro trước 8 giờ 15.  ' }).expect(201)).body as AnnouncementDto;
    expect(sent).toMatchObject({ text: 'Các điểm cầu kiểm tra micro trước 8 giờ 15.', districtId: null, recipients: 3, acknowledged: 0, acknowledgedAt: null });
    expect(sent.createdBy).toEqual(expect.any(String));

    // Both operator pages hear the notice; the control room hears it was sent.
    await until(() => notices(bdi1, 'announcement').some((n) => n.id === sent.id), 5000, 'BDI-01 notice');
    await until(() => notices(hki1, 'announcement').some((n) => n.id === sent.id), 5000, 'HKI-01 notice');
    await until(() => notices(control, 'announcement.changed').some((n) => n.id === sent.id), 5000, 'control room notice');
    // Operators are not sent the control room's events, nor the control room the operators'.
    expect(notices(bdi1, 'announcement.changed')).toEqual([]);
    expect(notices(control, 'announcement')).toEqual([]);

    // The operator acknowledges: its list says so, and the control room's count becomes 1, live.
    const acked = (await ack(sent.id, e.operators['BDI-01']).expect(200)).body as AnnouncementDto;
    expect(acked).toMatchObject({ id: sent.id, acknowledged: 1, recipients: 3, acknowledgedAt: expect.any(String) });
    await until(() => notices(control, 'announcement.changed').some((n) => n.id === sent.id && n.acknowledged === 1), 5000, 'count 1');
    // The point's pages hear that it was acknowledged (another tab takes its banner down); the control room's copy is the staff view.
    await until(() => notices(bdi1, 'announcement').some((n) => n.id === sent.id && n.acknowledgedAt === acked.acknowledgedAt), 5000, 'acknowledged at the point');
    expect(notices(control, 'announcement.changed').every((n) => n.acknowledgedAt === null)).toBe(true);
    expect(notices(hki1, 'announcement').filter((n) => n.id === sent.id)).toHaveLength(1);
    const changesAfterFirst = notices(control, 'announcement.changed').length;

    // Acknowledging again changes nothing: same time, same count, no new event.
    const again = (await ack(sent.id, e.operators['BDI-01']).expect(200)).body as AnnouncementDto;
    expect(again).toEqual(acked);
    await new Promise((r) => setTimeout(r, 300));
    expect(notices(control, 'announcement.changed')).toHaveLength(changesAfterFirst);
    expect((await list(e.organizer)).find((n) => n.id === sent.id)).toMatchObject({ acknowledged: 1, acknowledgedAt: null });

    const mine = (await list(e.operators['BDI-01'])).find((n) => n.id === sent.id)!;
    expect(mine.acknowledgedAt).toBe(acked.acknowledgedAt);
    expect((await list(e.operators['HKI-01'])).find((n) => n.id === sent.id)!.acknowledgedAt).toBeNull();

    await ack(sent.id, e.operators['HKI-01']).expect(200);
    await until(() => notices(control, 'announcement.changed').some((n) => n.id === sent.id && n.acknowledged === 2), 5000, 'count 2');
    for (const s of [control, bdi1, hki1]) s.close();
  });

  it('addressed to one district: only its points hear it, see it and may acknowledge it', async () => {
    const bdi2 = await joined(url, e.operators['BDI-02'], e.id);
    const hki1 = await joined(url, e.operators['HKI-01'], e.id);
    const sent = (await send({ text: 'Ba Đình: đại biểu vào phòng lúc 7 giờ 45.', districtId: baDinh }).expect(201)).body as AnnouncementDto;
    expect(sent).toMatchObject({ districtId: baDinh, district: 'Ba Đình', recipients: 2, acknowledged: 0 });

    await until(() => notices(bdi2, 'announcement').some((n) => n.id === sent.id), 5000, 'BDI-02 notice');
    await new Promise((r) => setTimeout(r, 300));
    expect(notices(hki1, 'announcement').map((n) => n.id)).not.toContain(sent.id);

    expect((await list(e.operators['BDI-01'])).map((n) => n.id)).toContain(sent.id);
    expect((await list(e.operators['HKI-01'])).map((n) => n.id)).not.toContain(sent.id);
    expect((await list(e.organizer)).map((n) => n.id)).toContain(sent.id);

    expect((await ack(sent.id, e.operators['HKI-01']).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await ack(sent.id, e.operators['BDI-02']).expect(200)).body).toMatchObject({ acknowledged: 1, recipients: 2 });
    bdi2.close();
    hki1.close();
  });

  it('refuses the wrong people and bad input with stable codes', async () => {
    const sent = (await send({ text: 'Thông báo chung.' }).expect(201)).body as AnnouncementDto;
    // Only organizers send; moderators read; presenters neither.
    const [moderator, presenter] = [await t.userToken('moderator'), await t.userToken('presenter')];
    await t.addStaff(e.id, moderator, presenter);
    expect((await send({ text: 'x' }, moderator).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await send({ text: 'x' }, e.operators['BDI-01']).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await list(moderator)).map((n) => n.id)).toContain(sent.id);
    await t.http().get(`/api/conferences/${e.id}/announcements`).set(bearer(presenter)).expect(403);
    // Organizers of another conference, and its operators, are kept out.
    const other = await seedEvent(t, manyPoints(2));
    expect((await send({ text: 'x' }, other.organizer).expect(403)).body.code).toBe('NOT_CONFERENCE_STAFF');
    await t.http().get(`/api/conferences/${e.id}/announcements`).set(bearer(other.operators['P-001'])).expect(403);
    await ack(sent.id, other.operators['P-001']).expect(403);
    // A notice of another conference is not found through this one.
    const foreign = (await t.http().post(`/api/conferences/${other.id}/announcements`).set(bearer(other.organizer)).send({ text: 'Khác' }).expect(201)).body as AnnouncementDto;
    expect((await ack(foreign.id, e.operators['BDI-01']).expect(404)).body.code).toBe('NOT_FOUND');
    // Users acknowledge nothing: it is the point's answer.
    expect((await ack(sent.id, e.organizer).expect(403)).body.code).toBe('FORBIDDEN');

    for (const body of [{}, { text: '   ' }, { text: 'a'.repeat(1001) }, { text: 'a\u0007b' }, { text: 42 }, { text: 'x', districtId: 'nope' }]) {
      expect((await send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await send({ text: 'a\u0000b' }).expect(400)).body.code).toBe('INVALID_TEXT');
    expect((await send({ text: 'x', districtId: e.points['BDI-01'].unitId }).expect(404)).body.code).toBe('UNIT_NOT_FOUND');
    expect((await ack('not-a-uuid', e.operators['BDI-01']).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await ack('3f1c7a52-3d0e-4f5e-9a1b-2c3d4e5f6a7b', e.operators['BDI-01']).expect(404)).body.code).toBe('NOT_FOUND');
    // Each sent notice is in the audit log, with its text.
    const audited = (await t.app.get(DataSource).query(`SELECT after FROM audit_log WHERE action = 'announcement.send' AND target_id = $1`, [sent.id])) as { after: unknown }[];
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited[0].after)).toContain('Thông báo chung.');
  });
});
