import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, ioServerOf } from './bootstrap';
import { AppConfig, ConfigError, loadConfig, resolveCoordination } from './config/app-config';
import { exitGracefullyOnSignals } from './health/graceful-shutdown';
import { pingRedis } from './redis/redis';

async function main() {
  let config: AppConfig;
  try {
    const loaded = loadConfig();
    config = await resolveCoordination(loaded, () => pingRedis(loaded, 1000));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (config.coordination === 'redis' && !(await pingRedis(config))) {
    console.error(
      `Redis is not reachable at ${config.redisUrl} (REDIS_URL). Start it with \`redis-server --daemonize yes\`, ` +
        'or install it first (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`).',
    );
    process.exit(3);
  }
  const logger = new Logger('Bridgepoint');
  if (config.coordination === 'in-process') {
    logger.log(
      `${config.coordinationAuto ? `No Redis answers at ${config.redisUrl}` : 'COORDINATION=in-process'}: running as one process with every role, ` +
        'coordinating in-process (job queues, live fan-out, rate limits and presence in its memory). For production or several api processes, ' +
        'run Redis and set REDIS_URL.',
    );
  }
  const app = await createApp(config);
  exitGracefullyOnSignals(app, () => ioServerOf(app), config.shutdownGraceMs);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  logger.log(
    `Listening on ${url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost')} ` +
      `(database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; ` +
      `coordination: ${config.coordination === 'redis' ? 'Redis' : 'in-process'}; roles: ${[...config.roles].join(',')}; docs: /api/docs)`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
