import type { PartitionKey, PartitionValues } from '../lib/lake-layout.js';
import type { StorageColumn } from '../lib/parquet/index.js';
import type { ChunkResult } from './chunk.js';
import type { PartitionSummary } from './types.js';
import { PackedBuilder, viewsOfPacked, type PackedColumns } from './packed.js';

/** Limits of the per-partition buffers. Object layout depends on them: keep them fixed. */
export interface BufferLimits {
  /** Rows per object (and so per row group); a partition reaching it is written at once. */
  maxObjectRows: number;
  /** Bytes buffered over all partitions; above it the biggest partitions are written until half is left. */
  maxBufferedBytes: number;
}

export const DEFAULT_BUFFER_LIMITS: BufferLimits = {
  maxObjectRows: 250_000,
  maxBufferedBytes: 24 * 1024 * 1024,
};

/** Rows of one partition (its folder) ready to become the object number `index` (0, 1, 2, ...) of that partition. */
export interface FlushedObject {
  /** The values of the folder's keys only (none for an unpartitioned dataset). */
  kabupaten_code?: string;
  period?: string;
  index: number;
  rows: PackedColumns;
}

/** One folder of the lake being filled: its rows waiting per kabupaten, so an object is sorted by kabupaten_code. */
interface PartitionState {
  key: string;
  values: PartitionValues;
  /** kabupaten_code → rows not yet written. */
  pending: Map<string, PackedBuilder>;
  pendingRows: number;
  bytes: number;
  objects: number;
}

/** Rows of one kabupaten (and month, for a dataset with one) in one folder, for the manifest. */
interface RowCount {
  key: string;
  kabupaten_code: string;
  period?: string;
  rows: number;
  folder: PartitionState;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Buffers accepted rows per lake folder (the dataset's partition keys, lake-layout's
 * `PARTITION_KEYS`) and decides when each folder's rows become an object; within an object rows
 * are ordered by kabupaten_code, so the row-group statistics of an unpartitioned dataset still
 * tell one kabupaten from another. Decisions depend only on the chunks' contents and order,
 * never on timing, so the same input always gives the same objects (a retried ingest overwrites
 * exactly what it wrote before).
 */
export class PartitionBuffers {
  private readonly folders = new Map<string, PartitionState>();
  private readonly counts = new Map<string, RowCount>();
  private bufferedBytes = 0;

  constructor(
    private readonly columns: readonly StorageColumn[],
    private readonly limits: BufferLimits = DEFAULT_BUFFER_LIMITS,
    /** The folder keys; default one folder per kabupaten and month, as the chunks give them. */
    private readonly keys: readonly PartitionKey[] = ['kabupaten_code', 'period'],
  ) {}

  /** Adds a chunk's accepted rows; returns the objects to write now, in a fixed order. */
  add(chunk: ChunkResult): FlushedObject[] {
    const out: FlushedObject[] = [];
    if (chunk.partitions.length === 0) return out;
    const views = viewsOfPacked(chunk.rows);
    for (const p of chunk.partitions) {
      const state = this.folderOf(p);
      const count = this.countOf(p, state);
      let start = p.start;
      while (start < p.end) {
        let builder = state.pending.get(p.kabupaten_code);
        if (!builder) {
          builder = new PackedBuilder(this.columns);
          state.pending.set(p.kabupaten_code, builder);
        }
        const take = Math.min(p.end - start, this.limits.maxObjectRows - state.pendingRows);
        const before = builder.byteSize();
        builder.append(views, start, start + take);
        const grown = builder.byteSize() - before;
        state.bytes += grown;
        this.bufferedBytes += grown;
        start += take;
        state.pendingRows += take;
        count.rows += take;
        if (state.pendingRows >= this.limits.maxObjectRows) out.push(this.flush(state));
      }
    }
    if (this.bufferedBytes > this.limits.maxBufferedBytes) {
      const biggest = [...this.folders.values()].filter((s) => s.pendingRows > 0).sort((a, b) => b.bytes - a.bytes || byKey(a, b));
      for (const s of biggest) {
        if (this.bufferedBytes <= this.limits.maxBufferedBytes / 2) break;
        out.push(this.flush(s));
      }
    }
    return out;
  }

  /** Every folder still holding rows, in key order. */
  finish(): FlushedObject[] {
    return [...this.folders.values()]
      .filter((s) => s.pendingRows > 0)
      .sort(byKey)
      .map((s) => this.flush(s));
  }

  /**
   * Rows per kabupaten (and month) so far, sorted by kabupaten_code then period, each with the
   * number of objects of the folder holding them (`objectKeyOf` of each index names them all).
   */
  summary(): PartitionSummary[] {
    return [...this.counts.values()].sort(byKey).map((c) => {
      const p: PartitionSummary = { kabupaten_code: c.kabupaten_code, rows: c.rows, objects: c.folder.objects };
      if (c.period !== undefined) p.period = c.period;
      return p;
    });
  }

  /** Bytes currently buffered (approximate). */
  get bytes(): number {
    return this.bufferedBytes;
  }

  private folderOf(p: { kabupaten_code: string; period?: string }): PartitionState {
    const values: PartitionValues = {};
    for (const k of this.keys) if (p[k] !== undefined) values[k] = p[k];
    const key = this.keys.map((k) => values[k] ?? '').join('/');
    let state = this.folders.get(key);
    if (!state) {
      state = { key, values, pending: new Map(), pendingRows: 0, bytes: 0, objects: 0 };
      this.folders.set(key, state);
    }
    return state;
  }

  private countOf(p: { kabupaten_code: string; period?: string }, folder: PartitionState): RowCount {
    const key = p.period === undefined ? p.kabupaten_code : `${p.kabupaten_code}/${p.period}`;
    let count = this.counts.get(key);
    if (!count) {
      count = { key, kabupaten_code: p.kabupaten_code, period: p.period, rows: 0, folder };
      this.counts.set(key, count);
    }
    return count;
  }

  private flush(state: PartitionState): FlushedObject {
    const parts = [...state.pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b.finish());
    let rows = parts[0];
    if (parts.length > 1) {
      const all = new PackedBuilder(this.columns);
      for (const part of parts) all.append(viewsOfPacked(part), 0, part.length);
      rows = all.finish();
    }
    state.pending = new Map();
    state.pendingRows = 0;
    this.bufferedBytes -= state.bytes;
    state.bytes = 0;
    const obj: FlushedObject = { ...state.values, index: state.objects, rows };
    state.objects++;
    return obj;
  }
}
