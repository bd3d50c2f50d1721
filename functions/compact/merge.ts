/**
 * Merging Parquet objects of one partition into one: read each with parquet-wasm, bring every
 * row to the dataset's storage columns, drop rows identical in every column, write with the
 * project's writer (V1 pages, ZSTD, DATE, TIMESTAMP millis UTC, row groups ≤ 500k rows).
 */
import { createHash } from 'node:crypto';
import * as arrow from 'apache-arrow';
import { ColumnBatch, encodeParquet, loadParquetWasm, type StorageColumn } from '../lib/parquet/index.js';

export interface MergeResult {
  bytes: Uint8Array;
  rowsIn: number;
  /** Rows written: `rowsIn` minus rows identical to an earlier one. */
  rowsOut: number;
}

const DAY_MS = 86_400_000;

/** A stored value as the writer takes it, from whatever Arrow gave back (or null). */
function normalize(value: unknown, type: StorageColumn['type']): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'date': {
      // DateDay reads back as epoch ms; a Date from older Arrow versions.
      const ms = value instanceof Date ? value.getTime() : Number(value);
      return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    }
    case 'timestamp':
      return value instanceof Date ? value.getTime() : Number(value);
    case 'int32':
    case 'double':
      return Number(value);
    case 'int64':
      return typeof value === 'bigint' && !Number.isSafeInteger(Number(value)) ? value : Number(value);
    case 'bool':
      return Boolean(value);
    default:
      return String(value);
  }
}

/** Identity of a normalized row: a digest of its values, so the set of seen rows stays small. */
function rowDigest(values: unknown[]): string {
  const text = JSON.stringify(values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return createHash('sha1').update(text).digest('base64');
}

export interface MergeOptions {
  /** Per file (same order): values of columns the file lacks, e.g. a kabupaten_code that was its folder name. */
  fills?: readonly Readonly<Record<string, string>>[];
  /** Order the rows by this string column (stable), so row-group statistics separate its values. */
  sortBy?: string;
}

/**
 * Merges Parquet files (in the order given) into one file of `columns`. A column missing from a
 * file is null there (or its `fills` value); a column not in `columns` is dropped. Rows equal in
 * every column (the same row of the same ingest, e.g. an earlier merged file and the inputs it
 * was made from) are kept once, so merging a merge with its own inputs adds nothing.
 *
 * @example
 * const { bytes, rowsOut } = mergeParquet(getDataset('activity_log').storageColumns, [a, b]);
 */
export function mergeParquet(columns: readonly StorageColumn[], files: readonly Uint8Array[], opts: MergeOptions = {}): MergeResult {
  const pq = loadParquetWasm();
  const key = opts.sortBy;
  const batch = new ColumnBatch(columns);
  // Rows are held as objects only to be sorted (the small unpartitioned datasets); otherwise straight into the batch.
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let rowsIn = 0;
  for (const [f, file] of files.entries()) {
    const table = arrow.tableFromIPC(pq.readParquet(file).intoIPCStream());
    const fill = opts.fills?.[f] ?? {};
    const vectors = columns.map((c) => table.getChild(c.name));
    const values: unknown[] = new Array(columns.length);
    const shared: Record<string, unknown> = {};
    for (let i = 0; i < table.numRows; i++) {
      const row: Record<string, unknown> = key ? {} : shared;
      for (let c = 0; c < columns.length; c++) {
        const name = columns[c].name;
        values[c] = vectors[c] ? normalize(vectors[c]!.get(i), columns[c].type) : (fill[name] ?? null);
        row[name] = values[c];
      }
      rowsIn++;
      const digest = rowDigest(values);
      if (seen.has(digest)) continue;
      seen.add(digest);
      if (key) rows.push(row);
      else batch.push(row);
    }
  }
  if (key) {
    const text = (r: Record<string, unknown>) => String(r[key] ?? '');
    rows.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
    for (const row of rows) batch.push(row);
  }
  return { bytes: encodeParquet(columns, batch), rowsIn, rowsOut: batch.length };
}
