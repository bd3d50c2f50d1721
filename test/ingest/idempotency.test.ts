/**
 * The same upload always maps to the same objects: re-ingesting overwrites, leftovers of an
 * earlier layout are removed, and a file that fails part-way leaves nothing visible.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { isUserError } from '../../functions/lib/errors.js';
import { ingestPath, lakeTable, NOW, openDuck, rows, tempDir, VALID, withTempAndDuck } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;

withTempAndDuck((t, d) => ((tmp = t), (duck = d)));

/** Every object of a folder lake with the SHA-256 of its bytes. */
async function snapshot(lake: string): Promise<Record<string, string>> {
  const store = new FolderStore(lake);
  const out: Record<string, string> = {};
  for (const o of await store.list('')) out[o.key] = createHash('sha256').update(await store.get(o.key)).digest('hex');
  return out;
}

/** An activity log over three months of Klaten, one bad row every 50. */
function activityCsv(n: number): string {
  const lines = [VALID.activity_log.header];
  for (let i = 0; i < n; i++) {
    const month = `2026-0${1 + (i % 3)}`;
    lines.push(VALID.activity_log.row(i, { activity_date: `${month}-10`, submitted_at: `${month}-10 17:00`, kpm_reached: i % 50 === 0 ? '-1' : String(i % 9) }));
  }
  return `${lines.join('\n')}\n`;
}

describe('ingesting the same upload again', () => {
  it('with the same moment of ingest leaves exactly the same objects, byte for byte', async () => {
    // Prepare
    const file = await tmp.file('sama.csv', activityCsv(3000));
    const lake = tmp.path('lake-same');
    // Act
    const first = await ingestPath('activity_log', file, lake);
    const before = await snapshot(lake);
    const second = await ingestPath('activity_log', file, lake);
    const after = await snapshot(lake);
    // Assess
    expect(second).toEqual(first);
    expect(after).toEqual(before);
    expect(Object.keys(after).filter((k) => k.endsWith('.parquet'))).toHaveLength(3);
    expect(Object.keys(after)).toContain(first.quarantineKey);
    expect(Object.keys(after)).toContain(first.manifestKey);
  });

  it('later overwrites the same keys: no row is stored twice', async () => {
    // Prepare
    const file = await tmp.file('ulang.csv', activityCsv(3000));
    const lake = tmp.path('lake-later');
    // Act
    const first = await ingestPath('activity_log', file, lake);
    const keys = Object.keys(await snapshot(lake));
    const second = await ingestPath('activity_log', file, lake, { now: NOW + 86_400_000 });
    // Assess
    expect(Object.keys(await snapshot(lake))).toEqual(keys);
    expect(second.id).toBe(first.id);
    expect(second.ingested_at).toBe('2026-03-16T12:00:00.000Z');
    const got = await rows(duck.con, `SELECT count(*) AS n, count(DISTINCT _ingested_at) AS runs FROM ${lakeTable(lake, 'activity_log')}`);
    expect(got[0]).toEqual({ n: String(first.rows_accepted), runs: '1' });
  });

  it('with other content under the same name gets another id (a corrected resubmission is kept beside)', async () => {
    // Prepare
    const lake = tmp.path('lake-changed');
    const file = await tmp.file('berubah.csv', activityCsv(100));
    const first = await ingestPath('activity_log', file, lake);
    await tmp.file('berubah.csv', activityCsv(101));
    // Act
    const second = await ingestPath('activity_log', file, lake);
    // Assess
    expect(second.id).not.toBe(first.id);
    const got = await rows(duck.con, `SELECT count(*) AS n FROM ${lakeTable(lake, 'activity_log')}`);
    expect(Number(got[0].n)).toBe(first.rows_accepted + second.rows_accepted);
  });
});

describe('objects of an earlier run that the new run does not produce', () => {
  it('are removed when an earlier layout wrote more objects (found through its manifest)', async () => {
    // Prepare: a first run that cut each partition into objects of 100 rows.
    const file = await tmp.file('tata-letak.csv', activityCsv(3000));
    const lake = tmp.path('lake-layout');
    const small = await ingestPath('activity_log', file, lake, { tuning: { bufferLimits: { maxObjectRows: 100, maxBufferedBytes: 1 << 30 } } });
    expect(small.objectKeys.length).toBeGreaterThan(20);
    // Act
    const normal = await ingestPath('activity_log', file, lake);
    // Assess
    const parquet = Object.keys(await snapshot(lake)).filter((k) => k.endsWith('.parquet'));
    expect(parquet.sort()).toEqual(normal.objectKeys);
    expect(parquet).toHaveLength(3);
    const got = await rows(duck.con, `SELECT count(*) AS n FROM ${lakeTable(lake, 'activity_log')}`);
    expect(Number(got[0].n)).toBe(normal.rows_accepted);
  });

  it('are removed when a run killed before its manifest left them (found by listing the partitions)', async () => {
    // Prepare: an earlier layout without a manifest, plus another upload's object in the same partition.
    const file = await tmp.file('tanpa-manifest.csv', activityCsv(3000));
    const lake = tmp.path('lake-orphans');
    const other = await tmp.file('lain.csv', activityCsv(30));
    const otherRun = await ingestPath('activity_log', other, lake);
    const small = await ingestPath('activity_log', file, lake, { tuning: { bufferLimits: { maxObjectRows: 100, maxBufferedBytes: 1 << 30 } } });
    const store = new FolderStore(lake);
    await store.delete([small.manifestKey]);
    // Act
    const normal = await ingestPath('activity_log', file, lake);
    // Assess
    const parquet = Object.keys(await snapshot(lake)).filter((k) => k.endsWith('.parquet'));
    expect(parquet.sort()).toEqual([...normal.objectKeys, ...otherRun.objectKeys].sort());
  });

  it('include the quarantine object once no row is rejected any more', async () => {
    // Prepare: an activity dated the day after the first ingest is in the future, then it is not.
    const lines = [VALID.activity_log.header, VALID.activity_log.row(1), VALID.activity_log.row(2, { activity_date: '2026-03-16', submitted_at: '2026-03-16 18:00' })];
    const file = await tmp.file('besok.csv', `${lines.join('\n')}\n`);
    const lake = tmp.path('lake-quarantine');
    const first = await ingestPath('activity_log', file, lake);
    expect(first.rejected_by_code).toEqual({ future_date: 1 });
    expect(existsSync(path.join(lake, first.quarantineKey!))).toBe(true);
    // Act
    const second = await ingestPath('activity_log', file, lake, { now: NOW + 3 * 86_400_000 });
    // Assess
    expect(second.rows_rejected).toBe(0);
    expect(second.quarantineKey).toBeUndefined();
    expect(existsSync(path.join(lake, first.quarantineKey!))).toBe(false);
  });
});

describe('a file that turns out unreadable part-way', () => {
  it('leaves no object, no quarantine and no manifest, even after objects were already written', async () => {
    // Prepare: 20,000 good rows (written as objects of 1,000 rows), then a quote that never closes.
    const good = activityCsv(20_000);
    const file = await tmp.file('rusak-di-akhir.csv', `${good}ACT-X,PD-1,"2026-02-10,33.10\n`);
    const lake = tmp.path('lake-rollback');
    // Act
    let caught: unknown;
    try {
      await ingestPath('activity_log', file, lake, { tuning: { bufferLimits: { maxObjectRows: 1000, maxBufferedBytes: 1 << 30 } } });
    } catch (err) {
      caught = err;
    }
    // Assess
    expect(isUserError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/20002.*rusak-di-akhir\.csv.* \/ .*20002/);
    expect(await snapshot(lake)).toEqual({});
  });

  it('keeps a manifest, quarantine and objects already there from other uploads', async () => {
    // Prepare
    const lake = tmp.path('lake-rollback-others');
    const ok = await ingestPath('activity_log', await tmp.file('baik.csv', activityCsv(500)), lake);
    const before = await snapshot(lake);
    const bad = await tmp.file('kosong.csv', '');
    // Act
    await expect(ingestPath('activity_log', bad, lake)).rejects.toThrow(/kosong\.csv/);
    // Assess
    expect(await snapshot(lake)).toEqual(before);
    expect(JSON.parse(await readFile(path.join(lake, ok.manifestKey), 'utf8')).rows_read).toBe(500);
  });
});
