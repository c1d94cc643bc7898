import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthResponse, RecordingDto } from '@bridgepoint/contracts';
import { RecordingsStore } from '../src/recording/recordings.store';
import { Event, seedEvent } from './fixtures';
import { startTestApp, TestApp } from './harness';

/**
 * The recordings' list and files for the organizers, what is left of a media process that died, and
 * `/api/health` saying whether recording is on. (Making recordings: test/e2e/recording.e2e.ts.)
 */
describe('recordings over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bp-recordings-'));
  const env = { RECORDINGS_DIR: dir };
  let t: TestApp;
  let a: Event;
  let b: Event;
  let store: RecordingsStore;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A finished recording of `conferenceId` with a file of these bytes. */
  async function recording(conferenceId: string, bytes: Buffer | null, pointId: string | null = null): Promise<string> {
    const id = randomUUID();
    const fileName = `20261201T010000Z-${pointId ? 'floor' : 'broadcast'}-${id.slice(0, 8)}.webm`;
    if (bytes) {
      mkdirSync(join(dir, conferenceId), { recursive: true });
      writeFileSync(join(dir, conferenceId, fileName), bytes);
    }
    await store.begin(id, conferenceId, pointId ? 'floor' : 'broadcast', pointId, fileName, new Date(Date.now() - 12_000));
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp(undefined, env);
    store = t.app.get(RecordingsStore);
    a = await seedEvent(t);
    b = await seedEvent(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists a conference’s recordings with point and agenda item, and sends their files to its organizers only', async () => {
    const agenda = await t.http().put(`/api/conferences/${a.id}/agenda`).set(auth(a.organizer)).send({ items: [{ title: 'Khai mạc' }] }).expect(200);
    await t.http().put(`/api/conferences/${a.id}/agenda/current`).set(auth(a.organizer)).send({ agendaItemId: agenda.body[0].id }).expect(200);
    const point = a.points['BDI-01']!;
    const content = Buffer.from('a recording, as ffmpeg wrote it');
    const id = await recording(a.id, content, point.id);
    await store.end(id, 'done', content.length);

    const list = await t.http().get(`/api/conferences/${a.id}/recordings`).set(auth(a.organizer)).expect(200);
    const [r] = list.body as RecordingDto[];
    expect(list.body).toHaveLength(1);
    expect(r).toMatchObject({ id, kind: 'floor', pointId: point.id, pointName: point.name, agendaItemTitle: 'Khai mạc', state: 'done', sizeBytes: content.length });
    expect(r!.durationMs).toBeGreaterThanOrEqual(11_000);

    const file = await t.http().get(`/api/conferences/${a.id}/recordings/${id}/file`).set(auth(a.organizer)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(file.headers['content-type']).toBe('video/webm');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${r!.fileName}"`);
    expect(Buffer.compare(file.body as Buffer, content)).toBe(0);

    // Another conference's organizer is refused; under another conference the recording does not exist.
    await t.http().get(`/api/conferences/${a.id}/recordings`).set(auth(b.organizer)).expect(403);
    const elsewhere = await t.http().get(`/api/conferences/${b.id}/recordings/${id}/file`).set(auth(b.organizer)).expect(404);
    expect(elsewhere.body.code).toBe('RECORDING_NOT_FOUND');
    // A row whose file is gone: 404 with the same code, never a 500.
    const lost = await recording(a.id, null);
    const gone = await t.http().get(`/api/conferences/${a.id}/recordings/${lost}/file`).set(auth(a.organizer)).expect(404);
    expect(gone.body.code).toBe('RECORDING_NOT_FOUND');
  });

  it('ends the recordings a dead media process left open, as interrupted, with the size of their file', async () => {
    const content = Buffer.alloc(4096, 1);
    const left = await recording(b.id, content);
    const nothing = await recording(b.id, null);
    // Another media process of the same deployment starts: the rows still "recording" are closed.
    const next = await startTestApp(undefined, env, t);
    try {
      const list = (await t.http().get(`/api/conferences/${b.id}/recordings`).set(auth(b.organizer)).expect(200)).body as RecordingDto[];
      const state = (id: string) => list.find((r) => r.id === id);
      expect(state(left)).toMatchObject({ state: 'interrupted', sizeBytes: 4096 });
      expect(state(left)!.endedAt).not.toBeNull();
      expect(state(nothing)).toMatchObject({ state: 'failed', sizeBytes: 0 });
    } finally {
      await next.close();
    }
  });

  it('says in /api/health whether recording is on, and why not', async () => {
    const on = (await t.http().get('/api/health').expect(200)).body as HealthResponse;
    expect(on.recording).toEqual({ state: 'on', reason: null });
    for (const [settings, why] of [
      [{ FFMPEG_BIN: '/nonexistent/ffmpeg' }, /FFMPEG_BIN=\/nonexistent\/ffmpeg does not run/],
      [{ RECORDING: 'off' }, /RECORDING=off/],
    ] as const) {
      const other = await startTestApp(undefined, { ...env, ...settings }, t);
      try {
        const health = (await other.http().get('/api/health').expect(200)).body as HealthResponse;
        expect(health.recording.state).toBe('off');
        expect(health.recording.reason).toMatch(why);
      } finally {
        await other.close();
      }
    }
  }, 60_000);
});
