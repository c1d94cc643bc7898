import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, ioServerOf } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { exitGracefullyOnSignals } from './health/graceful-shutdown';
import { pingRedis } from './redis/redis';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (!(await pingRedis(config))) {
    console.error(
      `Redis is not reachable at ${config.redisUrl} (REDIS_URL). Start it with \`redis-server --daemonize yes\`, ` +
        'or install it first (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`).',
    );
    process.exit(3);
  }
  const app = await createApp(config);
  exitGracefullyOnSignals(app, () => ioServerOf(app), config.shutdownGraceMs);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  new Logger('Bridgepoint').log(
    `Listening on ${url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost')} ` +
      `(database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; roles: ${[...config.roles].join(',')}; docs: /api/docs)`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
