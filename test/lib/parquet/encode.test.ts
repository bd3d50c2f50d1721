import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnBatch, encodeParquet, loadParquetWasm, type StorageColumn } from '../../../functions/lib/parquet/index.js';
import { lit, openReader, pageTypeAt, type Reader } from './duckdb-reader.js';
import { tableToIPC } from 'apache-arrow';

const ALL_TYPES: StorageColumn[] = [
  { name: 'nama_desa', type: 'string' },
  { name: 'households', type: 'int32' },
  { name: '_row', type: 'int64' },
  { name: 'amount', type: 'double' },
  { name: 'activity_date', type: 'date' },
  { name: '_ingested_at', type: 'timestamp' },
  { name: 'verified', type: 'bool' },
];

const ROWS: Record<string, unknown>[] = [
  {
    nama_desa: 'Kalibening',
    households: 0,
    _row: 12_000_000_000,
    amount: 0,
    activity_date: '2026-02-28',
    _ingested_at: Date.UTC(2026, 1, 28, 23, 59, 59, 999),
    verified: true,
  },
  {
    nama_desa: 'Ñgawi — ꦗꦮ 🌾 "kutip", koma',
    households: -2_147_483_648,
    _row: -12_000_000_000,
    amount: -1234.5678,
    activity_date: '1969-12-31',
    _ingested_at: -1,
    verified: false,
  },
  { nama_desa: null, households: null, _row: null, amount: null, activity_date: null, _ingested_at: null, verified: null },
  {
    nama_desa: '',
    households: 2_147_483_647,
    _row: Number.MAX_SAFE_INTEGER,
    amount: 1e-9,
    activity_date: '2024-02-29',
    _ingested_at: 0,
    verified: true,
  },
  // A missing key is null too.
  { nama_desa: '=HYPERLINK("x")', _row: 9_007_199_254_740_993n, activity_date: '2000-01-01' },
];

let dir: string;
let db: Reader;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pkh-parquet-'));
  db = await openReader();
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeFile(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('encodeParquet: physical and logical types Athena v3 reads', () => {
  it('writes strings as UTF8, dates as INT32 DATE, timestamps as INT64 MILLIS adjusted to UTC', async () => {
    // Prepare
    const file = writeFile('types.parquet', encodeParquet(ALL_TYPES, ROWS));

    // Act
    const schema = await db.rows(
      `SELECT name, type, converted_type, logical_type FROM parquet_schema(${lit(file)}) WHERE type IS NOT NULL`,
    );

    // Assess
    const byName = Object.fromEntries(schema.map((r) => [r.name, r]));
    expect(Object.keys(byName)).toEqual(ALL_TYPES.map((c) => c.name));
    expect(byName.nama_desa).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
    expect(byName.households).toMatchObject({ type: 'INT32', converted_type: null });
    expect(byName._row).toMatchObject({ type: 'INT64', converted_type: null });
    expect(byName.amount).toMatchObject({ type: 'DOUBLE' });
    expect(byName.activity_date).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
    expect(byName._ingested_at).toMatchObject({ type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' });
    expect(String(byName._ingested_at.logical_type)).toMatch(/isAdjustedToUTC=1/);
    expect(String(byName._ingested_at.logical_type)).toMatch(/MILLIS=MilliSeconds\(\), MICROS=<null>, NANOS=<null>/);
    expect(byName.verified).toMatchObject({ type: 'BOOLEAN' });
  });

  it('round-trips every value exactly, nulls, unicode, zero, negatives and int64 beyond 2^32 included', async () => {
    // Prepare
    const file = writeFile('values.parquet', encodeParquet(ALL_TYPES, ROWS));

    // Act
    const rows = await db.rows(`
      SELECT nama_desa, households, CAST(_row AS VARCHAR) AS row_text, amount,
             CAST(activity_date AS VARCHAR) AS day, epoch_ms(_ingested_at) AS ms, verified
      FROM read_parquet(${lit(file)})`);

    // Assess
    expect(rows).toEqual([
      { nama_desa: 'Kalibening', households: 0, row_text: '12000000000', amount: 0, day: '2026-02-28', ms: BigInt(Date.UTC(2026, 1, 28, 23, 59, 59, 999)), verified: true },
      { nama_desa: 'Ñgawi — ꦗꦮ 🌾 "kutip", koma', households: -2147483648, row_text: '-12000000000', amount: -1234.5678, day: '1969-12-31', ms: -1n, verified: false },
      { nama_desa: null, households: null, row_text: null, amount: null, day: null, ms: null, verified: null },
      { nama_desa: '', households: 2147483647, row_text: '9007199254740991', amount: 1e-9, day: '2024-02-29', ms: 0n, verified: true },
      { nama_desa: '=HYPERLINK("x")', households: null, row_text: '9007199254740993', amount: null, day: '2000-01-01', ms: null, verified: null },
    ]);
  });

  it('reads timestamps as instants: DuckDB sees TIMESTAMP WITH TIME ZONE', async () => {
    // Prepare
    const file = writeFile('tz.parquet', encodeParquet([{ name: 'seen_at', type: 'timestamp' }], [{ seen_at: Date.UTC(2026, 0, 5, 1, 2, 3, 4) }]));

    // Act
    const [row] = await db.rows(`SELECT typeof(seen_at) AS t, strftime(seen_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%g') AS utc FROM read_parquet(${lit(file)})`);

    // Assess
    expect(row).toEqual({ t: 'TIMESTAMP WITH TIME ZONE', utc: '2026-01-05 01:02:03.004' });
  });
});

describe('encodeParquet: compression, row groups, pages', () => {
  const columns: StorageColumn[] = [
    { name: 'kecamatan_code', type: 'string' },
    { name: 'n', type: 'int64' },
    { name: 'activity_date', type: 'date' },
  ];
  const rows = Array.from({ length: 2_500 }, (_, i) => ({
    kecamatan_code: `33.10.${String(1 + (i % 26)).padStart(2, '0')}`,
    n: i,
    activity_date: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));

  it('uses ZSTD by default and Snappy when asked', async () => {
    // Prepare
    const zstd = writeFile('zstd.parquet', encodeParquet(columns, rows));
    const snappy = writeFile('snappy.parquet', encodeParquet(columns, rows, { compression: 'snappy' }));

    // Act
    const codecs = await db.rows(`
      SELECT file_name, list(DISTINCT compression) AS codecs FROM parquet_metadata([${lit(zstd)}, ${lit(snappy)}])
      GROUP BY file_name ORDER BY file_name`);

    // Assess
    expect(codecs).toEqual([
      { file_name: snappy, codecs: ['SNAPPY'] },
      { file_name: zstd, codecs: ['ZSTD'] },
    ]);
  });

  it('cuts row groups at the configured size', async () => {
    // Prepare
    const file = writeFile('groups.parquet', encodeParquet(columns, rows, { rowGroupSize: 1_000 }));

    // Act
    const groups = await db.rows(`
      SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${lit(file)}) ORDER BY row_group_id`);
    const [sum] = await db.rows(`SELECT count(*) AS n, sum(n) AS total FROM read_parquet(${lit(file)})`);

    // Assess
    expect(groups.map((g) => Number(g.row_group_num_rows))).toEqual([1_000, 1_000, 500]);
    expect(sum).toEqual({ n: 2_500n, total: BigInt((2_499 * 2_500) / 2) });
  });

  it('keeps all rows in one row group of the default 500,000 when fewer', async () => {
    // Prepare
    const file = writeFile('one-group.parquet', encodeParquet(columns, rows));

    // Act
    const [meta] = await db.rows(`SELECT num_row_groups, format_version FROM parquet_file_metadata(${lit(file)})`);

    // Assess
    expect(meta).toEqual({ num_row_groups: 1n, format_version: 1n });
  });

  it('writes V1 data pages (page header type DATA_PAGE), dictionaries only for string and date columns', async () => {
    // Prepare
    const bytes = encodeParquet(columns, rows, { rowGroupSize: 1_000 });
    const file = writeFile('pages.parquet', bytes);

    // Act
    const chunks = await db.rows(`
      SELECT path_in_schema, data_page_offset, dictionary_page_offset, encodings FROM parquet_metadata(${lit(file)})`);

    // Assess
    expect(chunks).toHaveLength(9);
    for (const c of chunks) {
      expect(pageTypeAt(bytes, Number(c.data_page_offset)), `${c.path_in_schema} data page`).toBe(0);
      if (c.path_in_schema === 'n') {
        expect(c.dictionary_page_offset).toBeNull();
      } else {
        expect(pageTypeAt(bytes, Number(c.dictionary_page_offset)), `${c.path_in_schema} dictionary page`).toBe(2);
        expect(c.encodings).toMatch(/RLE_DICTIONARY/);
      }
    }
  });

  it('the page-type probe tells V2 pages apart (checked on a file written with writer version 2)', () => {
    // Prepare: bypass encodeParquet to write V2 pages on purpose.
    const pq = loadParquetWasm();
    const batch = new ColumnBatch(columns);
    for (const r of rows) batch.push(r);
    const table = pq.Table.fromIPCStream(tableToIPC(batch.toArrowTable(), 'stream'));
    const props = new pq.WriterPropertiesBuilder().setWriterVersion(pq.WriterVersion.V2).setDictionaryEnabled(false).build();

    // Act
    const v2 = pq.writeParquet(table, props);

    // Assess: the first page starts right after the 4-byte magic.
    expect(pageTypeAt(v2, 4)).toBe(3);
  });
});

describe('encodeParquet: inputs', () => {
  it('gives the same bytes for rows and for a ColumnBatch of those rows', () => {
    // Prepare
    const batch = new ColumnBatch(ALL_TYPES);
    for (const r of ROWS) batch.push(r);

    // Act
    const fromRows = encodeParquet(ALL_TYPES, ROWS);
    const fromBatch = encodeParquet(ALL_TYPES, batch);

    // Assess
    expect(Buffer.from(fromBatch).equals(Buffer.from(fromRows))).toBe(true);
  });

  it('writes a readable file with zero rows', async () => {
    // Prepare
    const file = writeFile('empty.parquet', encodeParquet(ALL_TYPES, []));

    // Act
    const [row] = await db.rows(`SELECT count(*) AS n FROM read_parquet(${lit(file)})`);

    // Assess
    expect(row.n).toBe(0n);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('rejects a ColumnBatch built for other columns', () => {
    // Prepare
    const batch = new ColumnBatch([{ name: 'a', type: 'string' }]);

    // Act / Assess
    expect(() => encodeParquet([{ name: 'a', type: 'int32' }], batch)).toThrow(/other columns/);
  });

  it('rejects a row group size that is not a positive integer', () => {
    expect(() => encodeParquet(ALL_TYPES, ROWS, { rowGroupSize: 0 })).toThrow(/rowGroupSize/);
  });

  it.each([
    ['NamaDesa', /not lowercase snake_case/],
    ['nama-desa', /not lowercase snake_case/],
    ['1st', /not lowercase snake_case/],
  ])('rejects the column name %s', (name, message) => {
    expect(() => encodeParquet([{ name, type: 'string' }], [])).toThrow(message);
  });

  it('rejects a column listed twice', () => {
    expect(() =>
      encodeParquet(
        [
          { name: 'a', type: 'string' },
          { name: 'a', type: 'int32' },
        ],
        [],
      ),
    ).toThrow(/appears twice/);
  });
});
