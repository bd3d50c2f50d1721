import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, generateRows, headerOf } from '../../functions/generator/index.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { getDataset } from '../../schemas/index.js';
import { tempDir as sharedTempDir, type TempDir } from '../support/temp.js';
import { KUTAI_KARTANEGARA, NOW, readCsv } from './helpers.js';

const dirs: TempDir[] = [];
async function tempDir(): Promise<string> {
  const t = await sharedTempDir('pkh-gen-');
  dirs.push(t);
  return t.dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => d.cleanup()));
});

const base = { kabupaten: KUTAI_KARTANEGARA, months: 2, endPeriod: '2026-10', now: NOW, invalidRate: 0.02 };

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) out.set(name, await readFile(join(dir, name)));
  return out;
}

describe('generate: determinism', () => {
  it('writes byte-identical files for the same seed, and different files for another seed', async () => {
    // Prepare
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    // Act
    await generate({ ...base, seed: 7, outDir: a });
    await generate({ ...base, seed: 7, outDir: b });
    await generate({ ...base, seed: 8, outDir: c });
    // Assess
    const [fa, fb, fc] = [await filesOf(a), await filesOf(b), await filesOf(c)];
    expect([...fa.keys()]).toEqual(DATASET_NAMES.map((d) => `${d}.csv`).sort());
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), name).toBe(true);
    for (const name of ['roster.csv', 'monthly_report.csv', 'activity_log.csv', 'disbursement.csv', 'kecamatan_profile.csv']) {
      expect(fa.get(name)!.equals(fc.get(name)!), name).toBe(false);
    }
  });

  it('gives a kabupaten the same rows whether generated alone or with others', () => {
    // Prepare
    const alone = [...generateRows('activity_log', { ...base, seed: 3 })].map((r) => r.cells.join(','));
    // Act
    const together = [...generateRows('activity_log', { ...base, seed: 3, kabupaten: '64.01,64.02,64.03' })]
      .map((r) => r.cells.join(','))
      .filter((line) => line.includes(`,${KUTAI_KARTANEGARA},`));
    // Assess
    expect(together).toEqual(alone);
  });

  it('uses the schema column names as the header of every file, in CSV and in JSON Lines', async () => {
    // Prepare
    const dir = await tempDir();
    // Act
    const csv = await generate({ ...base, months: 1, outDir: join(dir, 'csv') });
    const jsonl = await generate({ ...base, months: 1, outDir: join(dir, 'jsonl'), format: 'jsonl' });
    // Assess
    for (const d of DATASET_NAMES) {
      const expected = getDataset(d).columns.map((c) => c.name);
      expect(headerOf(d)).toEqual(expected);
      const firstLine = (await readFile(csv.files[d], 'utf8')).split('\n')[0];
      expect(firstLine).toBe(expected.join(','));
      const firstRecord = JSON.parse((await readFile(jsonl.files[d], 'utf8')).split('\n')[0]) as object;
      expect(Object.keys(firstRecord)).toEqual(expected);
      expect(jsonl.rows[d]).toBe(csv.rows[d]);
      expect((await readCsv(csv.files[d])).length).toBe(csv.rows[d]);
    }
  });

  it('writes one file per dataset and kabupaten with split "kabupaten", same rows as one file', async () => {
    // Prepare
    const dir = await tempDir();
    const opts = { ...base, months: 1, kabupaten: '64.01,64.02' };
    // Act
    const single = await generate({ ...opts, outDir: join(dir, 'single') });
    const split = await generate({ ...opts, outDir: join(dir, 'split'), split: 'kabupaten' });
    // Assess
    expect(split.fileList.roster.map((f) => f.slice(split.files.roster.length + 1))).toEqual(['roster-64.01.csv', 'roster-64.02.csv']);
    for (const d of DATASET_NAMES) {
      const joined = (await Promise.all(split.fileList[d].map((f) => readCsv(f)))).flat();
      expect(joined).toEqual(await readCsv(single.files[d]));
    }
  });

  it('reports progress per kabupaten, ending with every kabupaten and every row', async () => {
    // Prepare
    const seen: { done: number; rows: number }[] = [];
    // Act
    const r = await generate({
      ...base,
      months: 1,
      kabupaten: '64.01,64.02',
      outDir: await tempDir(),
      onProgress: (p) => seen.push({ done: p.kabupatenDone, rows: p.rows }),
    });
    // Assess
    const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
    expect(seen.at(-1)).toEqual({ done: 2, rows: total });
    expect(seen.filter((p) => p.done === 1)).toHaveLength(1);
  });
});
