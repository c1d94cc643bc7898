import { join } from 'node:path';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { createPgliteDriver } from './pglite-pool';

export function pgliteDir(config: AppConfig) {
  return join(config.dataDir, 'pglite');
}

/** Options for the one DataSource: Postgres when DATABASE_URL is set, embedded PGlite otherwise. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    autoLoadEntities: true,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // Failed statements surface as HTTP errors (and 500s are logged there); expected refusals stay quiet.
    logging: config.logLevel === 'debug' ? ('all' as const) : false,
  };
  if (config.databaseUrl) {
    return {
      ...common,
      url: config.databaseUrl,
      schema: config.databaseSchema,
      poolSize: 20,
      extra: { options: `-c search_path=${config.databaseSchema}` },
    } as DataSourceOptions;
  }
  return { ...common, driver: createPgliteDriver(pgliteDir(config)) } as DataSourceOptions;
}

/** Arbitrary constant naming the lock that lets one api process at a time migrate a database. */
const MIGRATION_LOCK = 0x62706d67;

/**
 * Applies pending migrations. On Postgres, several api processes may start together: an advisory
 * lock makes them take turns, and the later ones find nothing left to do. (PGlite is one process.)
 */
export async function runMigrations(dataSource: DataSource) {
  if (!(dataSource.options as { url?: string }).url) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** Creates the configured schema before TypeORM runs migrations into it. */
export async function ensureSchema(config: AppConfig) {
  if (!config.databaseUrl || config.databaseSchema === 'public') return;
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.databaseSchema}"`);
  } finally {
    await client.end();
  }
}

@Injectable()
export class DatabaseInfo {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly dataSource: DataSource) {}

  get engine(): 'postgres' | 'pglite' {
    return this.config.databaseUrl ? 'postgres' : 'pglite';
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        await ensureSchema(config);
        return { ...dataSourceOptions(config), autoLoadEntities: true };
      },
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseInfo],
  exports: [DatabaseInfo],
})
export class DatabaseModule {}
