import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

describe('documented response bodies', () => {
  it('are up to date with the return types the controllers declare, and every route declares one', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/openapi-responses.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 60_000);
});
