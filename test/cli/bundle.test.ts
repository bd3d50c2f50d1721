/**
 * The compiled CLI (`npm run build`, scripts/build.ts), built into a scratch folder inside
 * node_modules/.cache (so its dependencies resolve as from dist/): it runs a report, and a large
 * CSV is ingested on worker threads started from the bundle's own `ingest-worker.mjs`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeActivityLogCsv } from '../../functions/generator/index.js';
import { holidayTable } from '../../functions/lib/public-holidays.js';
import { buildCli, BUILD_INFO_FILE, BUILT_HOLIDAY_YEARS } from '../../scripts/build.js';
import { ROOT } from '../support/cli.js';
import { tempDir, type TempDir } from '../support/temp.js';

const OUT = path.join(ROOT, 'node_modules', '.cache', 'pantau-pkh', `test-dist-${process.pid}`);
let tmp: TempDir;

/** Records the URL of every worker thread the process starts, in PKH_TEST_WORKERS_FILE. */
const WORKER_PROBE = `data:text/javascript,${encodeURIComponent(`
import wt from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';
import { appendFileSync } from 'node:fs';
const Base = wt.Worker;
wt.Worker = class extends Base {
  constructor(url, opts) { super(url, opts); appendFileSync(process.env.PKH_TEST_WORKERS_FILE, String(url) + '\\n'); }
};
syncBuiltinESMExports();`)}`;

function runBundle(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', WORKER_PROBE, path.join(OUT, 'pkh.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, PKH_SQL_DIR: path.join(ROOT, 'sql'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  tmp = await tempDir('pkh-cli-bundle-');
  await buildCli(OUT);
}, 120_000);

afterAll(async () => {
  await rm(OUT, { recursive: true, force: true });
  await tmp?.cleanup();
});

describe('the compiled CLI', () => {
  it('lists every source it was built from, so bin/pkh.js can tell when it is stale', async () => {
    const info = JSON.parse(await readFile(path.join(OUT, BUILD_INFO_FILE), 'utf8')) as { builtAt: number; inputs: string[] };
    expect(info.inputs).toEqual(expect.arrayContaining(['cli/pkh.ts', 'cli/commands/report.ts', 'functions/ingest/parallel/worker.ts', 'functions/lib/wilayah.ts']));
    for (const f of info.inputs) expect(existsSync(path.join(ROOT, f)), f).toBe(true);
  });

  it('carries the public holidays of its years computed, so a report does not load date-holidays', async () => {
    const chunks = await Promise.all((await readdir(OUT)).filter((f) => f.endsWith('.mjs')).map((f) => readFile(path.join(OUT, f), 'utf8')));
    const code = chunks.join('\n');
    for (const year of [BUILT_HOLIDAY_YEARS.from, 2026, BUILT_HOLIDAY_YEARS.to]) {
      for (const [date, name] of holidayTable(year, year)[year]) expect(code).toContain(`["${date}", ${JSON.stringify(name)}]`);
    }
    expect(code).not.toMatch(/typeof PKH_BUILT_HOLIDAYS/);
  });

  it('ingests a CSV large enough to be split on worker threads started from the bundle', async () => {
    // Prepare: over the 8 MiB split threshold.
    const csv = tmp.path('activity_log.csv');
    await writeActivityLogCsv(csv, 80_000, 1);
    const workers = tmp.path('workers.txt');
    await writeFile(workers, '');
    // Act
    const run = await runBundle(['ingest', '--dataset', 'activity_log', csv], { PKH_DATA_DIR: tmp.path('lake'), PKH_TEST_WORKERS_FILE: workers });
    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('read 80,000 rows');
    const urls = (await readFile(workers, 'utf8')).trim().split('\n');
    expect(urls.length).toBeGreaterThanOrEqual(1);
    for (const u of urls) expect(u).toBe(`file://${path.join(OUT, 'ingest-worker.mjs')}`);
  });

  it('runs a report on DuckDB compiled into the bundle (its native part from node_modules)', async () => {
    const run = await runBundle(
      ['report', 'scorecard', '--kabupaten', '64.02', '--period', '2026-10', '--as-of', '2026-11-20T08:00', '--format', 'json', '--out', '-'],
      { PKH_DATA_DIR: tmp.path('empty-lake'), PKH_TEST_WORKERS_FILE: tmp.path('none.txt') },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { report: string; kabupaten_code: string; data_quality: { rows_in_period: Record<string, number> } };
    expect(report).toMatchObject({ report: 'scorecard', kabupaten_code: '64.02' });
    expect(report.data_quality.rows_in_period).toEqual({ monthly_report: 0, activity_log: 0, disbursement: 0 });
  });

  it('answers --help', async () => {
    const run = await runBundle(['--help'], { PKH_TEST_WORKERS_FILE: tmp.path('none.txt') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Penggunaan / Usage: pkh');
  });
});
