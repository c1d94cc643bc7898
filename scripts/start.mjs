// `npm start`: builds what changed, uses Redis when there is one (or runs without it, in one process),
// starts the api serving the web client, and loads the demo conference (649 points, 23,041 delegates)
// through the import API.
import { spawn } from 'node:child_process';
import { chooseCoordination, node, nx, root } from './lib.mjs';

const port = process.env.PORT || '3000';
const env = {
  ...process.env,
  PORT: port,
  WEB_DIST: process.env.WEB_DIST || `${root}/apps/web/dist`,
  DATA_DIR: process.env.DATA_DIR || `${root}/data`,
};

if ((await nx(['run-many', '-t', 'build', '--output-style=static'])) !== 0) {
  console.error('The build failed; see the output above.');
  process.exit(1);
}
const coordination = await chooseCoordination(env);
if (coordination === null) process.exit(1);
if (coordination === 'in-process') env.COORDINATION = 'in-process';

const api = spawn(node, [`${root}/apps/api/dist/main.js`], { stdio: 'inherit', env, cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 120_000;
for (;;) {
  const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
  if (ok) break;
  if (Date.now() > deadline || api.exitCode !== null) {
    console.error(`The api did not become healthy at ${base}/api/health.`);
    api.kill();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
}

if (process.env.SEED_DEMO !== 'false') {
  const { seedDemo } = await import(`${root}/apps/api/dist/demo/seed.js`);
  try {
    await seedDemo({
      baseUrl: base,
      username: env.ADMIN_USERNAME || 'admin',
      password: env.ADMIN_PASSWORD || 'bridgepoint',
      log: (line) => console.log(`[demo] ${line}`),
    });
  } catch (e) {
    console.error(`[demo] ${e.message}`);
  }
}
console.log(
  `\nBridgepoint is running: http://localhost:${port}  (sign in as ${env.ADMIN_USERNAME || 'admin'} / ` +
    `${env.ADMIN_PASSWORD ? '<ADMIN_PASSWORD>' : 'bridgepoint'}; API docs: http://localhost:${port}/api/docs). Stop with Ctrl+C.\n`,
);
