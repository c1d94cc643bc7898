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

  it('requires a strong admin password and a signing key in production', () => {
    const secret = { JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...secret })).toThrow(/ADMIN_PASSWORD is required/);
    // The demo's default and short passwords are refused.
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'bridgepoint', ...secret })).toThrow(/ADMIN_PASSWORD is too weak/);
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: '12345678', ...secret })).toThrow(/at least 12 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-pass-phrase' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-pass-phrase', PASSWORD_HASH_COST: '14', ...secret })).toThrow(
      /PASSWORD_HASH_COST must be at least 17/,
    );
    const config = loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-pass-phrase', ...secret });
    expect(config.production).toBe(true);
    expect(config.apiDocs).toBe(false);
    expect(config.passwordHashCost).toBe(17);
    // The demo keeps working out of the box.
    expect(loadConfig({}).adminPassword).toBe('bridgepoint');
  });

  it('trusts no proxy unless told, and takes allowed origins from PUBLIC_URL', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '172.18.0.0/16' }).trustProxy).toBe('172.18.0.0/16');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({}).allowedOrigins).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'https://hop.example.vn/app' }).allowedOrigins).toEqual(['https://hop.example.vn']);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080' }).allowedOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://x' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('logs JSON in production and text otherwise; checks the metrics token and the shutdown grace', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a long and unusual sentence' };
    expect(loadConfig(production)).toMatchObject({ logFormat: 'json', metricsToken: null, shutdownGraceMs: 15_000 });
    expect(loadConfig({})).toMatchObject({ logFormat: 'text' });
    expect(loadConfig({ LOG_FORMAT: 'json', METRICS_TOKEN: 'm'.repeat(16), SHUTDOWN_GRACE_SECONDS: '40' })).toMatchObject({
      logFormat: 'json',
      metricsToken: 'm'.repeat(16),
      shutdownGraceMs: 40_000,
    });
    expect(() => loadConfig({ LOG_FORMAT: 'xml', METRICS_TOKEN: 'short', SHUTDOWN_GRACE_SECONDS: '0' })).toThrow(
      /LOG_FORMAT[\s\S]*METRICS_TOKEN|METRICS_TOKEN[\s\S]*LOG_FORMAT/,
    );
  });

  it('splits roles across processes', () => {
    expect([...loadConfig({ API_ROLES: 'http, realtime' }).roles]).toEqual(['http', 'realtime']);
  });
});
