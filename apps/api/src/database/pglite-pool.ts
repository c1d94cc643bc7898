import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * A `pg.Pool` look-alike over one embedded PGlite database, for TypeORM's postgres driver.
 *
 * PGlite is a single connection. TypeORM holds a connection for the whole of a transaction,
 * so a connection is handed out exclusively until released: two transactions never interleave
 * their statements, and plain queries wait their turn.
 */
export function createPgliteDriver(dataDir: string | null) {
  let db: Promise<PGlite> | null = null;
  const open = () => {
    if (!db) {
      if (dataDir) mkdirSync(dataDir, { recursive: true });
      db = PGlite.create(dataDir ?? undefined, {
        serializers: { [types.BOOL]: (v: unknown) => (v === true || v === 'true' || v === 1 ? 'TRUE' : 'FALSE') },
      });
    }
    return db;
  };

  let tail: Promise<void> = Promise.resolve();
  /** Resolves with a release function once every earlier holder has released. */
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const ready = tail.then(() => release);
    tail = tail.then(() => mine);
    return ready;
  };

  const run = async (sql: string, params?: unknown[]) => {
    const pg = await open();
    if (params && params.length > 0) return pg.query(sql, params);
    const results = await pg.exec(sql);
    return results[results.length - 1] ?? { rows: [], fields: [], affectedRows: 0 };
  };

  class Connection extends EventEmitter {
    query(sql: string, paramsOrCb?: unknown[] | Callback, cb?: Callback) {
      const params = typeof paramsOrCb === 'function' ? undefined : paramsOrCb;
      const done = typeof paramsOrCb === 'function' ? paramsOrCb : cb;
      const p = run(sql, params).then((r) => ({
        ...r,
        // node-postgres names the affected-row count `rowCount`; TypeORM reads it.
        rowCount: (r as { affectedRows?: number }).affectedRows ?? r.rows.length,
      }));
      if (done) p.then((r) => done(null, r), (e: Error) => done(e));
      return p;
    }
  }

  class Pool extends EventEmitter {
    connect(cb: (err: Error | null, client?: Connection, release?: () => void) => void) {
      Promise.all([open(), acquire()]).then(
        ([, release]) => {
          let released = false;
          cb(null, new Connection(), () => {
            if (!released) {
              released = true;
              release();
            }
          });
        },
        (e: Error) => cb(e),
      );
    }
    query(sql: string, paramsOrCb?: unknown[] | Callback, cb?: Callback) {
      return acquire().then((release) => {
        const p = new Connection().query(sql, paramsOrCb, cb);
        return p.finally(release);
      });
    }
    end(cb?: (err: Error | null) => void) {
      const closing = db ? db.then((pg) => pg.close()) : Promise.resolve();
      db = null;
      closing.then(() => cb?.(null), (e: Error) => cb?.(e));
    }
  }

  return { Pool };
}
