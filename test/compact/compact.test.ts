import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactedKey, compactLake, compactPartition } from '../../functions/compact/compact.js';
import { ingestFile } from '../../functions/ingest/ingest.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { partitionPrefix } from '../../functions/lib/lake-layout.js';
import { FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { DuckDbEngine, type SqlRow } from '../../functions/lib/query-engine/index.js';
import { asOfParam } from '../../functions/report/reports/as-of.js';
import { getDataset, DUCKDB_TABLES } from '../../schemas/index.js';
import { lit, openReader, type Reader } from '../lib/parquet/duckdb-reader.js';

const KAB = '64.02';
const PERIOD = '2026-10';
const NOW = Date.parse('2026-12-01T00:00:00Z');
const PART = { kabupaten_code: KAB, period: PERIOD };
const PREFIX = partitionPrefix('activity_log', PART);
const HEADER = 'activity_id,facilitator_id,activity_date,kabupaten_code,kecamatan_code,desa_code,activity_type,kpm_reached,submitted_at,description';

/** Activity rows of one facilitator on the given October days, sent the same evening (WITA). */
function activities(ids: string[], days: number[], opts: { kab?: string; sentHour?: number } = {}): string {
  const kab = opts.kab ?? KAB;
  const lines = ids.map((id, i) => {
    const day = `2026-10-${String(days[i]).padStart(2, '0')}`;
    return `${id},PND-0${(i % 3) + 1},${day},${kab},${kab}.01,${kab}.01.2001,p2k2,${10 + i},${day} ${opts.sentHour ?? 18}:00,"sesi ke-${i}"`;
  });
  return `${HEADER}\n${lines.join('\n')}\n`;
}

async function ingest(store: ObjectStore, key: string, csv: string): Promise<void> {
  await ingestFile({
    dataset: getDataset('activity_log'),
    source: { key, contentId: `sha:${key}`, open: () => Readable.from([Buffer.from(csv)]) },
    store,
    now: NOW,
    limits: DEFAULT_CONFIG.limits,
  });
}

/** Every stored row of the partition (duplicates included), in a stable order. */
async function rawRows(reader: Reader, root: string): Promise<Record<string, unknown>[]> {
  const glob = lit(join(root, PREFIX, '*.parquet'));
  return reader.rows(
    `SELECT * EXCLUDE (kabupaten_code, period) FROM read_parquet(${glob}, hive_partitioning = true) ORDER BY ALL`,
  );
}

/** What the reports read: the latest-row query of one facilitator-day, through the real engine. */
async function answers(root: string): Promise<SqlRow[]> {
  const engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: root });
  try {
    const kabs = Array(8).fill(KAB);
    // As of now: every stored row has arrived (the cut is the 11th parameter).
    return await engine.run('activity_days', [...kabs, '2026-09', '2026-11', asOfParam(Date.now()), '2026-10-01', '2026-10-31']);
  } finally {
    await engine.close();
  }
}

async function parquetKeys(store: ObjectStore): Promise<string[]> {
  return (await store.list(PREFIX)).map((o) => o.key);
}

/** Makes objects look written `hoursAgo` hours before now (FolderStore's lastModified is the file mtime). */
async function age(store: FolderStore, keys: string[], hoursAgo: number): Promise<void> {
  const t = new Date(Date.now() - hoursAgo * 3600_000);
  for (const k of keys) await utimes(store.localPath(k), t, t);
}

describe('compaction of lake partitions', () => {
  let root: string;
  let store: FolderStore;
  let reader: Reader;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pkh-compact-'));
    store = new FolderStore(root);
    reader = await openReader();
    // Three uploads into one partition; the third corrects activity A-2 (sent later, other count).
    await ingest(store, 'incoming/activity_log/minggu-1.csv', activities(['A-1', 'A-2', 'A-3'], [1, 2, 5]));
    await ingest(store, 'incoming/activity_log/minggu-2.csv', activities(['A-4', 'A-5'], [6, 7]));
    await ingest(store, 'incoming/activity_log/koreksi.csv', activities(['A-2', 'A-6'], [2, 8], { sentHour: 20 }));
    await age(store, await parquetKeys(store), 3);
  });

  afterEach(async () => {
    reader.close();
    await rm(root, { recursive: true, force: true });
  });

  it('tiga berkas kecil menjadi satu, baris dan jawaban sama / three small files become one, same rows and answers', async () => {
    // Prepare
    const inputs = await parquetKeys(store);
    const rowsBefore = await rawRows(reader, root);
    const answersBefore = await answers(root);
    const schemaBefore = await reader.rows(`DESCRIBE SELECT * FROM read_parquet(${lit(store.localPath(inputs[0]))})`);
    // Act
    const done = await compactPartition(store, 'activity_log', PART);
    // Assess
    expect(inputs).toHaveLength(3);
    expect(done).toMatchObject({ inputs, output: compactedKey(PREFIX, inputs), rowsIn: 7, rowsOut: 7 });
    expect(await parquetKeys(store)).toEqual([compactedKey(PREFIX, inputs)]);
    expect(await rawRows(reader, root)).toEqual(rowsBefore);
    expect(await answers(root)).toEqual(answersBefore);
    expect(answersBefore.length).toBeGreaterThan(0);
    const merged = store.localPath(done!.output);
    expect(await reader.rows(`DESCRIBE SELECT * FROM read_parquet(${lit(merged)})`)).toEqual(schemaBefore);
    const types = await reader.rows(`SELECT name, type, converted_type FROM parquet_schema(${lit(merged)}) WHERE name IN ('activity_date', '_ingested_at') ORDER BY name`);
    expect(types).toEqual([
      { name: '_ingested_at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
      { name: 'activity_date', type: 'INT32', converted_type: 'DATE' },
    ]);
    const groups = await reader.rows(`SELECT DISTINCT row_group_id, row_group_num_rows, compression FROM parquet_metadata(${lit(merged)})`);
    expect(groups).toEqual([{ row_group_id: 0n, row_group_num_rows: 7n, compression: 'ZSTD' }]);
  });

  it('terhenti setelah menulis gabungan: pembaca tetap benar, jalan ulang tanpa ganda / killed after writing the merge: readers still right, re-run leaves no duplicates', async () => {
    // Prepare: the deletion "crashes", leaving the merged object and its inputs side by side.
    const inputs = await parquetKeys(store);
    const rowsBefore = await rawRows(reader, root);
    const answersBefore = await answers(root);
    const crashing: ObjectStore = Object.assign(Object.create(store) as FolderStore, {
      delete: async () => {
        throw new Error('killed');
      },
    });
    await expect(compactPartition(crashing, 'activity_log', PART)).rejects.toThrow('killed');
    expect(await parquetKeys(store)).toHaveLength(4);
    expect(await rawRows(reader, root)).toHaveLength(2 * rowsBefore.length);
    expect(await answers(root)).toEqual(answersBefore);
    // Act: the next run; the merged object is minutes old, so it is not an input again.
    const again = await compactPartition(store, 'activity_log', PART);
    // Assess
    expect(again?.output).toBe(compactedKey(PREFIX, inputs));
    expect(await parquetKeys(store)).toEqual([compactedKey(PREFIX, inputs)]);
    expect(await rawRows(reader, root)).toEqual(rowsBefore);
    expect(await answers(root)).toEqual(answersBefore);
  });

  it('terhenti, lalu gabungan sudah tua saat jalan ulang: baris identik disimpan sekali / killed, merge old by the re-run: identical rows kept once', async () => {
    // Prepare
    const rowsBefore = await rawRows(reader, root);
    const answersBefore = await answers(root);
    const crashing: ObjectStore = Object.assign(Object.create(store) as FolderStore, {
      delete: async () => {
        throw new Error('killed');
      },
    });
    await expect(compactPartition(crashing, 'activity_log', PART)).rejects.toThrow('killed');
    await age(store, await parquetKeys(store), 3);
    // Act: merged object + its three inputs all qualify now.
    const again = await compactPartition(store, 'activity_log', PART);
    // Assess
    expect(again).toMatchObject({ rowsIn: 14, rowsOut: 7 });
    expect(again?.inputs).toHaveLength(4);
    expect(await parquetKeys(store)).toEqual([again!.output]);
    expect(await rawRows(reader, root)).toEqual(rowsBefore);
    expect(await answers(root)).toEqual(answersBefore);
  });

  it('jalan ulang pada partisi yang sudah dipadatkan tidak berbuat apa-apa / re-running on a compacted partition does nothing', async () => {
    // Prepare
    const first = await compactPartition(store, 'activity_log', PART);
    await age(store, [first!.output], 3);
    const before = await stat(store.localPath(first!.output));
    // Act
    const second = await compactPartition(store, 'activity_log', PART, { minAgeMs: 0 });
    // Assess
    expect(second).toBeUndefined();
    expect(await parquetKeys(store)).toEqual([first!.output]);
    expect((await stat(store.localPath(first!.output))).mtimeMs).toBe(before.mtimeMs);
  });

  it('berkas yang baru ditulis dibiarkan (ingest mungkin masih berjalan) / objects written just now are left alone (an ingest may still be running)', async () => {
    // Prepare
    await age(store, await parquetKeys(store), 0);
    // Act
    const done = await compactPartition(store, 'activity_log', PART);
    // Assess
    expect(done).toBeUndefined();
    expect(await parquetKeys(store)).toHaveLength(3);
  });

  it('compactLake: partisi dengan satu berkas tak disentuh, batas objek per jalan / compactLake: single-object partitions untouched, object budget per run', async () => {
    // Prepare: a second kabupaten with two files, a third with one.
    await ingest(store, 'incoming/activity_log/berau-1.csv', activities(['B-1'], [3], { kab: '64.03' }));
    await ingest(store, 'incoming/activity_log/berau-2.csv', activities(['B-2'], [4], { kab: '64.03' }));
    await ingest(store, 'incoming/activity_log/paser.csv', activities(['C-1'], [4], { kab: '64.01' }));
    const all = (await store.list('lake/')).map((o) => o.key);
    await age(store, all, 3);
    const single = all.filter((k) => k.includes('kabupaten_code=64.01/'));
    // Act
    const limited = await compactLake(store, { maxObjectsPerRun: 3 });
    const rest = await compactLake(store);
    // Assess
    expect(limited.partitions.map((p) => p.prefix)).toEqual([PREFIX]);
    expect(limited.stoppedEarly).toBe(true);
    expect(rest.partitions.map((p) => p.prefix)).toEqual([partitionPrefix('activity_log', { kabupaten_code: '64.03', period: PERIOD })]);
    expect(rest.stoppedEarly).toBe(false);
    expect((await store.list('lake/activity_log/kabupaten_code=64.01/')).map((o) => o.key)).toEqual(single);
  });

  it('roster: the uploads of every kabupaten compact into one file, rows ordered by kabupaten_code', async () => {
    // Prepare: one roster upload per kabupaten, the later kabupaten first.
    const header = 'facilitator_id,full_name,role,kabupaten_code,kecamatan_code,supervisor_id,active_from,active_to';
    for (const kab of ['64.03', '33.10', '64.02']) {
      const csv = `${header}\nPD-${kab}-1,Nama ${kab},pendamping,${kab},${kab}.01,,2025-01-01,\nPD-${kab}-2,Nama ${kab} B,pendamping,${kab},${kab}.01,,2025-01-01,\n`;
      const r = await ingestFile({
        dataset: getDataset('roster'),
        source: { key: `incoming/roster/${kab}.csv`, contentId: `sha:${kab}`, open: () => Readable.from([Buffer.from(csv)]) },
        store,
        now: NOW,
        limits: DEFAULT_CONFIG.limits,
      });
      expect(r.rows_accepted).toBe(2);
    }
    const inputs = (await store.list('lake/roster/')).map((o) => o.key);
    expect(inputs).toHaveLength(3);
    await age(store, inputs, 3);
    // Act
    const result = await compactLake(store, { datasets: ['roster'] });
    // Assess
    const after = (await store.list('lake/roster/')).map((o) => o.key);
    expect(after).toEqual([compactedKey('lake/roster/', inputs)]);
    expect(result.partitions.map((p) => [p.prefix, p.rowsOut])).toEqual([['lake/roster/', 6]]);
    const rows = await reader.rows(`SELECT kabupaten_code FROM read_parquet(${lit(join(root, after[0]))})`);
    expect(rows.map((r) => r.kabupaten_code)).toEqual(['33.10', '33.10', '64.02', '64.02', '64.03', '64.03']);
  });
});
