/**
 * Micro-benchmark of the Parquet writer alone: 1,000,000 rows of an activity_log-like shape
 * (10 mixed columns) pushed into ColumnBatches and encoded. Prints rows/s for push, encode and
 * both together, after a warm-up batch. Not a test: run `node --import tsx bench/parquet-writer.ts [rows]`.
 */
import { ColumnBatch, encodeParquet, type StorageColumn } from '../functions/lib/parquet/index.js';

const COLUMNS: StorageColumn[] = [
  { name: 'facilitator_id', type: 'string' },
  { name: 'kecamatan_code', type: 'string' },
  { name: 'desa_code', type: 'string' },
  { name: 'activity_date', type: 'date' },
  { name: 'activity_type', type: 'string' },
  { name: 'households_visited', type: 'int32' },
  { name: 'duration_hours', type: 'double' },
  { name: 'verified', type: 'bool' },
  { name: '_row', type: 'int64' },
  { name: '_ingested_at', type: 'timestamp' },
];

function makeRows(n: number): Record<string, unknown>[] {
  const types = ['kunjungan_rumah', 'P2K2', 'verifikasi', 'pemutakhiran'];
  const rows: Record<string, unknown>[] = new Array(n);
  const now = Date.UTC(2026, 2, 1);
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    rows[i] = {
      facilitator_id: `PD-33.10-${String(i % 900).padStart(4, '0')}`,
      kecamatan_code: `33.10.${String(1 + (i % 26)).padStart(2, '0')}`,
      desa_code: `33.10.${String(1 + (i % 26)).padStart(2, '0')}.${2001 + (i % 15)}`,
      activity_date: `2026-02-${String(day).padStart(2, '0')}`,
      activity_type: types[i % types.length],
      households_visited: i % 13 === 0 ? null : i % 40,
      duration_hours: (i % 17) / 2,
      verified: i % 3 !== 0,
      _row: i + 2,
      _ingested_at: now,
    };
  }
  return rows;
}

function main(): void {
  const n = Number(process.argv[2] ?? 1_000_000);
  const chunk = 250_000;
  const rows = makeRows(n);
  const batch = new ColumnBatch(COLUMNS);
  // Warm-up, reported apart: instantiating parquet-wasm and V8's tier-up of its hot code cost
  // about a second once per process (or worker thread), which would otherwise hide the rate.
  const w0 = performance.now();
  for (let i = 0; i < Math.min(n, chunk); i++) batch.push(rows[i]);
  encodeParquet(COLUMNS, batch);
  batch.clear();
  const warmMs = performance.now() - w0;
  let pushMs = 0;
  let encodeMs = 0;
  let bytes = 0;
  for (let start = 0; start < n; start += chunk) {
    const t0 = performance.now();
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) batch.push(rows[i]);
    const t1 = performance.now();
    bytes += encodeParquet(COLUMNS, batch).length;
    const t2 = performance.now();
    batch.clear();
    pushMs += t1 - t0;
    encodeMs += t2 - t1;
  }
  const rate = (ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  console.log(`parquet writer, ${n.toLocaleString('en-US')} rows x ${COLUMNS.length} columns, batches of ${chunk.toLocaleString('en-US')}`);
  console.log(`  warm-up (first ${Math.min(n, chunk).toLocaleString('en-US')} rows, not counted) ${warmMs.toFixed(0)} ms`);
  console.log(`  push   ${pushMs.toFixed(0)} ms  ${rate(pushMs)} rows/s`);
  console.log(`  encode ${encodeMs.toFixed(0)} ms  ${rate(encodeMs)} rows/s`);
  console.log(`  total  ${(pushMs + encodeMs).toFixed(0)} ms  ${rate(pushMs + encodeMs)} rows/s, ${(bytes / 1e6).toFixed(1)} MB parquet`);
  console.log(`  peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
