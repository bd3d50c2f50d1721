import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeParquet } from '../../functions/compact/merge.js';
import { dataObjectKey } from '../../functions/lib/lake-layout.js';
import { encodeParquet, type StorageColumn } from '../../functions/lib/parquet/index.js';
import { getDataset } from '../../schemas/index.js';
import { lit, openReader, type Reader } from '../lib/parquet/duckdb-reader.js';
import { TestLake } from '../report/fixtures/test-lake.js';
import { KUKAR, disbursementRow } from '../report/fixtures/rows.js';

const columns = getDataset('disbursement').storageColumns;

describe('mergeParquet', () => {
  let lake: TestLake;
  let reader: Reader;

  beforeEach(async () => {
    lake = await TestLake.create();
    reader = await openReader();
  });

  afterEach(async () => {
    reader.close();
    await lake.dispose();
  });

  async function fileOf(id: string): Promise<Uint8Array> {
    return readFile(join(lake.root, dataObjectKey('disbursement', id, { kabupaten_code: KUKAR, period: '2026-10' })));
  }

  /** Rows of a Parquet file as DuckDB reads them, timestamps as epoch ms. */
  async function rowsOf(path: string): Promise<Record<string, unknown>[]> {
    return reader.rows(`SELECT * REPLACE (epoch_ms(_ingested_at) AS _ingested_at) FROM read_parquet(${lit(path)}, hive_partitioning = false) ORDER BY ALL`);
  }

  it('berkas tulisan DuckDB (timestamp mikrodetik) disatukan ke tipe penyimpanan / DuckDB-written files (microsecond timestamps) merge into the storage types', async () => {
    // Prepare
    await lake.write('disbursement', [disbursementRow('D-1'), disbursementRow('D-2', { amount_disbursed: 0, status: 'gagal', disbursed_at: null })], {
      file: 'a',
      ingestedAt: '2026-11-02T03:04:05.678Z',
    });
    await lake.write('disbursement', [disbursementRow('D-3', { reconciled_by: 'Petugas <script>' })], { file: 'b' });
    const expected = [
      ...(await rowsOf(join(lake.root, dataObjectKey('disbursement', 'a', { kabupaten_code: KUKAR, period: '2026-10' })))),
      ...(await rowsOf(join(lake.root, dataObjectKey('disbursement', 'b', { kabupaten_code: KUKAR, period: '2026-10' })))),
    ];
    // Act
    const { bytes, rowsIn, rowsOut } = mergeParquet(columns, [await fileOf('a'), await fileOf('b')]);
    // Assess
    expect([rowsIn, rowsOut]).toEqual([3, 3]);
    const path = join(lake.root, 'merged.parquet');
    await writeFile(path, bytes);
    const merged = await rowsOf(path);
    const order = (rows: Record<string, unknown>[]) => [...rows].sort((x, y) => String(x.disbursement_id).localeCompare(String(y.disbursement_id)));
    expect(order(merged)).toEqual(order(expected));
    expect(merged.find((r) => r.disbursement_id === 'D-1')?._ingested_at).toBe(BigInt(Date.parse('2026-11-02T03:04:05.678Z')));
    const schema = await reader.rows(`SELECT name, converted_type FROM parquet_schema(${lit(path)}) WHERE name = '_ingested_at'`);
    expect(schema).toEqual([{ name: '_ingested_at', converted_type: 'TIMESTAMP_MILLIS' }]);
  });

  it('kolom yang tidak ada menjadi null, kolom asing dibuang / a missing column becomes null, a foreign column is dropped', async () => {
    // Prepare: an older file without `reconciled_by` and with a column the schema no longer has.
    const older: StorageColumn[] = [...columns.filter((c) => c.name !== 'reconciled_by'), { name: 'legacy_note', type: 'string' }];
    const row = { ...disbursementRow('D-9'), _source: 'incoming/disbursement/lama.csv', _row: 2, _ingested_at: Date.parse('2026-11-01T00:00:00Z'), legacy_note: 'x' };
    const file = encodeParquet(older, [row]);
    // Act
    const { bytes } = mergeParquet(columns, [file]);
    // Assess
    const path = join(lake.root, 'merged.parquet');
    await writeFile(path, bytes);
    const [merged] = await rowsOf(path);
    expect(merged).toMatchObject({ disbursement_id: 'D-9', reconciled_by: null, amount_allocated: 750_000n });
    expect(merged).not.toHaveProperty('legacy_note');
  });

  it('baris identik di semua kolom disimpan sekali, baris berbeda tetap ganda / rows identical in every column are kept once, differing ones both stay', async () => {
    // Prepare
    const base = { ...disbursementRow('D-1'), _source: 's.csv', _row: 2, _ingested_at: 1 };
    const file = encodeParquet(columns, [base, base, { ...base, _ingested_at: 2 }]);
    // Act
    const { rowsIn, rowsOut } = mergeParquet(columns, [file, file]);
    // Assess
    expect([rowsIn, rowsOut]).toEqual([6, 2]);
  });
});
