import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { takeSnapshots } from '../src/attendance/snapshot.processor';
import { expireFiles } from '../src/jobs/file-retention';
import { readTable } from '../src/imports/tabular';
import { startTestApp, TestApp, waitForJob } from './harness';
import { Event, seedEvent } from './fixtures';

describe(`attendance exports (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const exportFile = async (body: object) => {
    const res = await t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.organizer)).send(body).expect(202);
    const job = await waitForJob(t, e.organizer, res.body.jobId);
    expect(job.state).toBe('completed');
    const file = await t
      .http()
      .get(`/api/exports/${job.result.exportId}`)
      .set(bearer(e.organizer))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return { job, file };
  };

  beforeAll(async () => {
    t = await startTestApp();
    e = await seedEvent(t);
    const op = e.operators['BDI-01'];
    await t.http().put(`/api/conferences/${e.id}/points/${e.points['BDI-01'].id}/headcount`).set(bearer(op)).send({ present: 3 }).expect(200);
    for (const code of ['DB-1', 'DB-3']) {
      await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).send({ delegateCode: code }).expect(200);
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('exports attendance per point as CSV with Vietnamese headers', async () => {
    const { job, file } = await exportFile({ kind: 'points', format: 'csv', lang: 'vi' });
    expect(job.result).toMatchObject({ rows: 3, filename: expect.stringMatching(/^diem-danh-diem-cau-\d{8}-\d{4}\.csv$/) });
    const text = file.body.toString('utf8');
    expect(text.startsWith('\uFEFFMã điểm cầu,Tên điểm cầu,Quận/Huyện')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    const phucXa = lines.find((l: string) => l.startsWith('BDI-01'))!;
    expect(phucXa).toContain('Đã điểm danh');
    expect(phucXa).toContain(',3,2,Nguyễn Văn An,0912000001');
    expect(lines.find((l: string) => l.startsWith('HKI-01'))).toContain('Chưa điểm danh');
  });

  it('exports per unit as XLSX in English, with a total row', async () => {
    const { file } = await exportFile({ kind: 'units', format: 'xlsx', lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['District', 'Points', 'Points checked in', 'Expected delegates', 'Present (reported)', 'Delegates checked in', 'Present (%)']);
    expect(rows).toContainEqual(['Ba Đình', 2, 1, 5, 3, 2, 60]);
    expect(rows[rows.length - 1]).toEqual(['Total', 3, 1, 7, 3, 2, 42.9]);
  });

  it('exports every delegate, present or not, in a file the import reader can read back', async () => {
    const { file } = await exportFile({ kind: 'delegates', format: 'csv', lang: 'vi' });
    const { rows } = await readTable(file.body, [
      { field: 'code', required: true, headers: ['mã đại biểu'] },
      { field: 'present', required: true, headers: ['có mặt'] },
    ]);
    expect(rows.map((r) => `${r.values.code}:${r.values.present}`)).toEqual([
      'DB-1:Có', 'DB-2:Không', 'DB-3:Có', 'DB-4:Không', 'DB-5:Không', 'DB-6:Không', 'DB-7:Không',
    ]);
  });

  it('refuses bad export requests and unknown files', async () => {
    const bad = await t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.organizer)).send({ kind: 'all', format: 'pdf' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.operators['BDI-01'])).send({ kind: 'points', format: 'csv' }).expect(403);
    const missing = await t.http().get('/api/exports/6f1c1f5e-0000-4000-8000-000000000000').set(bearer(e.organizer)).expect(404);
    expect(missing.body.code).toBe('EXPORT_NOT_FOUND');
  });

  it('writes questions that start like formulas as text, in CSV and XLSX, and keeps numbers numeric', async () => {
    const attacks = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'];
    for (const text of attacks) {
      await t.http().post(`/api/conferences/${e.id}/questions`).set(bearer(e.operators['BDI-02'])).send({ text }).expect(201);
    }
    const csv = (await exportFile({ kind: 'questions', format: 'csv', lang: 'en' })).file.body.toString('utf8');
    for (const text of attacks) {
      const cell = `'${text.replace(/"/g, '""')}`;
      expect(csv).toContain(/[",]/.test(text) ? `"${cell}"` : cell);
    }
    expect(csv).not.toMatch(/(^|,)[=+@-]/m);

    const { file } = await exportFile({ kind: 'questions', format: 'xlsx', lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const texts = wb.worksheets[0].getColumn(7).values.slice(2) as string[];
    expect(texts).toEqual(expect.arrayContaining(attacks.map((a) => `'${a}`)));
    expect(wb.worksheets[0].getColumn(7).values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    const units = await exportFile({ kind: 'units', format: 'xlsx', lang: 'en' });
    const ub = new ExcelJS.Workbook();
    await ub.xlsx.load(units.file.body);
    expect(typeof ub.worksheets[0].getCell('B2').value).toBe('number');
  }, 60_000);

  it('deletes exports after EXPORT_RETENTION_HOURS: a download then gets 410 EXPORT_EXPIRED', async () => {
    const { job } = await exportFile({ kind: 'points', format: 'csv', lang: 'vi' });
    const fresh = await exportFile({ kind: 'units', format: 'csv', lang: 'vi' });
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE export_files SET created_at = now() - interval '169 hours' WHERE id = $1`, [job.result.exportId]);
    const outcome = await expireFiles(ds, 168, 168);
    expect(outcome.exportsExpired).toBeGreaterThanOrEqual(1);
    const gone = await t.http().get(`/api/exports/${job.result.exportId}`).set(bearer(e.organizer)).expect(410);
    expect(gone.body).toMatchObject({ code: 'EXPORT_EXPIRED', message: expect.stringContaining('168 hours') });
    const [row] = await ds.query('SELECT content FROM export_files WHERE id = $1', [job.result.exportId]);
    expect(row.content).toBeNull();
    await t.http().get(`/api/exports/${fresh.job.result.exportId}`).set(bearer(e.organizer)).expect(200);
    const schedulers = await t.app.get<Queue>(getQueueToken('cleanup')).getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('file-retention');
  }, 60_000);

  it('keeps per-minute snapshots so the timeline shows the reported headcount', async () => {
    await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ status: 'scheduled' }).expect(200);
    expect(await takeSnapshots(t.app.get(DataSource))).toBeGreaterThanOrEqual(1);
    const summary = await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200);
    expect(summary.body.timeline.at(-1)).toMatchObject({ pointsCheckedIn: 1, delegatesCheckedIn: 2, present: 3 });
  });
});
