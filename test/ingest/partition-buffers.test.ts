/** Partition buffers: when rows become objects depends only on the rows, in a fixed order. */
import { describe, expect, it } from 'vitest';
import { ColumnBatch, type StorageColumn } from '../../functions/lib/parquet/index.js';
import { PackedBuilder, packedToArrowTable, viewsOfArrow, type PackedColumns } from '../../functions/ingest/packed.js';
import { PartitionBuffers } from '../../functions/ingest/partition-buffers.js';
import { objectKeyOf } from '../../functions/ingest/object-writer.js';
import type { ChunkResult } from '../../functions/ingest/chunk.js';

const COLUMNS: StorageColumn[] = [
  { name: 'teks', type: 'string' },
  { name: '_row', type: 'int64' },
];

/** A chunk with `counts[p]` rows for partition p (kabupaten 33.10, period 2026-0p). */
function chunk(counts: Record<string, number>, text = 'x'): ChunkResult {
  const batch = new ColumnBatch(COLUMNS);
  const partitions = [];
  let at = 0;
  for (const [period, n] of Object.entries(counts)) {
    for (let i = 0; i < n; i++) batch.push({ teks: text, _row: at + i });
    partitions.push({ kabupaten_code: '33.10', period, start: at, end: at + n });
    at += n;
  }
  const b = new PackedBuilder(COLUMNS);
  b.append(viewsOfArrow(COLUMNS, batch.toArrowTable().batches[0]), 0, at);
  return { rowsRead: at, rowsAccepted: at, rowsRejected: 0, rejectedByCode: {}, unknownColumns: [], quarantine: '', partitions, rows: b.finish() };
}

/** The `teks` column of packed rows, as strings. */
function viewsOfPackedText(rows: PackedColumns): string[] {
  const table = packedToArrowTable(COLUMNS, rows);
  return [...table.getChild('teks')!].map(String);
}

describe('PartitionBuffers', () => {
  it('writes a partition as soon as it holds maxObjectRows, splitting a chunk exactly', () => {
    const buffers = new PartitionBuffers(COLUMNS, { maxObjectRows: 100, maxBufferedBytes: 1 << 30 });
    const out = buffers.add(chunk({ '2026-01': 250, '2026-02': 30 }));
    expect(out.map((o) => [o.period, o.index, o.rows.length])).toEqual([
      ['2026-01', 0, 100],
      ['2026-01', 1, 100],
    ]);
    expect(buffers.finish().map((o) => [o.period, o.index, o.rows.length])).toEqual([
      ['2026-01', 2, 50],
      ['2026-02', 0, 30],
    ]);
    expect(buffers.summary()).toEqual([
      { kabupaten_code: '33.10', period: '2026-01', rows: 250, objects: 3 },
      { kabupaten_code: '33.10', period: '2026-02', rows: 30, objects: 1 },
    ]);
  });

  it('over the byte budget, writes the biggest partitions until half the budget is left', () => {
    const buffers = new PartitionBuffers(COLUMNS, { maxObjectRows: 1_000_000, maxBufferedBytes: 40_000 });
    expect(buffers.add(chunk({ '2026-01': 300, '2026-02': 100, '2026-03': 200 }, 'y'.repeat(20)))).toEqual([]);
    const out = buffers.add(chunk({ '2026-02': 900, '2026-03': 10 }, 'y'.repeat(20)));
    expect(out.map((o) => [o.period, o.rows.length])).toEqual([['2026-02', 1000]]);
    expect(buffers.bytes).toBeLessThanOrEqual(20_000);
  });

  it('names the first object of a partition <id>.parquet and the next ones <id>-<n>.parquet', () => {
    expect(objectKeyOf('activity_log', 'abc', { kabupaten_code: '33.10', period: '2026-01', index: 0 })).toBe('lake/activity_log/kabupaten_code=33.10/period=2026-01/abc.parquet');
    expect(objectKeyOf('roster', 'abc', { kabupaten_code: '33.10', index: 2 })).toBe('lake/roster/abc-2.parquet');
    expect(objectKeyOf('monthly_report', 'abc', { kabupaten_code: '33.10', period: '2026-01', index: 0 })).toBe('lake/monthly_report/period=2026-01/abc.parquet');
  });

  it('a folder without kabupaten (monthly reports by period) holds every kabupaten, rows ordered by kabupaten_code', () => {
    const buffers = new PartitionBuffers(COLUMNS, { maxObjectRows: 100, maxBufferedBytes: 1 << 30 }, ['period']);
    const part = (kabupaten_code: string, period: string, text: string, n: number): ChunkResult => {
      const c = chunk({ [period]: n }, text);
      c.partitions = c.partitions.map((p) => ({ ...p, kabupaten_code }));
      return c;
    };
    expect(buffers.add(part('64.02', '2026-01', 'b', 30))).toEqual([]);
    expect(buffers.add(part('33.10', '2026-01', 'a', 20))).toEqual([]);
    expect(buffers.add(part('33.10', '2026-02', 'c', 5))).toEqual([]);
    const out = buffers.finish();
    expect(out.map((o) => [o.kabupaten_code, o.period, o.index, o.rows.length])).toEqual([
      [undefined, '2026-01', 0, 50],
      [undefined, '2026-02', 0, 5],
    ]);
    const teks = viewsOfPackedText(out[0].rows);
    expect(teks.slice(0, 20).every((t) => t === 'a') && teks.slice(20).every((t) => t === 'b')).toBe(true);
    // The manifest still counts rows per kabupaten and month, each naming its folder's objects.
    expect(buffers.summary()).toEqual([
      { kabupaten_code: '33.10', period: '2026-01', rows: 20, objects: 1 },
      { kabupaten_code: '33.10', period: '2026-02', rows: 5, objects: 1 },
      { kabupaten_code: '64.02', period: '2026-01', rows: 30, objects: 1 },
    ]);
  });
});
