// Backups that restore: a conference seeded and checked into through a running api, dumped with
// docker/backup.sh (the machine's pg_dump, as the compose `backup` service runs it), restored with
// docker/restore.sh into a fresh database, and compared: the same rows in every table, and an api
// started on the restored database serves the same attendance summary. The test works in databases of
// its own (created with unique names, dropped at the end); no other database or schema is touched.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { AttendanceSummary } from '@bridgepoint/contracts';
import { ROOT, startStack, TEST_DATABASE_URL, type Stack } from '../bench/stack.ts';
import { checkInUntilOk, ClientStats, planCheckIns, runPool, seedConference, summaryOf, type SeededConference } from './check-ins.ts';

const POINTS = 20;
const PER_POINT = 10;
const DELEGATE_CHECK_INS = 80;
const POINT_CHECK_INS = 12;

const id = randomBytes(4).toString('hex');
const SOURCE_DB = `bp_backup_src_${id}`;
const RESTORED_DB = `bp_backup_dst_${id}`;
/** The same dump restored a second time, from a dump of the api's schema only (DATABASE_SCHEMA). */
const SCHEMA_DB = `bp_backup_sch_${id}`;

/** The client tools the scripts call, or why they cannot run here. */
const missingTools = ['pg_dump', 'pg_restore', 'psql'].filter((tool) => spawnSync(tool, ['--version']).status !== 0);

function urlOf(database: string): string {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

function sh(script: string, args: string[], env: Record<string, string>): Promise<{ out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile('sh', [join(ROOT, 'docker', script), ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${script} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve({ out: stdout + stderr, ms: Date.now() - started });
    });
  });
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Row count of every table in `public`, by name. */
async function tableCounts(database: string): Promise<Record<string, number>> {
  return withClient(urlOf(database), async (c) => {
    const tables = await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const counts: Record<string, number> = {};
    for (const { tablename } of tables.rows) {
      const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${tablename}"`);
      counts[tablename] = r.rows[0].n;
    }
    return counts;
  });
}

/**
 * A summary without what the clock adds: `at`; minutes after `lastMinute` (the restored api answers later);
 * and the headcount of the last minute itself, which the restored api's minute snapshot of the live
 * conference may record (0 where the source had none yet).
 */
function comparable(s: AttendanceSummary, lastMinute: string | undefined) {
  const { at: _at, timeline, ...rest } = s;
  return {
    ...rest,
    timeline: timeline
      .filter((m) => lastMinute === undefined || m.at <= lastMinute)
      .map((m) => (m.at === lastMinute ? { ...m, present: 'the current minute' } : m)),
  };
}

describe('backups: docker/backup.sh and docker/restore.sh', () => {
  let source: Stack | undefined;
  let restored: Stack | undefined;
  const created: string[] = [];
  const dumpDir = mkdtempSync(join(tmpdir(), 'bp-backup-'));

  beforeAll(async () => {
    if (missingTools.length) return;
    await withClient(TEST_DATABASE_URL, async (c) => {
      for (const db of [SOURCE_DB, RESTORED_DB, SCHEMA_DB]) {
        await c.query(`CREATE DATABASE "${db}"`);
        created.push(db);
      }
    });
  }, 60_000);

  afterAll(async () => {
    await restored?.stop();
    await source?.stop();
    rmSync(dumpDir, { recursive: true, force: true });
    if (created.length === 0) return;
    await withClient(TEST_DATABASE_URL, async (c) => {
      for (const db of created) await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    });
  }, 60_000);

  it('restores into a fresh database with the same rows, and an api on it serves the same summary', async () => {
    if (missingTools.length) {
      console.log(`SKIPPED: ${missingTools.join(', ')} not found (Debian: apt-get install postgresql-client)`);
      return;
    }
    // DATABASE_SCHEMA given, so the stack never creates or drops a schema of its own in the shared database.
    source = await startStack('postgres', { DATABASE_URL: urlOf(SOURCE_DB), DATABASE_SCHEMA: 'public' }, { captureOutput: true });
    const organizer = await source.token();
    const conf: SeededConference = await seedConference(source.url, organizer, POINTS, PER_POINT);

    const stats = new ClientStats();
    const plan = planCheckIns(conf, conf.delegates, DELEGATE_CHECK_INS, 0, 20261130);
    const target = { name: 'source', url: source.url };
    const failures: string[] = [];
    await runPool(plan, 8, async (c) => {
      const o = await checkInUntilOk(target, () => target, conf.id, c, stats);
      if (!o.body) failures.push(`${c.code}: ${o.error}`);
    });
    for (const p of conf.points.slice(0, POINT_CHECK_INS)) {
      const res = await fetch(`${source.url}/api/conferences/${conf.id}/points/${p.id}/check-in`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${p.token}`, 'Idempotency-Key': randomUUID() },
      });
      if (res.status !== 200) failures.push(`point ${p.code}: HTTP ${res.status} ${await res.text()}`);
    }
    expect(failures).toEqual([]);
    const before = await summaryOf(source.url, organizer, conf.id);
    expect(before.delegates.checkedIn).toBe(DELEGATE_CHECK_INS);
    expect(before.points.checkedIn).toBe(POINT_CHECK_INS);
    // Stopped, so nothing (a minute snapshot, an audit line) lands between the dump and the counts.
    await source.stop();
    source = undefined;

    const wholeDb = await sh('backup.sh', [join(dumpDir, 'db')], { DATABASE_URL: urlOf(SOURCE_DB), BACKUP_KEEP: '2' });
    const schemaOnly = await sh('backup.sh', [join(dumpDir, 'schema')], { DATABASE_URL: urlOf(SOURCE_DB), DATABASE_SCHEMA: 'public' });
    const dumpOf = (dir: string) => {
      const files = readdirSync(dir).filter((f) => /^bridgepoint-\d{8}T\d{6}Z\.dump$/.test(f));
      expect(files).toHaveLength(1);
      return join(dir, files[0]);
    };
    const dbDump = dumpOf(join(dumpDir, 'db'));
    const schemaDump = dumpOf(join(dumpDir, 'schema'));

    const restore = await sh('restore.sh', [dbDump], { DATABASE_URL: urlOf(RESTORED_DB) });
    const restoreSchema = await sh('restore.sh', [schemaDump], { DATABASE_URL: urlOf(SCHEMA_DB) });
    // A second restore onto a database that has tables is refused unless asked for.
    await expect(sh('restore.sh', [dbDump], { DATABASE_URL: urlOf(RESTORED_DB) })).rejects.toThrow(/already has \d+ table/);

    const [original, copy, schemaCopy] = await Promise.all([tableCounts(SOURCE_DB), tableCounts(RESTORED_DB), tableCounts(SCHEMA_DB)]);
    const sizeOf = (f: string) => statSync(f).size;
    const { dbBytes } = await withClient(urlOf(SOURCE_DB), async (c) => ({
      dbBytes: Number((await c.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0].n),
    }));
    console.log(
      `backup/restore: ${POINTS} points × ${PER_POINT} delegates, ${DELEGATE_CHECK_INS} delegate and ${POINT_CHECK_INS} point check-ins; ` +
        `rows: conference_points ${original.conference_points}, delegates ${original.delegates}, delegate_checkins ${original.delegate_checkins}, ` +
        `audit_log ${original.audit_log}, ${Object.keys(original).length} tables; source database ${(dbBytes / 1e6).toFixed(1)} MB; ` +
        `whole-database dump ${sizeOf(dbDump)} bytes in ${wholeDb.ms} ms, schema dump ${sizeOf(schemaDump)} bytes in ${schemaOnly.ms} ms; ` +
        `restore ${restore.ms} ms (schema dump ${restoreSchema.ms} ms)`,
    );

    // Every table, with the rows that matter non-empty (or the comparison proves little).
    expect(original.conference_points).toBe(POINTS);
    expect(original.delegates).toBe(POINTS * PER_POINT);
    expect(original.delegate_checkins).toBeGreaterThanOrEqual(DELEGATE_CHECK_INS);
    expect(original.audit_log).toBeGreaterThan(0);
    expect(copy).toEqual(original);
    expect(schemaCopy).toEqual(original);

    // An api on the restored database: no migration left to run, the admin signs in, the numbers are the same.
    restored = await startStack('postgres', { DATABASE_URL: urlOf(RESTORED_DB), DATABASE_SCHEMA: 'public' }, { captureOutput: true });
    const after = await summaryOf(restored.url, await restored.token(), conf.id);
    const lastMinute = before.timeline.at(-1)?.at;
    expect(comparable(after, lastMinute)).toEqual(comparable(before, lastMinute));
    expect(before.timeline.length).toBeGreaterThan(0);
    expect(after.timeline.at(-1)?.delegatesCheckedIn).toBe(DELEGATE_CHECK_INS);
  }, 240_000);
});
