/**
 * Compaction interrupted and re-run while reports read the lake: a lake built from several
 * uploads per dataset (weekly files, many small objects per partition) gives the same three
 * reports before compaction, after a compaction killed at its second delete (one partition
 * merged but not cleaned: its rows twice in the lake), after the re-run to completion, and while
 * a compaction runs (its deletes race the readers' file listings; DuckDbEngine lists again and
 * re-runs a query whose listed file vanished — before that fix these reports failed with
 * `IO Error: No files found …`).
 *
 * Also proven elsewhere: test/compact/compact.test.ts (one partition: merge killed before the
 * delete, re-run without duplicates, the activity_days query unchanged; young objects left alone).
 */
import { cp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactLake } from '../../functions/compact/compact.js';
import { FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { openDuck, tempDir } from '../ingest/helpers.js';
import { buildSmallObjectLakes, objectsPerPartition, reports, rowCounts } from './compaction-lake.js';

const NOW = Date.now();
/** Compaction may take objects written a moment ago. */
const COMPACT = { minAgeMs: 0, now: NOW + 60_000 };
/** Rounds of compaction racing readers, each on a fresh copy of the lake. */
const ROUNDS = 3;

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let period: string;
let baseline: unknown[];
let baselineRows: Record<string, unknown>[][];
const lake = () => tmp.path('lake');

/** A store whose `n`-th delete call fails, as if the process died there. */
function dyingAtDelete(store: FolderStore, n: number): ObjectStore {
  let deletes = 0;
  return Object.assign(Object.create(store) as FolderStore, {
    delete: async (keys: string[]) => {
      if (++deletes === n) throw new Error('killed during compaction');
      return store.delete(keys);
    },
  });
}

beforeAll(async () => {
  tmp = await tempDir('pkh-faults-compact-');
  duck = await openDuck();
  period = await buildSmallObjectLakes(tmp, ['lake', 'pristine'], NOW);
  baseline = await reports(lake(), period, NOW);
  baselineRows = await rowCounts(duck.con, lake());
}, 120_000);

afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('compaction interrupted and re-run, reports read in between', () => {
  it('starts from many small objects per partition', async () => {
    const counts = Object.values(await objectsPerPartition(lake()));
    expect(counts.filter((n) => n >= 3).length).toBeGreaterThanOrEqual(6);
    expect(baseline).toHaveLength(3);
  });

  it('killed at its second delete: one partition done, one merged but not cleaned, reports unchanged', async () => {
    // Act
    await expect(compactLake(dyingAtDelete(new FolderStore(lake()), 2), COMPACT)).rejects.toThrow('killed during compaction');
    // Assess: rows of one partition are in the lake twice now, and the reports do not see them.
    expect(Object.values(await objectsPerPartition(lake())).filter((n) => n === 1).length).toBeGreaterThanOrEqual(2);
    expect(await rowCounts(duck.con, lake())).not.toEqual(baselineRows);
    expect(await reports(lake(), period, NOW)).toEqual(baseline);
  });

  it('re-run to completion: one object per partition, every row once, reports unchanged', async () => {
    // Act
    const result = await compactLake(new FolderStore(lake()), COMPACT);
    // Assess
    expect(result.partitions.length).toBeGreaterThan(0);
    expect(Object.values(await objectsPerPartition(lake())).every((n) => n === 1)).toBe(true);
    expect(await rowCounts(duck.con, lake())).toEqual(baselineRows);
    expect(await reports(lake(), period, NOW)).toEqual(baseline);
  });

  it('reports computed while a compaction runs give the same answers', async () => {
    // Act: on fresh copies of the lake, a compaction and three report runs at once.
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const copy = tmp.path(`lake-round-${round}`);
      await cp(tmp.path('pristine'), copy, { recursive: true });
      const [compacted, ...during] = await Promise.allSettled([
        compactLake(new FolderStore(copy), COMPACT),
        reports(copy, period, NOW),
        reports(copy, period, NOW),
        reports(copy, period, NOW),
      ]);
      expect(compacted.status).toBe('fulfilled');
      for (const r of during) {
        outcomes.push(r.status === 'rejected' ? String((r.reason as Error).message).split('\n')[0] : JSON.stringify(r.value) === JSON.stringify(baseline) ? 'same' : 'different');
      }
      // Assess: after it, one object per partition and every row once.
      expect(Object.values(await objectsPerPartition(copy)).every((n) => n === 1)).toBe(true);
      expect(await rowCounts(duck.con, copy)).toEqual(baselineRows);
    }
    expect(outcomes).toEqual(Array(3 * ROUNDS).fill('same'));
  }, 120_000);
});
