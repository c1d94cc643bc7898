import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs with nothing set: embedded database, local Redis, demo admin, every role', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: null,
      redisUrl: 'redis://127.0.0.1:6379',
      adminUsername: 'admin',
      adminPassword: 'bridgepoint',
    });
    expect([...c.roles].sort()).toEqual(['http', 'jobs', 'media', 'realtime']);
  });

  it('names every bad variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'not a url', API_ROLES: 'http,web', JWT_SECRET: 'short' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.message;
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'API_ROLES', 'JWT_SECRET']) expect(text).toContain(name);
    expect(error!.problems).toHaveLength(5);
  });

  it('requires a real admin password in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ADMIN_PASSWORD is required/);
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-password' }).production).toBe(true);
  });

  it('splits roles across processes', () => {
    expect([...loadConfig({ API_ROLES: 'http, realtime' }).roles]).toEqual(['http', 'realtime']);
  });
});
