import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { expireFiles } from '../src/jobs/file-retention';
import { startTestApp, TestApp, waitForJob } from './harness';
import { xlsxBomb } from './zip-files';

/**
 * The bound a health answer must meet while a file is refused: 1 s, or twice the slowest of 20
 * answers just before when the machine itself is that slow (the cores are shared with other suites).
 */
async function healthBound(url: string): Promise<number> {
  let worst = 0;
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    worst = Math.max(worst, performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Math.max(1000, 2 * worst);
}

/**
 * Posts a multipart file on a connection of its own: a refused upload may be cut off while it is
 * still being sent, and that connection must not be reused for the next request.
 */
async function postFile(url: string, token: string, content: Buffer, name: string): Promise<{ status: number; body: { code?: string; message?: string; jobId?: string } }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  const payload = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': encoded.headers.get('content-type')!, 'Content-Length': payload.length, Authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    req.end(payload);
  });
}

/** Polls /api/health every 10 ms while `work` runs; returns the slowest answer. */
async function healthDuring<T>(url: string, work: Promise<T>): Promise<{ result: T; worstMs: number; samples: number }> {
  let done = false;
  let worstMs = 0;
  let samples = 0;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      worstMs = Math.max(worstMs, performance.now() - started);
      samples++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    const result = await work;
    done = true;
    await poll;
    return { result, worstMs, samples };
  } finally {
    done = true;
    await poll;
  }
}

describe('imports that cannot hurt the server (postgres)', () => {
  let t: TestApp;
  let url: string;
  let token: string;
  const upload = (path: string, content: Buffer, name: string) => postFile(`${url}/api${path}`, token, content, name);

  beforeAll(async () => {
    t = await startTestApp('postgres', { IMPORT_MAX_BYTES: String(20 * 1024 * 1024), IMPORT_MAX_ROWS: '3000' });
    url = await t.listen();
    token = await t.userToken('organizer');
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses a zip bomb (an XLSX unpacking to 400 MB) from its zip directory, while health answers in < 1 s', async () => {
    const bomb = await xlsxBomb(2_800_000);
    const bound = await healthBound(url);
    const { result, worstMs, samples } = await healthDuring(url, upload('/bridge-points/import', bomb, 'diem-cau.xlsx'));
    console.log(`zip bomb (${(bomb.length / 1e6).toFixed(2)} MB file): refused with ${result.status} ${result.body.code}; slowest of ${samples} health answers ${worstMs.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    expect(result.status).toBe(413);
    expect(result.body.code).toBe('IMPORT_UNCOMPRESSED_TOO_LARGE');
    expect(result.body.message).toMatch(/would unpack to \d+(\.\d)? MB/);
    expect(samples).toBeGreaterThan(0);
    expect(worstMs).toBeLessThan(bound);
  }, 120_000);

  it('refuses a zip whose directory understates what an entry unpacks to', async () => {
    const liar = await xlsxBomb(50_000, 100_000);
    const { status, body } = await upload('/bridge-points/import', liar, 'diem-cau.xlsx');
    expect(status).toBe(413);
    expect(body.code).toBe('IMPORT_UNCOMPRESSED_TOO_LARGE');
    expect(body.message).toContain('more than its directory declares');
  }, 60_000);

  it('refuses a CSV with a million columns before splitting it, while health answers in < 1 s', async () => {
    const csv = Buffer.from(`Mã điểm cầu,Tên điểm cầu${',x'.repeat(1_000_000)}\nBDI-01,Phúc Xá\n`);
    const bound = await healthBound(url);
    const { result, worstMs, samples } = await healthDuring(url, upload('/bridge-points/import', csv, 'diem-cau.csv'));
    console.log(`1M-column CSV (${(csv.length / 1e6).toFixed(1)} MB): refused with ${result.status} ${result.body.code}; slowest of ${samples} health answers ${worstMs.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ code: 'IMPORT_TOO_MANY_COLUMNS', message: expect.stringContaining('Line 1 has 1000002 columns') });
    expect(samples).toBeGreaterThan(0);
    expect(worstMs).toBeLessThan(bound);
  }, 60_000);

  it('refuses more rows than IMPORT_MAX_ROWS and files over IMPORT_MAX_BYTES, saying what the limit is', async () => {
    const rows = ['Mã điểm cầu,Tên điểm cầu', ...Array.from({ length: 3100 }, (_, i) => `P-${i},Điểm ${i}`)].join('\n');
    const many = await upload('/bridge-points/import', Buffer.from(rows), 'diem-cau.csv');
    expect(many).toMatchObject({ status: 413, body: { code: 'IMPORT_TOO_MANY_ROWS', message: expect.stringContaining('at most 3000') } });
    const big = await upload('/bridge-points/import', Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.csv');
    expect(big).toMatchObject({ status: 413, body: { code: 'IMPORT_FILE_TOO_LARGE', message: expect.stringContaining('20 MB') } });
  }, 60_000);

  it('deletes uploads after UPLOAD_RETENTION_HOURS, previews and failed ones too: a late commit gets 410', async () => {
    const csv = Buffer.from('Mã điểm cầu,Tên điểm cầu\nRET-1,Điểm lưu giữ\n');
    const res = await upload('/bridge-points/import?dryRun=true', csv, 'diem-cau.csv');
    expect(res.status).toBe(202);
    await waitForJob(t, token, res.body.jobId!);
    const uploadId = (res.body as { uploadId: string }).uploadId;
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE uploads SET created_at = now() - interval '169 hours' WHERE id = $1`, [uploadId]);
    expect((await expireFiles(ds, 168, 168)).uploadsExpired).toBeGreaterThanOrEqual(1);
    const [row] = await ds.query('SELECT content, expired_at FROM uploads WHERE id = $1', [uploadId]);
    expect(row).toMatchObject({ content: null, expired_at: expect.any(Date) });
    const late = await t.http().post(`/api/imports/${uploadId}/commit`).set({ Authorization: `Bearer ${token}` }).expect(410);
    expect(late.body).toMatchObject({ code: 'IMPORT_UPLOAD_EXPIRED', message: expect.stringContaining('168 hours') });
    const unknown = await t.http().post('/api/imports/6f1c1f5e-0000-4000-8000-000000000000/commit').set({ Authorization: `Bearer ${token}` }).expect(404);
    expect(unknown.body.code).toBe('IMPORT_UPLOAD_NOT_FOUND');
  }, 60_000);

  it('imports 1,999 of 2,000 rows when one cell holds a NUL byte, and reports that cell', async () => {
    const lines = ['Mã đại biểu,Họ và tên,Chức vụ'];
    for (let i = 1; i <= 2000; i++) lines.push(`NUL-${i},Đại biểu ${i},${i === 1234 ? 'Cán\u0000bộ' : 'Cán bộ'}`);
    const res = await upload('/delegates/import', Buffer.from(lines.join('\r\n')), 'dai-bieu.csv');
    expect(res.status).toBe(202);
    const job = await waitForJob(t, token, res.body.jobId!);
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ total: 2000, created: 1999, errorCount: 1 });
    expect(job.result.errors).toEqual([
      expect.objectContaining({ line: 1235, field: 'title', code: 'INVALID_CHARACTERS', params: { character: 'U+0000' } }),
    ]);
  }, 60_000);
});

describe('a file under the caps that is still too heavy to read (postgres)', () => {
  let t: TestApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp('postgres', { IMPORT_PARSE_TIMEOUT_SECONDS: '1', IMPORT_PARSE_MEMORY_MB: '64' });
    url = await t.listen();
    token = await t.userToken('organizer');
  }, 60_000);
  afterAll(() => t?.close());

  it('ends the reading thread past its deadline or heap and refuses the file, while health answers in < 1 s', async () => {
    const heavy = await xlsxBomb(700_000);
    const send = postFile(`${url}/api/bridge-points/import`, token, heavy, 'nang.xlsx');
    const bound = await healthBound(url);
    const { result, worstMs } = await healthDuring(url, send);
    console.log(`XLSX unpacking to 100 MB (under the cap) with a 1 s / 64 MB reader: ${result.status} ${result.body.code} ("${(result.body.message ?? '').split('. ')[0]}"); slowest health answer ${worstMs.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    expect(result.status).toBe(413);
    expect(result.body.code).toBe('IMPORT_TOO_COMPLEX');
    expect(result.body.message).toMatch(/longer than 1 s|more than 64 MB/);
    expect(worstMs).toBeLessThan(bound);
  }, 120_000);
});
