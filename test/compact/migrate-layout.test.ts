/**
 * A data folder written by an older pkh (roster, monthly reports and profiles in
 * `kabupaten_code=` folders) is never read half: the CLI moves it to the current layout first,
 * saying so once on stderr, and the reports come out the same.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasLegacyLayout, migrateLayout } from '../../functions/compact/migrate-layout.js';
import { DATASET_NAMES, REPARTITIONED } from '../../functions/lib/lake-layout.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import type { ObjectStore } from '../../functions/lib/object-store/types.js';
import { runPkhInProcess } from '../support/cli.js';
import { toLegacyLayout } from '../support/legacy-lake.js';
import { tempDir, type TempDir } from '../support/temp.js';

const KAB = '64.02';
const PERIOD = '2026-10';
const AS_OF = '2026-11-20T10:00+08:00';

let tmp: TempDir;
let lake: string;

const report = () => runPkhInProcess(['report', 'scorecard', '--kabupaten', KAB, '--period', PERIOD, '--as-of', AS_OF, '--format', 'json', '--out', '-'], lake);
/** The report JSON without the moment it was written. */
const content = (json: string) => ({ ...JSON.parse(json), generated_at: undefined });

async function kabupatenFolders(dataset: string): Promise<string[]> {
  const names = await readdir(join(lake, 'lake', dataset)).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith('kabupaten_code='));
}

/** The scorecard of the fixture month, as pkh prints it. */
async function scorecardOf(): Promise<unknown> {
  const run = await report();
  expect(run.code).toBe(0);
  return content(run.stdout);
}

describe('migrating an old-layout lake', () => {
  let fresh: unknown;

  beforeAll(async () => {
    tmp = await tempDir('pkh-migrate-');
    lake = tmp.path('data');
    const input = tmp.path('input');
    const gen = await runPkhInProcess(['generate', '--kabupaten', KAB, '--months', '2', '--end-period', PERIOD, '--out', input], lake);
    expect(gen.code).toBe(0);
    const files = (await readdir(input)).filter((f) => f.endsWith('.csv'));
    for (const dataset of DATASET_NAMES) {
      const file = files.find((f) => f.startsWith(dataset));
      expect(file, dataset).toBeDefined();
      const run = await runPkhInProcess(['ingest', '--dataset', dataset, join(input, file!)], lake);
      expect(run.code, run.stderr).toBe(0);
    }
    fresh = await scorecardOf();
  }, 240_000);

  afterAll(() => tmp?.cleanup());

  it('pkh report: migrates first (one line on stderr), same report JSON, old folders gone', async () => {
    // Arrange: the lake as an older pkh left it.
    const legacy = await toLegacyLayout(lake);
    expect(legacy.some((f) => f.includes('/lake/roster/kabupaten_code=64.02/'))).toBe(true);
    expect(legacy.some((f) => f.includes('/lake/monthly_report/kabupaten_code=64.02/period=2026-10/'))).toBe(true);
    // Act
    const run = await report();
    // Assert
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pkh: lake di .* dipindah ke tata letak baru \(\d+ berkas lama → \d+\) \/ lake moved to the new layout/);
    expect(content(run.stdout)).toEqual(fresh);
    for (const d of REPARTITIONED) expect(await kabupatenFolders(d), d).toEqual([]);
    expect(await kabupatenFolders('activity_log')).toEqual([`kabupaten_code=${KAB}`]);
    expect((await readdir(join(lake, 'lake', 'roster'))).filter((n) => n.endsWith('.parquet'))).toHaveLength(1);
    // Once moved, nothing more to say.
    const again = await report();
    expect(again.stderr).toBe('');
    expect(content(again.stdout)).toEqual(fresh);
  }, 120_000);

  it('a run that must stop (Lambda near its timeout) stops between folders; the next run moves the rest', async () => {
    await toLegacyLayout(lake, '0123456789abcdef');
    const store = new FolderStore(lake);
    let folders = 0;
    const first = await migrateLayout(store, { shouldStop: () => folders++ >= 1 });
    expect(first).toHaveLength(1);
    expect(await hasLegacyLayout(store)).toBe(true);
    const rest = await migrateLayout(store);
    expect(rest.length).toBeGreaterThan(0);
    expect(await hasLegacyLayout(store)).toBe(false);
    const run = await report();
    expect(run.stderr).toBe('');
    expect(content(run.stdout)).toEqual(fresh);
  }, 120_000);

  it('a run killed between writing the new objects and deleting the old ones: the next run finishes, answers unchanged', async () => {
    await toLegacyLayout(lake, 'fedcba9876543210');
    const store = new FolderStore(lake);
    const dying: ObjectStore = Object.assign(Object.create(store) as FolderStore, {
      delete: async () => {
        throw new Error('killed');
      },
    });
    await expect(migrateLayout(dying)).rejects.toThrow('killed');
    // New and old objects side by side: the reports read each row once (latest per natural key).
    expect(await hasLegacyLayout(store)).toBe(true);
    const done = await migrateLayout(store);
    expect(done.length).toBeGreaterThan(0);
    expect(await hasLegacyLayout(store)).toBe(false);
    expect(await migrateLayout(store)).toEqual([]);
    const run = await report();
    expect(run.stderr).toBe('');
    expect(content(run.stdout)).toEqual(fresh);
  }, 120_000);
});
