import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnBatch, encodeParquet, type StorageColumn } from '../../../functions/lib/parquet/index.js';
import { lit, openReader, type Reader } from './duckdb-reader.js';

const COLUMNS: StorageColumn[] = [
  { name: 'facilitator_id', type: 'string' },
  { name: 'households', type: 'int32' },
  { name: '_row', type: 'int64' },
  { name: 'hours', type: 'double' },
  { name: 'activity_date', type: 'date' },
  { name: 'submitted_at', type: 'timestamp' },
  { name: 'verified', type: 'bool' },
];

function row(i: number): Record<string, unknown> {
  return {
    facilitator_id: i % 7 === 0 ? null : `PD-${i}${i % 11 === 0 ? '-é' : ''}`,
    households: i % 5 === 0 ? null : i - 3_000,
    _row: i % 9 === 0 ? null : i * 4_000_000,
    hours: i % 4 === 0 ? null : i / 8,
    activity_date: i % 6 === 0 ? null : `2026-03-${String(1 + (i % 31)).padStart(2, '0')}`,
    submitted_at: i % 8 === 0 ? null : Date.UTC(2026, 2, 1) + i * 1_001,
    verified: i % 3 === 0 ? null : i % 2 === 0,
  };
}

let dir: string;
let db: Reader;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pkh-batch-'));
  db = await openReader();
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ColumnBatch', () => {
  it('keeps every value and null of 5,000 rows across storage growth', async () => {
    // Prepare
    const batch = new ColumnBatch(COLUMNS);
    const expected = Array.from({ length: 5_000 }, (_, i) => row(i));

    // Act
    for (const r of expected) batch.push(r);
    const file = path.join(dir, 'grow.parquet');
    writeFileSync(file, encodeParquet(COLUMNS, batch));
    const got = await db.rows(`
      SELECT facilitator_id, households, CAST(_row AS DOUBLE) AS _row, hours,
             CAST(activity_date AS VARCHAR) AS activity_date, CAST(epoch_ms(submitted_at) AS DOUBLE) AS submitted_at, verified
      FROM read_parquet(${lit(file)})`);

    // Assess
    expect(batch.length).toBe(5_000);
    expect(got).toEqual(expected);
  });

  it('after clear() holds only the rows pushed since', async () => {
    // Prepare
    const batch = new ColumnBatch(COLUMNS);
    for (let i = 0; i < 3_000; i++) batch.push(row(i));

    // Act
    batch.clear();
    batch.push(row(1));
    batch.push(row(2));
    const file = path.join(dir, 'cleared.parquet');
    writeFileSync(file, encodeParquet(COLUMNS, batch));
    const got = await db.rows(`SELECT facilitator_id, households FROM read_parquet(${lit(file)})`);

    // Assess
    expect(batch.length).toBe(2);
    expect(got).toEqual([
      { facilitator_id: 'PD-1', households: -2_999 },
      { facilitator_id: 'PD-2', households: -2_998 },
    ]);
  });

  it('a row rejected part-way is not added and leaves no stale null behind', async () => {
    // Prepare
    const cols: StorageColumn[] = [
      { name: 'note', type: 'string' },
      { name: 'n', type: 'int32' },
    ];
    const batch = new ColumnBatch(cols);
    batch.push({ note: 'a', n: 1 });

    // Act: 'note' is already stored as null when 'n' fails.
    expect(() => batch.push({ note: null, n: 'x' })).toThrow(/"n"/);
    batch.push({ note: 'b', n: 2 });
    const file = path.join(dir, 'rejected.parquet');
    writeFileSync(file, encodeParquet(cols, batch));
    const got = await db.rows(`SELECT note, n FROM read_parquet(${lit(file)})`);

    // Assess
    expect(batch.length).toBe(2);
    expect(got).toEqual([
      { note: 'a', n: 1 },
      { note: 'b', n: 2 },
    ]);
  });

  it('reports a byte size that grows with the text and row count and drops after clear', () => {
    // Prepare
    const batch = new ColumnBatch([
      { name: 'note', type: 'string' },
      { name: 'n', type: 'int64' },
    ]);

    // Act
    const empty = batch.byteSize();
    for (let i = 0; i < 1_000; i++) batch.push({ note: 'x'.repeat(100), n: i });
    const full = batch.byteSize();
    batch.clear();

    // Assess
    expect(empty).toBe(0);
    expect(full).toBeGreaterThanOrEqual(1_000 * (100 + 8));
    expect(full).toBeLessThan(1_000 * 200);
    expect(batch.byteSize()).toBe(0);
  });

  it('accepts bigint for int64 and Date for date and timestamp columns (rows read back from DuckDB)', async () => {
    // Prepare
    const cols: StorageColumn[] = [
      { name: 'n', type: 'int64' },
      { name: 'day', type: 'date' },
      { name: 'at_ms', type: 'timestamp' },
    ];
    const batch = new ColumnBatch(cols);

    // Act
    batch.push({ n: -5n, day: new Date(Date.UTC(2026, 4, 17)), at_ms: new Date(Date.UTC(2026, 4, 17, 6, 30)) });
    const file = path.join(dir, 'js-values.parquet');
    writeFileSync(file, encodeParquet(cols, batch));
    const [got] = await db.rows(`SELECT n, CAST(day AS VARCHAR) AS day, epoch_ms(at_ms) AS ms FROM read_parquet(${lit(file)})`);

    // Assess
    expect(got).toEqual({ n: -5n, day: '2026-05-17', ms: BigInt(Date.UTC(2026, 4, 17, 6, 30)) });
  });

  it.each<[string, StorageColumn['type'], unknown, RegExp]>([
    ['a numeric string in an int32 column', 'int32', '5', /"v" expects a 32-bit integer number, got "5"/],
    ['an int32 overflow', 'int32', 2 ** 31, /"v" expects a 32-bit integer/],
    ['a fraction in an int32 column', 'int32', 1.5, /32-bit integer/],
    ['an unsafe integer in an int64 column', 'int64', 2 ** 53, /safe integer/],
    ['an impossible date', 'date', '2026-02-30', /'YYYY-MM-DD' date, got "2026-02-30"/],
    ['a date with time', 'date', '2026-02-03T00:00', /'YYYY-MM-DD' date/],
    ['an ISO string in a timestamp column', 'timestamp', '2026-01-01T00:00:00Z', /epoch milliseconds/],
    ['the text "true" in a bool column', 'bool', 'true', /boolean/],
    ['a number in a string column', 'string', 5, /expects a string, got number/],
    ['NaN in a double column', 'double', 'NaN', /expects a number/],
  ])('throws naming the column for %s', (_situation, type, value, message) => {
    // Prepare
    const batch = new ColumnBatch([{ name: 'v', type }]);

    // Act / Assess
    expect(() => batch.push({ v: value })).toThrow(message);
  });
});
