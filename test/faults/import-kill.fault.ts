// An api process is SIGKILLed while it runs an import job. The job must not stay "active" for
// minutes: when another jobs process boots, BullMQ's stalled check (lock 20 s, checked every 5 s)
// puts the job back in the queue and it runs again; the killed process's transaction was rolled
// back, so the retry creates every row exactly once.
import type { ImportResult, JobDto } from '@bridgepoint/contracts';
import { startStack, type Stack } from '../bench/stack.ts';

const POINTS = 200;
const DELEGATES = 23_041;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function upload(url: string, token: string, path: string, csv: string): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'f.csv');
  const res = await fetch(`${url}/api${path}`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 202) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { jobId: string }).jobId;
}

async function job(url: string, token: string, id: string): Promise<JobDto<ImportResult>> {
  const res = await fetch(`${url}/api/jobs/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as JobDto<ImportResult>;
}

describe('imports: the api process running a job is SIGKILLed', () => {
  let a: Stack | undefined;
  let b: Stack | undefined;

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  }, 60_000);

  it('does not leave the job active: the next jobs process retries it and every row is written once', async () => {
    a = await startStack('postgres', {}, { captureOutput: true });
    const token = await a.token();
    const points = ['Mã điểm cầu,Tên điểm cầu', ...Array.from({ length: POINTS }, (_, i) => `K-${i},Điểm cầu ${i}`)].join('\n');
    const pointsJob = await upload(a.url, token, '/bridge-points/import', points);
    for (let s = (await job(a.url, token, pointsJob)).state; s !== 'completed'; s = (await job(a.url, token, pointsJob)).state) {
      if (s === 'failed') throw new Error('points import failed');
      await sleep(50);
    }
    const delegates = ['Mã đại biểu,Họ và tên,Mã điểm cầu', ...Array.from({ length: DELEGATES }, (_, i) => `KD-${i},Đại biểu ${i},K-${i % POINTS}`)].join('\n');
    const id = await upload(a.url, token, '/delegates/import', delegates);
    let seen: JobDto<ImportResult> | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(5)) {
      seen = await job(a.url, token, id);
      // Past 20 % the job is writing: its transaction holds rows that must not survive the kill.
      if (seen.state !== 'waiting' && (seen.state !== 'active' || seen.progress > 20)) break;
    }
    expect(seen).toMatchObject({ state: 'active', progress: expect.any(Number) });
    a.process.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => a!.process.once('exit', r));

    b = await startStack('postgres', {}, { peer: a, captureOutput: true });
    let last = await job(b.url, token, id);
    const states = new Set<string>([last.state]);
    while (last.state !== 'completed' && last.state !== 'failed' && Date.now() - killedAt < 90_000) {
      await sleep(200);
      last = await job(b.url, token, id);
      states.add(last.state);
    }
    const recoveredMs = Date.now() - killedAt;
    console.log(
      `import job killed while ${seen?.state} at ${seen?.progress} %: ${last.state} ${recoveredMs} ms after the kill ` +
        `(states seen: ${[...states].join(' → ')}); result ${JSON.stringify({ created: last.result?.created, errors: last.result?.errorCount })}`,
    );
    expect(last.state).toBe('completed');
    expect(recoveredMs).toBeLessThan(60_000);
    expect(last.result).toMatchObject({ total: DELEGATES, created: DELEGATES, errorCount: 0 });
    const listed = await fetch(`${b.url}/api/delegates?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await listed.json()) as { total: number }).total).toBe(DELEGATES);
  }, 240_000);
});
