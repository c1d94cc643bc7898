import type { ConferenceDto, PointModerationState } from '@bridgepoint/contracts';
import { Event, liveClient, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';
import { followModerationOf } from './sockets';

describe(`the live agenda (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  let url: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    url = await t.listen();
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('lets moderators mark the agenda item the conference is on, and every screen hears of it', async () => {
    const agenda = (
      await t.http().put(`/api/conferences/${e.id}/agenda`).set(bearer(e.organizer)).send({ items: [{ title: 'Khai mạc' }, { title: 'Thảo luận' }] }).expect(200)
    ).body as ConferenceDto['agenda'];
    const moderator = await t.userToken('moderator');
    await t.addStaff(e.id, moderator);
    const point = liveClient(url, e.operators['BDI-01'], e.id);
    const states: PointModerationState[] = [];
    point.socket.on('point.moderation', (s: PointModerationState) => states.push(s));
    const hall = liveClient(url, moderator, e.id);
    const snapshots = followModerationOf(hall.socket).states;
    try {
      await t.http().put(`/api/conferences/${e.id}/agenda/current`).set(bearer(moderator)).send({ agendaItemId: agenda[1].id }).expect(200, { currentAgendaItemId: agenda[1].id });
      const deadline = Date.now() + 5000;
      while ((snapshots.at(-1)?.currentAgendaItemId !== agenda[1].id || states.at(-1)?.currentAgendaItemId !== agenda[1].id) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(snapshots.at(-1)?.currentAgendaItemId).toBe(agenda[1].id);
      expect(states.at(-1)?.currentAgendaItemId).toBe(agenda[1].id);

      // Another conference's item, or not an id at all: refused with a stable code.
      const other = await t.http().post('/api/conferences').set(bearer(e.organizer)).send({ title: 'Khác', startsAt: '2026-12-02T01:00:00Z', agenda: [{ title: 'Riêng' }] }).expect(201);
      const foreign = (other.body as ConferenceDto).agenda[0].id;
      const refused = await t.http().put(`/api/conferences/${e.id}/agenda/current`).set(bearer(moderator)).send({ agendaItemId: foreign }).expect(404);
      expect(refused.body.code).toBe('AGENDA_ITEM_NOT_FOUND');
      expect((await t.http().put(`/api/conferences/${e.id}/agenda/current`).set(bearer(moderator)).send({ agendaItemId: 'soon' }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      // A point reads it but does not move it.
      await t.http().put(`/api/conferences/${e.id}/agenda/current`).set(bearer(e.operators['BDI-01'])).send({ agendaItemId: null }).expect(403);
      await t.http().put(`/api/conferences/${e.id}/agenda/current`).set(bearer(moderator)).send({ agendaItemId: null }).expect(200, { currentAgendaItemId: null });
    } finally {
      point.close();
      hall.close();
    }
  });
});
