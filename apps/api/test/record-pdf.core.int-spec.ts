import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startTestApp, TestApp, waitForJob } from './harness';
import { Event, POINTS_CSV, seedEvent } from './fixtures';
import { hasPoppler, pdfPages, pdfText, renderPage } from './pdf-tools';
import { openSocket, until } from './sockets';

/** BDI-01's roster: in code order the names are not in Vietnamese order (given name first). */
const DELEGATES_CSV = [
  'Mã đại biểu,Họ và tên,Chức vụ,Mã điểm cầu',
  'DB-1,Trần Văn Đức,Bí thư Đảng ủy,BDI-01',
  'DB-2,Nguyễn Thị Bình,Chủ tịch UBND phường,BDI-01',
  'DB-3,Lê Văn An,Phó Chủ tịch UBND phường,BDI-01',
  'DB-4,Phạm Thị Ánh,Chủ tịch Hội Phụ nữ,BDI-01',
  'DB-5,Vũ Đức Long,,BDI-02',
  'DB-6,Đỗ Văn Nam,,HKI-01',
].join('\n');

const describeWithPoppler = hasPoppler() ? describe : describe.skip;
if (!hasPoppler()) console.warn('Skipped: the record tests read PDFs with poppler (pdftotext); `npm test` installs poppler-utils when run as root.');

describeWithPoppler(`the attendance record as PDF and XLSX (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let e: Event;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const pointPath = (code: string, action: string) => `/api/conferences/${e.id}/points/${e.points[code].id}/${action}`;
  const download = async (exportId: string) =>
    t
      .http()
      .get(`/api/exports/${exportId}`)
      .set(bearer(e.organizer))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
  const record = async (body: object) => {
    const res = await t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.organizer)).send({ kind: 'record', ...body }).expect(202);
    const job = await waitForJob(t, e.organizer, res.body.jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100 });
    const file = await download(job.result.exportId);
    // RECORD_PDF_DIR=<dir> keeps each generated record to look at.
    if (process.env.RECORD_PDF_DIR) {
      mkdirSync(process.env.RECORD_PDF_DIR, { recursive: true });
      writeFileSync(join(process.env.RECORD_PDF_DIR, job.result.filename), file.body as Buffer);
    }
    return { job, file: file.body as Buffer, type: file.headers['content-type'] as string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    e = await seedEvent(t, { points: POINTS_CSV, delegates: DELEGATES_CSV });
    const op = e.operators['BDI-01'];
    await t.http().put(pointPath('BDI-01', 'headcount')).set(bearer(op)).send({ present: 3 }).expect(200);
    for (const code of ['DB-1', 'DB-3', 'DB-4']) {
      await t.http().post(`/api/conferences/${e.id}/attendance`).set(bearer(op)).send({ delegateCode: code }).expect(200);
    }
    // BDI-02 reports 9 present and checks in nobody: far above the threshold of 3.
    await t.http().put(pointPath('BDI-02', 'headcount')).set(bearer(e.operators['BDI-02'])).send({ present: 9 }).expect(200);
    await t.http().delete(`/api/conferences/${e.id}/attendance/DB-4`).set(bearer(op)).send({ reason: 'Bấm nhầm đại biểu' }).expect(200);
    await t
      .http()
      .post(`/api/conferences/${e.id}/corrections`)
      .set(bearer(e.organizer))
      .send({ kind: 'headcount', pointId: e.points['BDI-01'].id, present: 2, reason: 'Điểm cầu báo lại số người' })
      .expect(200);
    // BDI-01's operator page is open for a moment after the start: online during the conference; the others never were.
    await t.http().patch(`/api/conferences/${e.id}`).set(bearer(e.organizer)).send({ startsAt: new Date(Date.now() - 3600_000).toISOString() }).expect(200);
    const live = await openSocket(await t.listen(), '/live', op, e.id);
    const online = async () =>
      ((await t.http().get(`/api/conferences/${e.id}/presence`).set(bearer(e.organizer)).expect(200)).body as { online: number }).online;
    await until(async () => (await online()) === 1, 10_000, 'BDI-01 online');
    live.close();
    await until(async () => (await online()) === 0, 10_000, 'BDI-01 offline');
  }, 60_000);
  afterAll(() => t?.close());

  it('writes the whole conference in Vietnamese: heading, totals equal to the summary, units, missing points, flags, signatures, corrections', async () => {
    const summary = (await t.http().get(`/api/conferences/${e.id}/attendance/summary`).set(bearer(e.organizer)).expect(200)).body;
    const { job, file, type } = await record({ format: 'pdf', lang: 'vi' });
    expect(type).toBe('application/pdf');
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(job.result).toMatchObject({ filename: expect.stringMatching(/^bien-ban-diem-danh-v\d+-\d{8}-\d{4}\.pdf$/), version: expect.any(Number) });

    const text = pdfText(file, { layout: true });
    for (const words of ['ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BIÊN BẢN ĐIỂM DANH', 'Hội nghị: Hội nghị', 'Toàn hội nghị', `Phiên bản ${job.result.version}`, 'Bản nháp']) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(new RegExp(`Số điểm cầu theo kế hoạch\\s+${summary.points.total}\\b`));
    expect(text).toMatch(new RegExp(`Số điểm cầu đã điểm danh\\s+${summary.points.checkedIn}\\b`));
    expect(text).toMatch(/Số điểm cầu trực tuyến trong thời gian hội nghị\s+1\b/);
    expect(text).toMatch(new RegExp(`Số đại biểu theo kế hoạch\\s+${summary.delegates.expected}\\b`));
    expect(text).toMatch(new RegExp(`Số đại biểu có mặt \\(theo báo cáo của điểm cầu\\)\\s+${summary.delegates.present}\\b`));
    expect(text).toMatch(new RegExp(`Số đại biểu có mặt \\(theo danh sách điểm danh\\)\\s+${summary.delegates.checkedIn}\\b`));
    expect([summary.points.checkedIn, summary.delegates.present, summary.delegates.checkedIn]).toEqual([2, 11, 2]);
    for (const unit of ['Ba Đình', 'Hoàn Kiếm', 'Điểm cầu Phúc Xá', 'Điểm cầu Hàng Bạc']) expect(text).toContain(unit);

    const missing = text.slice(text.indexOf('IV. CÁC ĐIỂM CẦU KHÔNG ĐIỂM DANH'), text.indexOf('V. ĐỐI CHIẾU'));
    expect(missing).toContain('HKI-01');
    expect(missing).toContain('Lê Văn Cường');
    expect(missing).not.toContain('BDI-01');
    const flags = text.slice(text.indexOf('V. ĐỐI CHIẾU'), text.indexOf('NGƯỜI LẬP BIÊN BẢN'));
    expect(flags).toMatch(/BDI-02.*\+9/);
    expect(flags).not.toContain('BDI-01');
    for (const words of ['NGƯỜI LẬP BIÊN BẢN', 'XÁC NHẬN CỦA ĐƠN VỊ TỔ CHỨC', '(Ký, ghi rõ họ tên)', 'Hà Nội, ngày']) expect(text).toContain(words);

    // The appendix's cells wrap: read it in text order, lines joined.
    const flow = pdfText(file).replace(/\s+/g, ' ');
    const appendix = flow.slice(flow.indexOf('PHỤ LỤC'));
    expect(appendix).toContain('Bỏ điểm danh đại biểu: DB-4 (BDI-01)');
    expect(appendix).toContain('Bấm nhầm đại biểu');
    expect(appendix).toContain('Nguyễn Văn An (điểm cầu BDI-01)');
    expect(appendix).toContain('Sửa số có mặt: BDI-01');
    expect(appendix).toContain('Điểm cầu báo lại số người');
    expect(appendix).toMatch(/Test organizer \(organizer\d+\)/);
    const pages = pdfPages(file);
    expect(text).toContain(`Trang 1/${pages}`);
    expect(text).toContain(`Trang ${pages}/${pages}`);

    const page = renderPage(file, 1);
    expect(page.width).toBeGreaterThan(600);
    expect(page.height / page.width).toBeCloseTo(297 / 210, 1);
    expect(page.inked).toBeGreaterThan(0.01);
  });

  it("writes one point's record with its delegates in Vietnamese name order, present or absent, and the operator's signature", async () => {
    const { file } = await record({ format: 'pdf', lang: 'vi', pointId: e.points['BDI-01'].id });
    const text = pdfText(file, { layout: true });
    expect(text).toContain('Điểm cầu BDI-01 - Điểm cầu Phúc Xá');
    const order = ['Lê Văn An', 'Phạm Thị Ánh', 'Nguyễn Thị Bình', 'Trần Văn Đức'].map((n) => text.indexOf(n));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Lê Văn An.*Có mặt/);
    expect(text).toMatch(/Phạm Thị Ánh.*Vắng/);
    expect(text).toMatch(/Nguyễn Thị Bình.*Vắng/);
    expect(text).toMatch(/Thời gian trực tuyến \(phút\)\s+1\b/);
    expect(text).toContain('NGƯỜI PHỤ TRÁCH ĐIỂM CẦU');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).not.toContain('Vũ Đức Long');
    expect(text.slice(text.indexOf('PHỤ LỤC'))).toContain('Bấm nhầm đại biểu');
  });

  it("writes one district's record, in English too; each record gets the next version number", async () => {
    const units = (await t.http().get('/api/units').set(bearer(e.organizer)).expect(200)).body as { id: string; name: string; kind: string }[];
    const baDinh = units.find((u) => u.kind === 'district' && u.name === 'Ba Đình')!;
    const first = await record({ format: 'pdf', lang: 'en', districtId: baDinh.id });
    const text = pdfText(first.file, { layout: true });
    for (const words of ['OFFICIAL ATTENDANCE RECORD', 'SOCIALIST REPUBLIC OF VIET NAM', 'Unit: Ba Đình', 'BDI-01', 'BDI-02', 'DRAWN UP BY', 'Page 1 of']) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/Points expected\s+2\b/);
    expect(text).not.toContain('HKI-01');
    const second = await record({ format: 'pdf', lang: 'vi', districtId: baDinh.id });
    expect(second.job.result.version).toBe(first.job.result.version + 1);
    expect(pdfText(second.file)).toContain(`Phiên bản ${second.job.result.version}`);
  });

  it('exports the record as a workbook with its points, flags and corrections', async () => {
    const { file, type } = await record({ format: 'xlsx', lang: 'vi' });
    expect(type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
    const rows = (name: string) => wb.getWorksheet(name)!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows('Điểm cầu').map((r) => r[0])).toEqual(['Mã', 'BDI-01', 'BDI-02', 'HKI-01']);
    expect(rows('Chênh lệch').map((r) => r[0])).toEqual(['Mã', 'BDI-02']);
    const corrections = rows('PHỤ LỤC');
    expect(corrections.map((r) => r[5])).toEqual(['Lý do', 'Bấm nhầm đại biểu', 'Điểm cầu báo lại số người']);
  });

  it('refuses formats a kind does not come in, and scopes outside the conference', async () => {
    const post = (body: object) => t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.organizer)).send(body);
    expect((await post({ kind: 'record', format: 'csv' }).expect(400)).body.code).toBe('EXPORT_FORMAT_UNSUPPORTED');
    expect((await post({ kind: 'points', format: 'pdf' }).expect(400)).body.code).toBe('EXPORT_FORMAT_UNSUPPORTED');
    expect((await post({ kind: 'record', format: 'pdf', pointId: randomUUID() }).expect(404)).body.code).toBe('POINT_NOT_IN_CONFERENCE');
    expect((await post({ kind: 'record', format: 'pdf', districtId: randomUUID() }).expect(404)).body.code).toBe('UNIT_NOT_FOUND');
    expect((await post({ kind: 'record', format: 'pdf', pointId: 'x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const both = await post({ kind: 'record', format: 'pdf', pointId: e.points['BDI-01'].id, districtId: randomUUID() }).expect(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
    await t.http().post(`/api/conferences/${e.id}/exports`).set(bearer(e.operators['BDI-01'])).send({ kind: 'record', format: 'pdf' }).expect(403);
  });

  it('says the record is locked once it is signed off', async () => {
    await t.http().post(`/api/conferences/${e.id}/record/lock`).set(bearer(e.organizer)).expect(200);
    const { file } = await record({ format: 'pdf', lang: 'vi' });
    expect(pdfText(file)).toContain('Đã khóa (đã ký xác nhận)');
  });
});
