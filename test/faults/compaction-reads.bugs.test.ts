/**
 * BUG (kept failing on purpose): a report computed while a compaction runs can fail instead of
 * giving the same answers. SYSTEM.md "Lake layout" says a partition read mid-compaction gives
 * the same answers; but compaction deletes its inputs right after writing the merged object, and
 * a query that listed the partition's files before the delete and opens them after fails:
 * `IO Error: No files found that match the pattern ".../period=2026-10/<id>.parquet"`
 * (DuckDB here; Athena would fail the same way on an object deleted after planning).
 * Since 13a2e5c DuckDbEngine lists again and re-runs a query up to 3 times on that error; with
 * several partitions compacted back to back (one delete every few tens of ms) a query can still
 * lose all 3 attempts, so the report fails.
 * A race, so the test runs a few rounds on fresh copies of the lake and stops at the first miss.
 */
import { cp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactLake } from '../../functions/compact/compact.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { openDuck, tempDir } from '../ingest/helpers.js';
import { buildSmallObjectLakes, reports, rowCounts } from './compaction-lake.js';

const NOW = Date.now();
const COMPACT = { minAgeMs: 0, now: NOW + 60_000 };
const ROUNDS = 15;

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let period: string;
let baseline: unknown[];
let baselineRows: Record<string, unknown>[][];

beforeAll(async () => {
  tmp = await tempDir('pkh-faults-compact-bug-');
  duck = await openDuck();
  period = await buildSmallObjectLakes(tmp, ['lake'], NOW);
  baseline = await reports(tmp.path('lake'), period, NOW);
  baselineRows = await rowCounts(duck.con, tmp.path('lake'));
}, 120_000);

afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('compaction running while reports read', () => {
  it('reports computed during a compaction give the same answers', async () => {
    // Act: on fresh copies of the lake, a compaction and three report runs at once, round after
    // round until one goes wrong (a race: the first round nearly always shows it).
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS && !outcomes.some((o) => o !== 'same'); round++) {
      const lake = tmp.path(`lake-${round}`);
      await cp(tmp.path('lake'), lake, { recursive: true });
      const [compacted, ...during] = await Promise.allSettled([
        compactLake(new FolderStore(lake), COMPACT),
        reports(lake, period, NOW),
        reports(lake, period, NOW),
        reports(lake, period, NOW),
      ]);
      expect(compacted.status).toBe('fulfilled');
      for (const r of during) {
        outcomes.push(r.status === 'rejected' ? String((r.reason as Error).message).split('\n')[0] : JSON.stringify(r.value) === JSON.stringify(baseline) ? 'same' : 'different');
      }
      expect(await rowCounts(duck.con, lake)).toEqual(baselineRows);
    }
    // Assess
    expect(outcomes.filter((o) => o !== 'same')).toEqual([]);
  });
});
