/**
 * `pkh` as a real process, from `bin/pkh.js` (the sources): the other CLI tests call the same
 * dispatcher in process; these two check what only a process shows — the exit code, and that
 * stdout and stderr carry exactly what they should.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLake, PERIOD, runPkh, tempDir } from './helpers.js';

/** Kota Bontang: three kecamatan, a quick lake. */
const K = '64.74';
let dataDir: string;

beforeAll(async () => {
  dataDir = (await tempDir('pkh-cli-smoke-')).dir;
  await buildLake(dataDir, K, 1);
}, 120_000);

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pkh as a process', () => {
  it('wrong usage: exit 2, one line on stderr, nothing on stdout', async () => {
    const run = await runPkh(['report', 'scorecard', '--kabupaten', K, '--period', PERIOD, '--bogus'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^pkh: Opsi salah untuk "pkh report".*--bogus.* \/ Wrong options/)]);
  });

  it('report --format json --out -: exit 0, stdout is the report JSON alone, stderr empty', async () => {
    const run = await runPkh(['report', 'scorecard', '--kabupaten', K, '--period', PERIOD, '--format', 'json', '--out', '-'], dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ report: 'scorecard', kabupaten_code: K, period: PERIOD });
  });
});
