import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeActivityLogCsv } from '../../functions/generator/index.js';
import { getDataset } from '../../schemas/index.js';
import { NOW, readCsv } from './helpers.js';

describe('writeActivityLogCsv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkh-gen-bench-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes exactly the requested number of valid activity_log rows, the same for the same seed', async () => {
    // Prepare
    const opts = { endPeriod: '2026-10', now: NOW };
    // Act
    const a = await writeActivityLogCsv(join(dir, 'a.csv'), 60_000, 2, opts);
    const b = await writeActivityLogCsv(join(dir, 'b.csv'), 60_000, 2, opts);
    // Assess
    expect(a.rows).toBe(60_000);
    const records = await readCsv(a.path);
    expect(records).toHaveLength(60_000);
    expect((await readFile(a.path)).equals(await readFile(b.path))).toBe(true);
    // 60,000 rows need more than one kabupaten (the first in code order has fewer).
    expect(new Set(records.map((r) => r.kabupaten_code)).size).toBeGreaterThan(1);
    const activity = getDataset('activity_log');
    expect(records.filter((r) => !activity.validate(r, { now: NOW }).ok)).toEqual([]);
  });
});
