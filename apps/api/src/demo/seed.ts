import type { ConferenceDto, ImportResult, JobDto } from '@bridgepoint/contracts';
import { conferenceDemo, delegatesCsv, generateDemo, pointsCsv } from './generate';

export interface SeedOptions {
  baseUrl: string;
  username: string;
  password: string;
  log?: (line: string) => void;
}

export interface SeedOutcome {
  conferenceId: string;
  created: boolean;
  points?: ImportResult;
  delegates?: ImportResult;
}

/**
 * Creates the demo conference the way an organizer would: sign in, create the conference with
 * its agenda, upload the points file and the delegates file, wait for both import jobs.
 * Does nothing when a conference with the demo title already exists.
 */
export async function seedDemo(opts: SeedOptions): Promise<SeedOutcome> {
  const log = opts.log ?? (() => undefined);
  const api = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
    const res = await fetch(`${opts.baseUrl}/api${path}`, { ...init, headers });
    const body = (res.status === 204 ? null : await res.json()) as { code?: string; message?: string } | null;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${body?.code ?? ''} ${body?.message ?? ''}`);
    return body as T;
  };

  const { accessToken: token } = await api<{ accessToken: string }>('/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username: opts.username, password: opts.password }),
  });
  const demo = conferenceDemo();
  const existing = (await api<ConferenceDto[]>('/conferences', { token })).find((c) => c.title === demo.title);
  const data = generateDemo();
  const delegateCount = data.points.reduce((n, p) => n + p.expectedDelegates, 0);
  if (existing && existing.pointCount === data.points.length && existing.expectedDelegates === delegateCount) {
    log(`Demo conference already present: ${existing.pointCount} points, ${existing.expectedDelegates} expected delegates`);
    return { conferenceId: existing.id, created: false };
  }

  // A conference left half-seeded is completed: imports are upserts, so repeating them is safe.
  const conference = existing ?? (await api<ConferenceDto>('/conferences', { method: 'POST', token, body: JSON.stringify(demo) }));
  const upload = async (kind: 'bridge-points' | 'delegates', csv: string, filename: string) => {
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), filename);
    form.set('conferenceId', conference.id);
    const { jobId } = await api<{ jobId: string }>(`/${kind}/import`, { method: 'POST', token, body: form });
    for (;;) {
      const job = await api<JobDto>(`/jobs/${jobId}`, { token });
      if (job.state === 'failed') throw new Error(`Import of ${filename} failed: ${job.failedReason}`);
      if (job.state === 'completed' && job.result) {
        log(`Imported ${filename}: ${job.result.created} created, ${job.result.updated} updated, ` +
          `${job.result.unchanged} unchanged, ${job.result.errorCount} errors in ${job.result.durationMs} ms`);
        return job.result;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const points = await upload('bridge-points', pointsCsv(data), 'diem-cau.csv');
  const delegates = await upload('delegates', delegatesCsv(data), 'dai-bieu.csv');
  if (conference.status === 'draft') {
    await api(`/conferences/${conference.id}`, { method: 'PATCH', token, body: JSON.stringify({ status: 'scheduled' }) });
  }
  return { conferenceId: conference.id, created: !existing, points, delegates };
}

if (require.main === module) {
  const baseUrl = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  seedDemo({
    baseUrl,
    username: process.env.ADMIN_USERNAME || 'admin',
    password: process.env.ADMIN_PASSWORD || 'bridgepoint',
    log: (l) => console.log(l),
  }).catch((e: Error) => {
    console.error(`Could not seed the demo conference at ${baseUrl}: ${e.message}`);
    process.exit(1);
  });
}
