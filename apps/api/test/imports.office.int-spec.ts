import type { BridgePointDto, ImportResult } from '@bridgepoint/contracts';
import { delegatesCsv, generateDemo, pointsCsv } from '../src/demo/generate';
import { startTestApp, TestApp, waitForJob } from './harness';
import { gnumericXml, officeUnavailable, ssconvert, type OfficeCell } from './office-files';

const unavailable = officeUnavailable();
if (unavailable) console.log(`SKIPPED: office-written files (.xlsx/.xls/.ods): ${unavailable}`);
const officeIt = unavailable ? it.skip : it;

/** A points list as organizers make it: a title, a header grouped over two rows, codes and phones stored as numbers, a signature block. */
function pointsSheet(): { rows: OfficeCell[][]; merges: string[] } {
  return {
    rows: [
      ['DANH SÁCH ĐIỂM CẦU HỘI NGHỊ TRỰC TUYẾN'],
      [],
      ['Mã điểm cầu', 'Tên điểm cầu', 'Quận/Huyện', 'Phường/Xã', 'Người phụ trách', null],
      [null, null, null, null, 'Họ và tên', 'Số điện thoại'],
      [{ number: 101, format: '0000' }, 'Phường Phúc Xá', 'Ba Đình', 'Phúc Xá', 'Nguyễn Văn An', 2438251234],
      [7, 'Phường Trúc Bạch', 'Ba Đình', 'Trúc Bạch', 'Trần Thị Bình', 84912345678],
      ['HK-01', 'Phường Hàng Bạc', 'Hoàn Kiếm', 'Hàng Bạc', 'Lê Văn Cường', '0987 654 321'],
      [],
      ['Tổng cộng', '3 điểm cầu'],
      [null, 'Người lập biểu', null, null, 'Thủ trưởng đơn vị'],
      [null, '(Ký, ghi rõ họ tên)', null, null, '(Ký tên, đóng dấu)'],
      [null, 'Nguyễn Thị Lan', null, null, 'Phạm Văn Hùng'],
    ],
    merges: ['A1:F1', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:F3'],
  };
}

describe('files as office suites write them (postgres)', () => {
  let t: TestApp;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const upload = (path: string, content: Buffer, name: string, dryRun = false) =>
    t.http().post(`${path}${dryRun ? '?dryRun=true' : ''}`).set(auth()).attach('file', content, name);
  const run = async (path: string, content: Buffer, name: string, dryRun = false): Promise<ImportResult & { uploadId?: string }> => {
    const res = await upload(path, content, name, dryRun).expect(202);
    const job = await waitForJob(t, token, res.body.jobId, 120_000);
    if (job.state !== 'completed') throw new Error(`import failed: ${job.failedReason}`);
    return { ...job.result, uploadId: res.body.uploadId };
  };
  const commit = async (uploadId: string): Promise<ImportResult> => {
    const res = await t.http().post(`/api/imports/${uploadId}/commit`).set(auth()).expect(202);
    return (await waitForJob(t, token, res.body.jobId, 120_000)).result;
  };
  const point = async (code: string): Promise<BridgePointDto> => {
    const res = await t.http().get('/api/bridge-points').query({ search: code, limit: 50 }).set(auth()).expect(200);
    const found = (res.body.items as BridgePointDto[]).find((p) => p.code === code);
    if (!found) throw new Error(`point ${code} not found`);
    return found;
  };

  beforeAll(async () => {
    t = await startTestApp('postgres');
    token = await t.userToken('organizer');
  }, 60_000);
  afterAll(() => t?.close());

  officeIt.each(['xlsx', 'xls', 'ods'] as const)(
    'previews then imports a %s with a title, a grouped header, number-stored codes and phones, and a signature block',
    async (format) => {
      const sheet = pointsSheet();
      const file = ssconvert(gnumericXml([{ name: 'Điểm cầu', ...sheet }]), 'gnumeric', format);
      const preview = await run('/api/bridge-points/import', file, `diem-cau.${format}`, true);
      expect(preview).toMatchObject({ dryRun: true, total: 3, errorCount: 0, stoppedAt: { line: 9, text: 'Tổng cộng' } });
      expect(preview.preview!.rows.map((r) => [r.line, r.values.code, r.values.name, r.values.operatorName])).toEqual([
        [5, '0101', 'Phường Phúc Xá', 'Nguyễn Văn An'],
        [6, '7', 'Phường Trúc Bạch', 'Trần Thị Bình'],
        [7, 'HK-01', 'Phường Hàng Bạc', 'Lê Văn Cường'],
      ]);
      expect(preview.columns).toEqual(
        expect.arrayContaining([
          { field: 'code', header: 'Mã điểm cầu', column: 1 },
          { field: 'operatorName', header: 'Người phụ trách / Họ và tên', column: 5 },
          { field: 'operatorPhone', header: 'Người phụ trách / Số điện thoại', column: 6 },
        ]),
      );
      const warnings = Object.fromEntries(preview.warnings!.map((w) => [w.code, w]));
      expect(Object.keys(warnings).sort()).toEqual(
        ['COLUMNS_KEPT', 'MULTI_ROW_HEADER', 'NUMERIC_CODES', 'PHONE_COUNTRY_CODE', 'PHONE_ZERO_RESTORED', 'STOPPED_AT_FOOTER'],
      );
      expect(warnings.NUMERIC_CODES).toMatchObject({ field: 'code', count: 2, lines: [5, 6] });
      expect(warnings.PHONE_ZERO_RESTORED).toMatchObject({ count: 1, lines: [5] });
      expect(warnings.PHONE_COUNTRY_CODE).toMatchObject({ count: 1, lines: [6] });
      expect(warnings.STOPPED_AT_FOOTER.params).toMatchObject({ line: 9, rowsAfter: 3 });
      // Nothing is written by a preview.
      const before = await t.http().get('/api/bridge-points').query({ search: 'HK-01' }).set(auth()).expect(200);
      const existed = before.body.total > 0;

      const done = await commit(preview.uploadId!);
      expect(done).toMatchObject({ dryRun: false, total: 3, errorCount: 0 });
      expect(existed ? done.unchanged : done.created).toBe(3);
      expect(await point('0101')).toMatchObject({ name: 'Phường Phúc Xá', operatorName: 'Nguyễn Văn An', operatorPhone: '02438251234', unit: { name: 'Phúc Xá' } });
      expect(await point('7')).toMatchObject({ operatorPhone: '0912345678' });
      expect(await point('HK-01')).toMatchObject({ operatorPhone: '0987654321' });
      await t.http().post(`/api/imports/${preview.uploadId}/commit`).set(auth()).expect(409);
    },
    120_000,
  );

  officeIt('never blanks a stored field because the file has no column for it, and says which were kept', async () => {
    const csv = 'Mã điểm cầu,Tên điểm cầu,Người phụ trách\r\n0101,Phường Phúc Xá,Đỗ Minh Châu\r\nHK-01,Phường Hàng Bạc,Lê Văn Cường\r\n';
    const res = await run('/api/bridge-points/import', Buffer.from(csv), 'doi-nguoi-phu-trach.csv');
    expect(res).toMatchObject({ created: 0, updated: 1, unchanged: 1, errorCount: 0 });
    expect(res.keptFields).toEqual(['district', 'ward', 'agency', 'address', 'expectedDelegates', 'operatorPhone', 'operatorEmail']);
    expect(await point('0101')).toMatchObject({ operatorName: 'Đỗ Minh Châu', operatorPhone: '02438251234', unit: { name: 'Phúc Xá' } });
  }, 60_000);

  officeIt('reads codes as displayed: "001" kept by a 000 format, and warns when a spreadsheet turned "001" into 1', async () => {
    const typed = ssconvert('Mã điểm cầu,Tên điểm cầu\r\n001,Điểm một\r\n002,Điểm hai\r\n', 'csv', 'xlsx');
    const preview = await run('/api/bridge-points/import', typed, 'so.xlsx', true);
    expect(preview.preview!.rows.map((r) => r.values.code)).toEqual(['1', '2']);
    expect(preview.warnings!.find((w) => w.code === 'NUMERIC_CODES')).toMatchObject({ count: 2, params: { header: 'Mã điểm cầu', example: '1' } });
    await commit(preview.uploadId!);

    const delegates = 'Mã đại biểu,Họ và tên,Mã điểm cầu\r\nZ-1,Hà Văn Một,001\r\n';
    const res = await run('/api/delegates/import', Buffer.from(delegates), 'dai-bieu.csv');
    expect(res.errors).toEqual([expect.objectContaining({ line: 2, field: 'pointCode', code: 'POINT_NOT_REGISTERED', params: { code: '001' } })]);
    expect(res.warnings!.find((w) => w.code === 'LEADING_ZERO_LOOKALIKE')).toMatchObject({ params: { code: '001', existing: '1' } });

    const formatted = ssconvert(
      gnumericXml([{ name: 'S', rows: [['Mã điểm cầu', 'Tên điểm cầu'], [{ number: 3, format: '000' }, 'Điểm ba']] }]),
      'gnumeric',
      'xlsx',
    );
    await run('/api/bridge-points/import', formatted, 'dinh-dang.xlsx');
    const again = await run('/api/delegates/import', Buffer.from('Mã đại biểu,Họ và tên,Mã điểm cầu\r\nZ-3,Hà Văn Ba,003\r\n'), 'dai-bieu.csv');
    expect(again).toMatchObject({ created: 1, errorCount: 0 });
  }, 60_000);

  it('refuses a Windows-1258 CSV with its own code', async () => {
    const latin = Buffer.from([...Buffer.from('Mã điểm cầu,Tên\r\nA,Nguy'), 0xea, 0xd2, 0x6e, 0x0d, 0x0a]);
    const res = await upload('/api/bridge-points/import', latin, 'cp1258.csv').expect(400);
    expect(res.body).toMatchObject({ code: 'IMPORT_TEXT_ENCODING', message: expect.stringContaining('UTF-8') });
  }, 30_000);

  officeIt('imports the 23,041 delegates of the reference event from an Excel 97-2003 file with names intact', async () => {
    const data = generateDemo();
    await run('/api/bridge-points/import', Buffer.from(pointsCsv(data)), 'diem-cau.csv');
    const converted = Date.now();
    const xls = ssconvert(delegatesCsv(data), 'csv', 'xls');
    const convertMs = Date.now() - converted;
    const started = Date.now();
    const res = await run('/api/delegates/import', xls, 'dai-bieu.xls');
    console.log(`23,041 delegates as .xls (${(xls.length / 1e6).toFixed(1)} MB, written by ssconvert in ${convertMs} ms): imported in ${Date.now() - started} ms`);
    expect(res).toMatchObject({ total: 23_041, created: 23_041, errorCount: 0 });
    const sample = data.delegates[12_345];
    const found = await t.http().get('/api/delegates').query({ search: sample.fullName, limit: 500 }).set(auth()).expect(200);
    expect(found.body.items.find((d: { code: string }) => d.code === sample.code)).toMatchObject({ fullName: sample.fullName, title: sample.title });
  }, 300_000);
});
