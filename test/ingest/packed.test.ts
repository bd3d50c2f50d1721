/** Packed columns: the rows between validation and Parquet keep every value, null and type. */
import { describe, expect, it } from 'vitest';
import { ColumnBatch, type StorageColumn } from '../../functions/lib/parquet/index.js';
import { PackedBuilder, packedToArrowTable, viewsOfArrow, viewsOfPacked } from '../../functions/ingest/packed.js';
import { encodePacked } from '../../functions/ingest/encode.js';
import { openDuck, rows, tempDir } from './helpers.js';
import { writeFile } from 'node:fs/promises';

const COLUMNS: StorageColumn[] = [
  { name: 'teks', type: 'string' },
  { name: 'n', type: 'int32' },
  { name: 'rupiah', type: 'int64' },
  { name: 'x', type: 'double' },
  { name: 'tanggal', type: 'date' },
  { name: 'waktu', type: 'timestamp' },
  { name: 'ya', type: 'bool' },
];

const ROWS = [
  { teks: 'Pemberdayaan – café 😀', n: -5, rupiah: 9_007_199_254_740_991, x: 0.1, tanggal: '2026-02-28', waktu: Date.UTC(2026, 1, 28, 9), ya: true },
  { teks: null, n: null, rupiah: null, x: null, tanggal: null, waktu: null, ya: null },
  { teks: '', n: 0, rupiah: -1, x: -2.5, tanggal: '1970-01-01', waktu: 0, ya: false },
  { teks: 'a'.repeat(300), n: 2_147_483_647, rupiah: 750_000, x: 1e300, tanggal: '2099-12-31', waktu: Date.UTC(2099, 11, 31, 23, 59, 59, 999), ya: true },
];

function batchOf(rowsIn: Record<string, unknown>[]): ColumnBatch {
  const b = new ColumnBatch(COLUMNS);
  for (const r of rowsIn) b.push(r);
  return b;
}

describe('PackedBuilder', () => {
  it('keeps every value and null through pack → slices → Arrow', () => {
    // Prepare
    const views = viewsOfArrow(COLUMNS, batchOf(ROWS).toArrowTable().batches[0]);
    const first = new PackedBuilder(COLUMNS);
    first.append(views, 0, 4);
    const packed = first.finish();
    // Act: re-slice the packed rows in two pieces, in another order.
    const second = new PackedBuilder(COLUMNS);
    second.append(viewsOfPacked(packed), 2, 4);
    second.append(viewsOfPacked(packed), 0, 2);
    const table = packedToArrowTable(COLUMNS, second.finish());
    // Assess
    const got = table.toArray().map((r) => r.toJSON());
    const want = [ROWS[2], ROWS[3], ROWS[0], ROWS[1]];
    expect(got.map((r) => r.teks)).toEqual(want.map((r) => r.teks));
    expect(got.map((r) => r.n)).toEqual(want.map((r) => r.n));
    expect(got.map((r) => (r.rupiah === null ? null : Number(r.rupiah)))).toEqual(want.map((r) => r.rupiah));
    expect(got.map((r) => r.x)).toEqual(want.map((r) => r.x));
    expect(got.map((r) => r.ya)).toEqual(want.map((r) => r.ya));
    expect(got.map((r) => (r.waktu === null ? null : Number(r.waktu)))).toEqual(want.map((r) => r.waktu));
    expect(table.numRows).toBe(4);
  });

  it('stays small: the buffer of many rows is about their bytes, not a JS object per row', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...ROWS[0], teks: `baris ${i}`, n: i }));
    const b = new PackedBuilder(COLUMNS);
    b.append(viewsOfArrow(COLUMNS, batchOf(many).toArrowTable().batches[0]), 0, many.length);
    expect(b.byteSize()).toBeLessThan(many.length * 60);
    expect(b.finish().buffer.byteLength).toBeLessThan(many.length * 60);
  });

  it('encodes packed rows into Parquet that DuckDB reads back equal', async () => {
    const tmp = await tempDir();
    const duck = await openDuck();
    try {
      const b = new PackedBuilder(COLUMNS);
      b.append(viewsOfArrow(COLUMNS, batchOf(ROWS).toArrowTable().batches[0]), 0, ROWS.length);
      const file = tmp.path('x.parquet');
      await writeFile(file, encodePacked(COLUMNS, b.finish()));
      const got = await rows(duck.con, `SELECT teks, n, rupiah, tanggal::VARCHAR AS tanggal, epoch_ms(waktu) AS waktu, ya FROM '${file}'`);
      expect(got.map((r) => r.tanggal)).toEqual(['2026-02-28', null, '1970-01-01', '2099-12-31']);
      expect(got.map((r) => r.rupiah)).toEqual(['9007199254740991', null, '-1', '750000']);
      expect(got[0].teks).toBe('Pemberdayaan – café 😀');
      expect(got.map((r) => r.waktu)).toEqual(ROWS.map((r) => (r.waktu === null ? null : String(r.waktu))));
    } finally {
      duck.close();
      await tmp.cleanup();
    }
  });
});
