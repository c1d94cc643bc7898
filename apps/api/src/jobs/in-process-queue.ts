import { EventEmitter } from 'node:events';

/** How many finished jobs a queue keeps (BullMQ's `removeOnComplete` / `removeOnFail`). */
type KeepJobs = boolean | number | { age?: number; count?: number };

export interface InProcessJobOptions {
  jobId?: string;
  attempts?: number;
  removeOnComplete?: KeepJobs;
  removeOnFail?: KeepJobs;
}

type FinishedState = 'completed' | 'failed';
type JobStateName = 'waiting' | 'active' | FinishedState;

/** Finished jobs kept per queue and state at most, whatever the options ask (memory stays bounded). */
const MAX_KEPT = 1000;

/** A job in the shape processors and the jobs service read (BullMQ's fields of the same names). */
export class InProcessJob<D = unknown, R = unknown> {
  progress: number | object = 0;
  returnvalue: R | undefined = undefined;
  failedReason: string | undefined = undefined;
  attemptsMade = 0;
  readonly timestamp = Date.now();
  processedOn: number | undefined = undefined;
  finishedOn: number | undefined = undefined;
  state: JobStateName = 'waiting';

  constructor(
    readonly id: string,
    readonly name: string,
    readonly data: D,
    readonly opts: InProcessJobOptions,
  ) {}

  async updateProgress(progress: number | object) {
    this.progress = progress;
  }

  async log() {
    return 0;
  }
}

let nextId = 0;

/**
 * A job queue in this process's memory, for in-process coordination: the part of BullMQ's Queue the api
 * uses (add, read a job and its state, count, repeat on a schedule), so producers, processors and
 * `GET /api/jobs/:id` work unchanged. Jobs do not survive a restart (BullMQ's do, in Redis): an import
 * running when the process stops has written nothing (one transaction) and is uploaded again.
 */
export class InProcessQueue<D = unknown, R = unknown> extends EventEmitter {
  private readonly jobs = new Map<string, InProcessJob<D, R>>();
  private readonly waiting: InProcessJob<D, R>[] = [];
  private readonly finished: Record<FinishedState, InProcessJob<D, R>[]> = { completed: [], failed: [] };
  private readonly schedulers = new Map<string, { key: string; name: string; every: number; timer: NodeJS.Timeout }>();
  private readonly consumers = new Set<() => void>();
  private closed = false;

  constructor(readonly name: string) {
    super();
  }

  async add(name: string, data: D, opts: InProcessJobOptions = {}): Promise<InProcessJob<D, R>> {
    const id = opts.jobId ?? `${++nextId}`;
    // As BullMQ: a job id that exists already is not added again.
    const existing = this.jobs.get(id);
    if (existing) return existing;
    const job = new InProcessJob<D, R>(id, name, data, opts);
    this.jobs.set(id, job);
    this.waiting.push(job);
    for (const wake of this.consumers) wake();
    return job;
  }

  async getJob(id: string): Promise<InProcessJob<D, R> | undefined> {
    return this.jobs.get(id);
  }

  async getJobState(id: string): Promise<JobStateName | 'unknown'> {
    return this.jobs.get(id)?.state ?? 'unknown';
  }

  async getJobCounts(...states: string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const state of states) counts[state] = 0;
    for (const job of this.jobs.values()) if (job.state in counts) counts[job.state]++;
    return counts;
  }

  /** Adds a job now and every `every` ms (the same id again replaces the schedule). */
  async upsertJobScheduler(key: string, repeat: { every: number }, template: { name: string; data?: D; opts?: InProcessJobOptions }) {
    const old = this.schedulers.get(key);
    if (old && old.every === repeat.every && old.name === template.name) return;
    if (old) clearInterval(old.timer);
    const add = () => {
      if (!this.closed) void this.add(template.name, template.data ?? ({} as D), { ...template.opts, jobId: undefined });
    };
    const timer = setInterval(add, repeat.every);
    timer.unref();
    this.schedulers.set(key, { key, name: template.name, every: repeat.every, timer });
    add();
  }

  async getJobSchedulers() {
    return [...this.schedulers.values()].map(({ key, name, every }) => ({ key, name, every }));
  }

  /** Stops the schedules; jobs already added stay readable. */
  async close() {
    this.closed = true;
    for (const s of this.schedulers.values()) clearInterval(s.timer);
    this.schedulers.clear();
  }

  /** The worker's side: the next waiting job, now active. */
  take(): InProcessJob<D, R> | undefined {
    const job = this.waiting.shift();
    if (job) {
      job.state = 'active';
      job.processedOn = Date.now();
    }
    return job;
  }

  /** The worker's side: called when a job may be waiting. */
  onWaiting(wake: () => void) {
    this.consumers.add(wake);
  }

  /** The worker's side: a run ended. A failure with attempts left goes back to the queue. */
  settle(job: InProcessJob<D, R>, outcome: { value: R } | { error: Error }): FinishedState | 'retry' {
    job.attemptsMade++;
    if ('error' in outcome && job.attemptsMade < (job.opts.attempts ?? 1)) {
      job.state = 'waiting';
      this.waiting.push(job);
      return 'retry';
    }
    const state: FinishedState = 'error' in outcome ? 'failed' : 'completed';
    job.state = state;
    job.finishedOn = Date.now();
    if ('error' in outcome) job.failedReason = outcome.error.message;
    else job.returnvalue = outcome.value;
    this.keep(job, state);
    return state;
  }

  private keep(job: InProcessJob<D, R>, state: FinishedState) {
    const rule = state === 'completed' ? job.opts.removeOnComplete : job.opts.removeOnFail;
    const list = this.finished[state];
    list.push(job);
    let count = MAX_KEPT;
    let ageMs = Infinity;
    if (rule === true) count = 0;
    else if (typeof rule === 'number') count = Math.min(rule, MAX_KEPT);
    else if (rule && typeof rule === 'object') {
      if (rule.count !== undefined) count = Math.min(rule.count, MAX_KEPT);
      if (rule.age !== undefined) ageMs = rule.age * 1000;
    }
    const now = Date.now();
    while (list.length > count || (list.length > 0 && now - list[0].finishedOn! > ageMs)) {
      const old = list.shift()!;
      this.jobs.delete(old.id);
    }
  }
}

/**
 * Runs a queue's jobs in this process, `concurrency` at a time, with BullMQ's worker events
 * (`active`, `completed`, `failed`, `error`) so processors' `@OnWorkerEvent` handlers run as before.
 */
export class InProcessWorker<D = unknown, R = unknown> extends EventEmitter {
  private readonly running = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly queue: InProcessQueue<D, R>,
    private readonly processor: (job: InProcessJob<D, R>) => Promise<R>,
    private readonly concurrency = 1,
  ) {
    super();
    queue.onWaiting(() => this.pump());
  }

  /** Starts taking jobs (those added before included). */
  run() {
    this.pump();
  }

  /** Takes no new job and waits for the running ones. */
  async close() {
    this.closing = true;
    await Promise.allSettled([...this.running]);
  }

  private pump() {
    while (!this.closing && this.running.size < this.concurrency) {
      const job = this.queue.take();
      if (!job) return;
      const run = this.execute(job).finally(() => {
        this.running.delete(run);
        // The next job starts on a later turn, as a worker polling Redis would.
        setImmediate(() => this.pump());
      });
      this.running.add(run);
    }
  }

  private async execute(job: InProcessJob<D, R>) {
    this.emit('active', job);
    let outcome: { value: R } | { error: Error };
    try {
      outcome = { value: await this.processor(job) };
    } catch (e) {
      outcome = { error: e instanceof Error ? e : new Error(String(e)) };
    }
    const state = this.queue.settle(job, outcome);
    try {
      if (state === 'completed') this.emit('completed', job, (outcome as { value: R }).value);
      if (state === 'failed') this.emit('failed', job, (outcome as { error: Error }).error);
    } catch (e) {
      // A listener that threw: reported as BullMQ reports it, to the `error` listeners.
      if (this.listenerCount('error') > 0) this.emit('error', e instanceof Error ? e : new Error(String(e)));
    }
  }
}
