import { conferenceDemo, delegatesCsv, generateDemo, pointsCsv } from '../src/demo/generate';
import { pointsXlsx } from '../src/demo/write-files';
import { startTestApp, TestApp, waitForJob } from './harness';

/** The reference event's files, full size, on the machine's Postgres: 649 points and 23,041 delegates. */
describe('full-size imports (postgres)', () => {
  let t: TestApp;
  let token: string;
  let conferenceId: string;
  const data = generateDemo();
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const importFile = async (path: string, content: string | Buffer, name: string) => {
    const res = await t.http().post(path).set(auth()).attach('file', Buffer.from(content), name).field('conferenceId', conferenceId).expect(202);
    return waitForJob(t, token, res.body.jobId, 120_000);
  };

  beforeAll(async () => {
    t = await startTestApp('postgres');
    token = await t.userToken('organizer');
    const res = await t.http().post('/api/conferences').set(auth()).send(conferenceDemo()).expect(201);
    conferenceId = res.body.id;
  }, 60_000);
  afterAll(() => t?.close());

  it('imports 649 points and 23,041 delegates, and a second import of the same files changes nothing', async () => {
    const points = await importFile('/api/bridge-points/import', pointsCsv(data), 'diem-cau.csv');
    expect(points.result).toMatchObject({ total: 649, created: 649, errorCount: 0 });
    const delegates = await importFile('/api/delegates/import', delegatesCsv(data), 'dai-bieu.csv');
    expect(delegates.result).toMatchObject({ total: 23_041, created: 23_041, errorCount: 0 });

    const conference = await t.http().get(`/api/conferences/${conferenceId}`).set(auth()).expect(200);
    expect(conference.body).toMatchObject({ pointCount: 649, expectedDelegates: 23_041 });
    const listed = await t.http().get('/api/delegates').query({ limit: 1 }).set(auth()).expect(200);
    expect(listed.body.total).toBe(23_041);
    const units = await t.http().get('/api/units').set(auth()).expect(200);
    const count = (kind: string) => units.body.filter((u: { kind: string }) => u.kind === kind).length;
    expect([count('city'), count('district'), count('ward'), count('agency')]).toEqual([1, 30, 579, 40]);

    const again = await importFile('/api/delegates/import', delegatesCsv(data), 'dai-bieu.csv');
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 23_041 });
    const xlsx = await importFile('/api/bridge-points/import', await pointsXlsx(data), 'diem-cau.xlsx');
    expect(xlsx.result).toMatchObject({ total: 649, created: 0, updated: 0, unchanged: 649 });
  }, 180_000);

  it('lists every participating point with a distinct join code', async () => {
    const res = await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth()).expect(200);
    expect(res.body).toHaveLength(649);
    expect(new Set(res.body.map((p: { joinCode: string }) => p.joinCode)).size).toBe(649);
  });

  it('documents the public contract in OpenAPI', async () => {
    const res = await t.http().get('/api/docs.json').expect(200);
    for (const path of ['/api/health', '/api/auth/login', '/api/conferences', '/api/bridge-points/import', '/api/delegates/import', '/api/jobs/{jobId}', '/api/point-sessions']) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });
});
