// Helpers shared by the start and test scripts: service checks and child processes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** True when something accepts TCP connections on host:port within the timeout. */
export function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
}

const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

/** Redis is required (job queues): start a local redis-server when one is installed and none answers. */
export async function ensureRedis(url = process.env.REDIS_URL || DEFAULT_REDIS) {
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 6379);
  if (await canConnect(host, port)) return true;
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  const server = which('redis-server');
  if (local && server) {
    console.log(`Redis is not running on ${host}:${port}; starting ${server}`);
    spawnSync(server, ['--daemonize', 'yes', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'inherit',
    });
    for (let i = 0; i < 30; i++) {
      if (await canConnect(host, port)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  console.error(
    `Redis is required and not reachable at ${url}. Install and start it (Debian/Ubuntu: \`apt-get install -y redis-server && redis-server --daemonize yes\`; macOS: \`brew install redis && brew services start redis\`), or set REDIS_URL.`,
  );
  return false;
}

/**
 * How `npm start` coordinates: with REDIS_URL (or COORDINATION=redis), Redis, which must answer (started
 * locally when installed); without, Redis when one answers at the default address, else in-process (one
 * api process keeping queues, live fan-out, rate limits and presence in its memory). Null: Redis was asked
 * for and is not reachable (the reason is printed).
 */
export async function chooseCoordination(env = process.env) {
  if (env.COORDINATION === 'in-process') return 'in-process';
  if (env.REDIS_URL || env.COORDINATION === 'redis') return (await ensureRedis(env.REDIS_URL)) ? 'redis' : null;
  const u = new URL(DEFAULT_REDIS);
  if (await canConnect(u.hostname, Number(u.port))) return 'redis';
  console.log(
    `No Redis answers at ${u.host}: Bridgepoint runs as one process, with its job queues, live updates, rate limits and presence in memory ` +
      '(fine for one machine and small events). For production, or several api processes, install Redis ' +
      '(Debian/Ubuntu: `apt-get install -y redis-server`; macOS: `brew install redis`) and set REDIS_URL.',
  );
  return 'in-process';
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The Node that runs this script (the workspace's Node 24 under npm scripts). */
export const node = process.execPath;

export const nx = (args) =>
  run(node, [`${root}/node_modules/nx/dist/bin/nx.js`, ...args], { env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}
