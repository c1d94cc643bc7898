// Import benchmark: the reference event's files (649 points, 23,041 delegates) as CSV and XLSX,
// uploaded over HTTP to a real api process on PostgreSQL and on embedded PGlite.
// Prints wall time from upload to finished job, and the job's own processing time. Medians of RUNS.
//   npm run build && npm run bench:import            (RUNS=3 by default)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, startStack } from './stack.ts';

const require = createRequire(import.meta.url);
const demo = require(join(ROOT, 'apps/api/dist/demo/generate.js'));
const files = require(join(ROOT, 'apps/api/dist/demo/write-files.js'));

const RUNS = Number(process.env.RUNS ?? 3);
const data = demo.generateDemo();
const inputs = {
  pointsCsv: Buffer.from(demo.pointsCsv(data)),
  delegatesCsv: Buffer.from(demo.delegatesCsv(data)),
  pointsXlsx: (await files.pointsXlsx(data)) as Buffer,
  delegatesXlsx: (await files.delegatesXlsx(data)) as Buffer,
};

interface Timing { wallMs: number; jobMs: number; created: number; unchanged: number; errors: number }

async function upload(url: string, token: string, path: string, body: Buffer, name: string, conferenceId: string): Promise<Timing> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(body)]), name);
  form.set('conferenceId', conferenceId);
  const started = performance.now();
  const res = await fetch(`${url}/api/${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 202) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  for (;;) {
    const job = await (await fetch(`${url}/api/jobs/${jobId}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    if (job.state === 'failed') throw new Error(`${name}: ${job.failedReason}`);
    if (job.state === 'completed') {
      const r = job.result;
      return { wallMs: performance.now() - started, jobMs: r.durationMs, created: r.created, unchanged: r.unchanged, errors: r.errorCount };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const steps = [
  ['points CSV (649 rows), new', 'bridge-points/import', 'pointsCsv', 'points.csv'],
  ['delegates CSV (23,041 rows), new', 'delegates/import', 'delegatesCsv', 'delegates.csv'],
  ['delegates CSV, same file again', 'delegates/import', 'delegatesCsv', 'delegates.csv'],
  ['points XLSX, same data', 'bridge-points/import', 'pointsXlsx', 'points.xlsx'],
  ['delegates XLSX, same data', 'delegates/import', 'delegatesXlsx', 'delegates.xlsx'],
] as const;

console.log(`Import benchmark: ${RUNS} run(s) per database, each on a fresh database; medians.`);
console.log(`CSV ${(inputs.delegatesCsv.length / 1e6).toFixed(2)} MB, XLSX ${(inputs.delegatesXlsx.length / 1e6).toFixed(2)} MB for 23,041 delegates.\n`);
for (const db of ['postgres', 'pglite'] as const) {
  const results = new Map<string, Timing[]>();
  for (let run = 0; run < RUNS; run++) {
    const stack = await startStack(db);
    try {
      const token = await stack.token();
      const conf = await fetch(`${stack.url}/api/conferences`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Bench', startsAt: new Date().toISOString() }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      for (const [label, path, input, name] of steps) {
        const t = await upload(stack.url, token, path, inputs[input], name, conf.id);
        results.set(label, [...(results.get(label) ?? []), t]);
      }
    } finally {
      await stack.stop();
    }
  }
  console.log(`${db}:`);
  for (const [label, ts] of results) {
    const last = ts[ts.length - 1];
    console.log(
      `  ${label.padEnd(36)} upload→done ${median(ts.map((t) => t.wallMs)).toFixed(0).padStart(6)} ms` +
        `   job ${median(ts.map((t) => t.jobMs)).toFixed(0).padStart(6)} ms   created ${last.created}, unchanged ${last.unchanged}, errors ${last.errors}`,
    );
  }
}
