import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConferencePointDto } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { conferenceDemo, delegatesCsv, generateDemo, pointsCsv } from '../src/demo/generate';
import { districtLabel, HANOI_DISTRICTS } from '../src/demo/hanoi';
import { startTestApp, TestApp, waitForJob } from './harness';
import { hasPoppler, pdfPages, pdfText, renderPage } from './pdf-tools';

const describeWithPoppler = hasPoppler() ? describe : describe.skip;
if (!hasPoppler()) console.warn('Skipped: the record tests read PDFs with poppler (pdftotext); `npm test` installs poppler-utils when run as root.');

/** The record of the reference event, full size: 649 points and 23,041 delegates, on the machine's Postgres. */
describeWithPoppler('the attendance record of the demo conference (postgres)', () => {
  let t: TestApp;
  let token: string;
  let conferenceId: string;
  let points: ConferencePointDto[];
  const data = generateDemo();
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const vi = (n: number) => n.toLocaleString('vi-VN');
  const record = async (body: object) => {
    const started = Date.now();
    const res = await t.http().post(`/api/conferences/${conferenceId}/exports`).set(auth()).send({ kind: 'record', ...body }).expect(202);
    const job = await waitForJob(t, token, res.body.jobId, 120_000);
    const ms = Date.now() - started;
    expect(job.state).toBe('completed');
    const file = await t
      .http()
      .get(`/api/exports/${job.result.exportId}`)
      .set(auth())
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    return { job, ms, file: file.body as Buffer };
  };

  beforeAll(async () => {
    t = await startTestApp('postgres');
    token = await t.userToken('organizer');
    conferenceId = (await t.http().post('/api/conferences').set(auth()).send(conferenceDemo()).expect(201)).body.id;
    for (const [path, csv] of [['/api/bridge-points/import', pointsCsv(data)], ['/api/delegates/import', delegatesCsv(data)]]) {
      const res = await t.http().post(path).set(auth()).attach('file', Buffer.from(csv), 'f.csv').field('conferenceId', conferenceId).expect(202);
      expect((await waitForJob(t, token, res.body.jobId, 120_000)).result.errorCount).toBe(0);
    }
    points = (await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth()).expect(200)).body;
    // The event as it ended, written straight into the tables (23,041 check-ins over HTTP would take the
    // suite's time, and the check-in path has tests of its own): 1 point in 40 never checked in; 9 delegates
    // in 10 of the others checked in; their headcounts are a little above that, a few far above.
    const ds = t.app.get(DataSource);
    await ds.query(
      `UPDATE conference_points cp SET status = 'checked_in', checked_in_at = c.starts_at - make_interval(mins => abs(hashtext(cp.point_id::text)) % 50),
              present_at = c.starts_at
         FROM bridge_points p, conferences c
        WHERE cp.conference_id = $1 AND p.id = cp.point_id AND c.id = cp.conference_id AND abs(hashtext(p.code)) % 40 <> 0`,
      [conferenceId],
    );
    await ds.query(
      `INSERT INTO delegate_checkins (conference_id, delegate_id, point_id, checked_in_at, actor)
       SELECT $1, d.id, d.point_id, cp.checked_in_at + interval '5 minutes', 'point:' || d.point_id
         FROM delegates d JOIN conference_points cp ON cp.conference_id = $1 AND cp.point_id = d.point_id AND cp.status = 'checked_in'
        WHERE abs(hashtext(d.code)) % 10 <> 0`,
      [conferenceId],
    );
    await ds.query(
      `UPDATE conference_points cp SET delegates_checked_in = coalesce(n.n, 0),
              present = CASE WHEN cp.status = 'checked_in' THEN coalesce(n.n, 0) + abs(hashtext(p.code)) % 3 + CASE WHEN abs(hashtext(p.code)) % 60 = 0 THEN 8 ELSE 0 END END
         FROM bridge_points p
         LEFT JOIN (SELECT point_id, count(*)::int AS n FROM delegate_checkins WHERE conference_id = $1 GROUP BY point_id) n ON n.point_id = p.id
        WHERE cp.conference_id = $1 AND p.id = cp.point_id`,
      [conferenceId],
    );
    // Two corrections through the API, for the appendix.
    const [first] = points;
    await t.http().post(`/api/conferences/${conferenceId}/corrections`).set(auth()).send({ kind: 'headcount', pointId: first.id, present: 12, reason: 'Điểm cầu báo lại' }).expect(200);
    const roster = (await t.http().get(`/api/conferences/${conferenceId}/points/${first.id}/delegates`).set(auth()).expect(200)).body as { code: string; checkedIn: boolean }[];
    const present = roster.find((d) => d.checkedIn)!;
    await t.http().delete(`/api/conferences/${conferenceId}/attendance/${present.code}`).set(auth()).send({ reason: 'Đại biểu vắng, điểm danh nhầm' }).expect(200);
  }, 240_000);
  afterAll(() => t?.close());

  it('is generated as a PDF with the Vietnamese heading, the totals of the summary, every district and intact diacritics', async () => {
    const summary = (await t.http().get(`/api/conferences/${conferenceId}/attendance/summary`).set(auth()).expect(200)).body;
    const { job, ms, file } = await record({ format: 'pdf', lang: 'vi' });
    const pages = pdfPages(file);
    console.log(
      `Record of the demo conference (${points.length} points, ${data.delegates.length} delegates): ${pages} pages, ` +
        `${(file.length / 1024).toFixed(0)} KiB, generated in ${(job.result.durationMs / 1000).toFixed(2)} s (job), ${(ms / 1000).toFixed(2)} s from request to completed job`,
    );
    expect(job.result.durationMs).toBeLessThan(30_000);

    const text = pdfText(file, { layout: true });
    const flow = pdfText(file).replace(/\s+/g, ' ');
    for (const words of ['ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BIÊN BẢN ĐIỂM DANH', `Hội nghị: ${conferenceDemo().title}`]) {
      expect(flow).toContain(words);
    }
    expect(summary.points.total).toBe(649);
    expect(summary.delegates.expected).toBe(23_041);
    expect(text).toMatch(new RegExp(`Số điểm cầu theo kế hoạch\\s+${vi(summary.points.total)}\\b`));
    expect(text).toMatch(new RegExp(`Số điểm cầu đã điểm danh\\s+${vi(summary.points.checkedIn)}\\b`));
    expect(text).toMatch(new RegExp(`Số đại biểu theo kế hoạch\\s+${vi(summary.delegates.expected)}\\b`));
    expect(text).toMatch(new RegExp(`Số đại biểu có mặt \\(theo báo cáo của điểm cầu\\)\\s+${vi(summary.delegates.present)}\\b`));
    expect(text).toMatch(new RegExp(`Số đại biểu có mặt \\(theo danh sách điểm danh\\)\\s+${vi(summary.delegates.checkedIn)}\\b`));
    for (const d of HANOI_DISTRICTS) expect(text).toContain(districtLabel(d));
    expect(text).toContain('Huyện Ứng Hòa');
    expect(text).toContain('Cơ quan cấp thành phố');
    // Every point that did not check in is listed with its operator's phone.
    const missing = text.slice(text.indexOf('IV. CÁC ĐIỂM CẦU KHÔNG ĐIỂM DANH'), text.indexOf('V. ĐỐI CHIẾU'));
    for (const m of summary.missing as { code: string; operatorPhone: string }[]) expect(missing).toMatch(new RegExp(`${m.code}.*${m.operatorPhone}`));
    expect(flow.slice(flow.indexOf('PHỤ LỤC'))).toContain('Đại biểu vắng, điểm danh nhầm');
    expect(text).toContain(`Trang ${pages}/${pages}`);

    const dir = process.env.RECORD_PDF_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, job.result.filename), file);
    }
    const first = renderPage(file, 1, dir ? join(dir, 'demo-page-1.png') : undefined);
    expect(first.inked).toBeGreaterThan(0.01);
    const second = renderPage(file, 2, dir ? join(dir, 'demo-page-2.png') : undefined);
    expect(second.inked).toBeGreaterThan(0.01);
  }, 120_000);

  it("writes a district's and a point's record from the full registry", async () => {
    const units = (await t.http().get('/api/units').set(auth()).expect(200)).body as { id: string; name: string; kind: string }[];
    const ungHoa = units.find((u) => u.kind === 'district' && u.name === 'Huyện Ứng Hòa')!;
    const district = await record({ format: 'pdf', lang: 'vi', districtId: ungHoa.id });
    const text = pdfText(district.file, { layout: true });
    expect(text).toContain('Đơn vị: Huyện Ứng Hòa');
    expect(text).not.toContain('Quận Ba Đình');
    const point = points.find((p) => p.unit?.startsWith('Xã') && p.code.startsWith('UHO'))!;
    const one = await record({ format: 'pdf', lang: 'en', pointId: point.id });
    const pointText = pdfText(one.file, { layout: true });
    expect(pointText).toContain(`Point ${point.code}`);
    const roster = (await t.http().get(`/api/conferences/${conferenceId}/points/${point.id}/delegates`).set(auth()).expect(200)).body as { code: string }[];
    for (const d of roster) expect(pointText).toContain(d.code);
    console.log(
      `District record (Huyện Ứng Hòa): ${(district.file.length / 1024).toFixed(0)} KiB in ${(district.job.result.durationMs / 1000).toFixed(2)} s; ` +
        `point record (${roster.length} delegates): ${(one.file.length / 1024).toFixed(0)} KiB in ${(one.job.result.durationMs / 1000).toFixed(2)} s`,
    );
  }, 120_000);
});
