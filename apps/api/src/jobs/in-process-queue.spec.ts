import { InProcessJob, InProcessQueue, InProcessWorker } from './in-process-queue';

const settled = async (queue: InProcessQueue, id: string) => {
  for (let i = 0; i < 200; i++) {
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') return state;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`job ${id} did not finish`);
};

describe('the in-process job queue', () => {
  it('runs a job with its progress and keeps its result readable by id', async () => {
    const queue = new InProcessQueue<{ rows: number }, { written: number }>('imports');
    const worker = new InProcessWorker(queue, async (job) => {
      await job.updateProgress(50);
      return { written: job.data.rows };
    });
    worker.run();
    const job = await queue.add('import-points', { rows: 649 }, { jobId: 'j1' });
    expect(job.id).toBe('j1');
    expect(await settled(queue, 'j1')).toBe('completed');
    const read = (await queue.getJob('j1'))!;
    expect(read).toMatchObject({ name: 'import-points', progress: 50, returnvalue: { written: 649 }, failedReason: undefined });
    expect(read.finishedOn).toBeGreaterThanOrEqual(read.timestamp);
    expect(await queue.getJobState('nope')).toBe('unknown');
    // The same id is not added twice.
    expect(await queue.add('import-points', { rows: 1 }, { jobId: 'j1' })).toBe(read);
    await worker.close();
  });

  it('reports a failure with its reason to the failed listeners, and tries again while attempts are left', async () => {
    const queue = new InProcessQueue('links');
    let runs = 0;
    const worker = new InProcessWorker(queue, async () => {
      runs++;
      throw new Error('SMTP refused');
    });
    const failed: [InProcessJob, Error][] = [];
    worker.on('failed', (job: InProcessJob, error: Error) => failed.push([job, error]));
    worker.run();
    await queue.add('send-links', {}, { jobId: 'once' });
    expect(await settled(queue, 'once')).toBe('failed');
    await queue.add('send-links', {}, { jobId: 'thrice', attempts: 3 });
    expect(await settled(queue, 'thrice')).toBe('failed');
    expect(runs).toBe(4);
    expect(failed.map(([job, e]) => [job.id, e.message, job.attemptsMade])).toEqual([
      ['once', 'SMTP refused', 1],
      ['thrice', 'SMTP refused', 3],
    ]);
    expect((await queue.getJob('once'))!.failedReason).toBe('SMTP refused');
    await worker.close();
  });

  it('runs one job at a time by default, counts jobs per state, and waits for the running one on close', async () => {
    const queue = new InProcessQueue('exports');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const worker = new InProcessWorker(queue, async (job) => {
      order.push(`start ${job.id}`);
      if (job.id === 'a') await gate;
      order.push(`end ${job.id}`);
    });
    worker.run();
    await queue.add('x', {}, { jobId: 'a' });
    await queue.add('x', {}, { jobId: 'b' });
    await new Promise((r) => setTimeout(r, 10));
    expect(await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed')).toEqual({ waiting: 1, active: 1, completed: 0, failed: 0, delayed: 0 });
    const closed = worker.close();
    release();
    await closed;
    // Closing let `a` finish and took no new job.
    expect(order).toEqual(['start a', 'end a']);
    expect(await queue.getJobState('b')).toBe('waiting');
  });

  it('keeps finished jobs as the options say, and never more than a bounded number', async () => {
    const queue = new InProcessQueue('snapshots');
    const worker = new InProcessWorker(queue, async () => 'ok');
    worker.run();
    await queue.add('s', {}, { jobId: 'gone', removeOnComplete: true });
    await queue.add('s', {}, { jobId: 'k1', removeOnComplete: { count: 2 } });
    await queue.add('s', {}, { jobId: 'k2', removeOnComplete: { count: 2 } });
    await queue.add('s', {}, { jobId: 'k3', removeOnComplete: { count: 2 } });
    await settled(queue, 'k3');
    expect(await queue.getJobState('gone')).toBe('unknown');
    expect(await queue.getJobState('k1')).toBe('unknown');
    expect(await queue.getJobState('k2')).toBe('completed');
    for (let i = 0; i < 1100; i++) await queue.add('s', {}, { jobId: `n${i}` });
    await settled(queue, 'n1099');
    expect((await queue.getJobCounts('completed')).completed).toBe(1000);
    await worker.close();
  });

  it('adds a scheduled job at once and then every period, until closed', async () => {
    const queue = new InProcessQueue('cleanup');
    const runs: string[] = [];
    const worker = new InProcessWorker(queue, async (job) => {
      runs.push(job.name);
    });
    worker.run();
    await queue.upsertJobScheduler('file-retention', { every: 30 }, { name: 'expire-files', opts: { removeOnComplete: 10 } });
    // The same schedule again changes nothing.
    await queue.upsertJobScheduler('file-retention', { every: 30 }, { name: 'expire-files', opts: { removeOnComplete: 10 } });
    expect(await queue.getJobSchedulers()).toEqual([{ key: 'file-retention', name: 'expire-files', every: 30 }]);
    await new Promise((r) => setTimeout(r, 100));
    await queue.close();
    const count = runs.length;
    expect(count).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 80));
    expect(runs.length).toBe(count);
    await worker.close();
  });
});
