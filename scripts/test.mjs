// `npm test`: every check and every test tier, against the machine's PostgreSQL and Redis and
// Debian's Chromium. Ends with one line "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { canConnect, ensureRedis, findChromium, node, nx, root, run, which } from './lib.mjs';

const dbUrl = new URL(process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test');
if (!(await canConnect(dbUrl.hostname, Number(dbUrl.port || 5432)))) {
  console.error(
    `PostgreSQL is not reachable at ${dbUrl.host} (TEST_DATABASE_URL). Start it (Debian: ` +
      '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or point TEST_DATABASE_URL at one.',
  );
  process.exit(1);
}
if (!(await ensureRedis(process.env.REDIS_URL))) process.exit(1);

if (!findChromium() && process.getuid?.() === 0 && which('apt-get')) {
  console.log('Chromium is missing; installing Debian\'s chromium for the browser tests');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], {
    stdio: 'inherit',
  });
}

// Import tests write .xls/.ods/.xlsx the way an office suite does, with gnumeric's ssconvert.
if (!which('ssconvert') && process.getuid?.() === 0 && which('apt-get')) {
  console.log('ssconvert is missing; installing Debian\'s gnumeric for the import tests');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnumeric >/dev/null'], {
    stdio: 'inherit',
  });
}

// The attendance record's tests read its PDF with poppler's pdftotext and render it with pdftoppm.
if (!which('pdftotext') && process.getuid?.() === 0 && which('apt-get')) {
  console.log('pdftotext is missing; installing Debian\'s poppler-utils for the record tests');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null'], {
    stdio: 'inherit',
  });
}

// The recording tests need ffmpeg (the api records with it) and ffprobe (the tests read the files).
if (!which('ffprobe') && process.getuid?.() === 0 && which('apt-get')) {
  console.log('ffmpeg is missing; installing Debian\'s ffmpeg for the recording tests');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null'], {
    stdio: 'inherit',
  });
}

const steps = [
  ['build, typecheck and lint', () => nx(['run-many', '-t', 'build', 'typecheck', 'lint', '--output-style=static'])],
  // The cross-app tests and benchmarks under test/ belong to no project: checked here.
  ['typecheck of test/', async () => {
    for (const dir of ['e2e', 'faults', 'bench', 'deploy']) {
      const code = await run(node, [`${root}/node_modules/typescript/bin/tsc`, '-p', `${root}/test/${dir}/tsconfig.json`]);
      if (code !== 0) return code;
    }
    return 0;
  }],
  ['lint of test/', () => run(node, [`${root}/node_modules/eslint/bin/eslint.js`, 'test', 'scripts'])],
];
for (const [name, step] of steps) {
  if ((await step()) !== 0) {
    console.error(`\n${name} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync(`${root}/tmp`, { recursive: true });
// Jest loads NestJS 12's ES modules from CommonJS specs through Node's VM modules.
const jestEnv = { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning' };

/** One jest run; its counts (a run that died before writing its report counts as one failure). */
async function jest(name, args) {
  const report = `${root}/tmp/jest-report-${name}.json`;
  rmSync(report, { force: true });
  const code = await run(node, [`${root}/node_modules/jest/bin/jest.js`, '--json', `--outputFile=${report}`, ...args], { env: jestEnv });
  let summary = { numPassedTests: 0, numFailedTests: code === 0 ? 0 : 1, numPendingTests: 0 };
  try {
    summary = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    // jest died before writing its report: counted as one failure.
  }
  return { code, passed: summary.numPassedTests, failed: summary.numFailedTests || (code === 0 ? 0 : 1), skipped: summary.numPendingTests };
}

// The browser tests (each an api, Chromium and fake cameras) run after the others and one at a time: on two
// cores they would starve the integration tests' start-ups, and each other's media, of CPU.
/**
 * The production image and the compose stack (default and scale profiles), built and run with Docker
 * (test/deploy/deploy.ts installs it from Debian's packages where missing): one test, last.
 */
async function deployTest() {
  const skip = (reason) => {
    console.log(`\nSKIPPED deploy test (npm run test:deploy): ${reason}`);
    return { code: 0, passed: 0, failed: 0, skipped: 1 };
  };
  if (process.env.DEPLOY_TEST === '0') return skip('DEPLOY_TEST=0');
  if (process.getuid?.() !== 0) return skip('it installs and runs Docker, which needs root');
  if (!existsSync('/usr/bin/docker') && !which('apt-get')) return skip('no Docker at /usr/bin/docker and no apt-get to install it');
  console.log('\ndeploy test: the production image and compose stack (npm run test:deploy)');
  const code = await run(node, [`${root}/test/deploy/deploy.ts`]);
  return { code, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

const given = process.argv.slice(2);
const runs = given.length > 0
  ? [await jest('given', given)]
  : [
      await jest('api', ['--selectProjects', 'api:unit', 'api:postgres', 'api:pglite', 'faults']),
      await jest('e2e', ['--selectProjects', 'e2e', '--maxWorkers=1']),
      await deployTest(),
    ];
const total = runs.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`\n${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(runs.every((r) => r.code === 0) && total.failed === 0 ? 0 : 1);
