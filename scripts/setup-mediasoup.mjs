// Installs mediasoup's prebuilt worker binary for this platform into node_modules/mediasoup, where the api finds it
// (MEDIA_ENGINE=auto then picks mediasoup over the embedded werift engine). Downloads only: it never compiles.
//   npm run setup:mediasoup              needs internet access to github.com
//   MEDIASOUP_PREBUILT_URL=<base>        another mirror of mediasoup's release files
// Without a prebuilt worker for this platform, set MEDIASOUP_WORKER_BIN to a worker you provide.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(join(import.meta.dirname, '..', 'apps', 'api', 'package.json'));
// The package exports only its entry (node/lib/index.js): the package root is two levels up.
const pkgDir = join(dirname(require.resolve('mediasoup')), '..', '..');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const kernel = platform() === 'linux' ? `-kernel${release().split('.')[0]}` : '';
const tarName = `mediasoup-worker-${version}-${platform()}-${arch()}${kernel}.tgz`;
const base = process.env.MEDIASOUP_PREBUILT_URL ?? 'https://github.com/versatica/mediasoup/releases/download';
const url = `${base}/${version}/${tarName}`;
const outDir = join(pkgDir, 'worker', 'out', 'Release');
const bin = join(outDir, 'mediasoup-worker');

function fail(message) {
  console.error(`setup:mediasoup: ${message}`);
  console.error('The api keeps working with its embedded werift engine (fine for development and small events).');
  process.exit(1);
}

console.log(`setup:mediasoup: fetching ${url}`);
let res;
try {
  res = await fetch(url);
} catch (e) {
  fail(`cannot download (${e.cause?.code ?? e.message}).`);
}
if (!res.ok) fail(`no prebuilt worker at ${url} (HTTP ${res.status}).`);
const tgz = join(tmpdir(), tarName);
writeFileSync(tgz, Buffer.from(await res.arrayBuffer()));
mkdirSync(outDir, { recursive: true });
const untar = spawnSync('tar', ['-xzf', tgz, '-C', outDir], { stdio: 'inherit' });
rmSync(tgz, { force: true });
if (untar.status !== 0) fail('could not unpack the archive (is tar installed?).');
chmodSync(bin, 0o755);

// A worker started without MEDIASOUP_VERSION exits with 41: proof that it runs on this machine's libc.
const check = spawnSync(bin, [], { env: {}, timeout: 10_000 });
if (check.status !== 41) {
  rmSync(bin, { force: true });
  fail(`the downloaded worker does not run here (exit ${check.status ?? check.signal}); provide one with MEDIASOUP_WORKER_BIN.`);
}
console.log(`setup:mediasoup: worker ${version} installed at ${bin}; the api will use mediasoup (MEDIA_ENGINE=auto).`);
