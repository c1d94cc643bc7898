import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';

export type TestDb = 'postgres' | 'pglite';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/**
 * The PGlite tier runs as `npm start` does on a machine without Redis: one process, coordinating in its own
 * memory. A test that passes REDIS_URL itself (a Redis of its own) gets Redis coordination there too.
 */
const IN_PROCESS = process.env.COORDINATION === 'in-process';
export const ADMIN = { username: 'admin', password: 'harness-root-passphrase' };
/** Every account the harness creates signs in with this (long enough for the password policy). */
export const USER_PASSWORD = 'harness-secret-phrase';

/** Which database the integration suites run on: each jest project sets TEST_DB. */
export function testDb(): TestDb {
  return process.env.TEST_DB === 'pglite' ? 'pglite' : 'postgres';
}

export interface TestApp {
  app: INestApplication;
  coordination: 'redis' | 'in-process';
  /** Listens on a free loopback port (for sockets); returns the base URL. */
  listen(): Promise<string>;
  schema: string;
  redisPrefix: string;
  http: () => ReturnType<typeof request>;
  db: TestDb;
  adminToken: string;
  /** A token for a fresh user of this role. */
  userToken(role: 'organizer' | 'moderator' | 'presenter'): Promise<string>;
  /** Puts the users behind these tokens (from `userToken`) on a conference's staff. */
  addStaff(conferenceId: string, ...tokens: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the real api once per test file: a schema of its own on the machine's Postgres
 * (or a fresh PGlite directory), its own Redis key prefix, the import worker in-process.
 */
export async function startTestApp(
  db: TestDb = testDb(),
  env: Record<string, string> = {},
  /** Join another app's database schema and Redis prefix: a second api process of the same deployment. */
  peer?: TestApp,
): Promise<TestApp> {
  const id = randomBytes(4).toString('hex');
  const schema = peer?.schema ?? `t_${id}`;
  const redisPrefix = peer?.redisPrefix ?? `bptest-${id}`;
  const inProcess = env.COORDINATION === 'in-process' || (IN_PROCESS && env.REDIS_URL === undefined && env.COORDINATION === undefined && !peer);
  if (peer && peer.coordination === 'in-process') throw new Error('A second api process of a deployment needs Redis: run this test on api:postgres');
  const dataDir = mkdtempSync(join(tmpdir(), 'bp-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ...(db === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } : {}),
    ...(inProcess ? { COORDINATION: 'in-process' } : { REDIS_URL, COORDINATION: 'redis' }),
    REDIS_PREFIX: redisPrefix,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'error',
    // Tests create many accounts: the cheapest scrypt cost the configuration accepts outside production.
    PASSWORD_HASH_COST: '14',
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  const server = app.getHttpServer() as App;
  const http = () => request(server);
  const login = async (username: string, password: string) => {
    const res = await http().post('/api/auth/login').send({ username, password }).expect(200);
    return res.body.accessToken as string;
  };
  const adminToken = await login(ADMIN.username, ADMIN.password);
  let users = 0;
  const usernames = new Map<string, string>();
  return {
    app,
    coordination: inProcess ? 'in-process' : 'redis',
    schema,
    redisPrefix,
    async listen() {
      await app.listen(0, '127.0.0.1');
      return (await app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    http,
    db,
    adminToken,
    async userToken(role) {
      const username = `${role}${++users}`;
      await http()
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
        .send({ username, displayName: `Test ${role}`, role, password: USER_PASSWORD })
        .expect(201);
      const token = await login(username, USER_PASSWORD);
      usernames.set(token, username);
      return token;
    },
    async addStaff(conferenceId, ...tokens) {
      for (const token of tokens) {
        const username = usernames.get(token);
        if (!username) throw new Error('addStaff takes tokens made by userToken()');
        await http().post(`/api/conferences/${conferenceId}/staff`).auth(adminToken, { type: 'bearer' }).send({ username }).expect(200);
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (peer) return;
      if (!inProcess) {
        const redis = new Redis(REDIS_URL);
        const keys = await redis.keys(`${redisPrefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
      if (db === 'postgres') {
        const client = new Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  };
}

/** Polls a job until it completes or fails; returns its last state. */
export async function waitForJob(t: TestApp, token: string, jobId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/jobs/${jobId}`).auth(token, { type: 'bearer' }).expect(200);
    if (res.body.state === 'completed' || res.body.state === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
