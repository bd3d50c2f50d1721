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

/** Rows of one partition ready to become the object number `index` (0, 1, 2, ...) of that partition. */
export interface FlushedObject {
  kabupaten_code: string;
  period?: string;
  index: number;
  rows: PackedColumns;
}

interface PartitionState {
  key: string;
  kabupaten_code: string;
  period?: string;
  builder: PackedBuilder | undefined;
  bytes: number;
  rows: number;
  objects: number;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Buffers accepted rows per partition and decides when each partition's rows become an object.
 * Decisions depend only on the chunks' contents and order, never on timing, so the same input
 * always gives the same objects (a retried ingest overwrites exactly what it wrote before).
 */
export class PartitionBuffers {
  private readonly partitions = new Map<string, PartitionState>();
  private bufferedBytes = 0;

  constructor(
    private readonly columns: readonly StorageColumn[],
    private readonly limits: BufferLimits = DEFAULT_BUFFER_LIMITS,
  ) {}

  /** Adds a chunk's accepted rows; returns the objects to write now, in a fixed order. */
  add(chunk: ChunkResult): FlushedObject[] {
    const out: FlushedObject[] = [];
    if (chunk.partitions.length === 0) return out;
    const views = viewsOfPacked(chunk.rows);
    for (const p of chunk.partitions) {
      const key = p.period === undefined ? p.kabupaten_code : `${p.kabupaten_code}/${p.period}`;
      let state = this.partitions.get(key);
      if (!state) {
        state = { key, kabupaten_code: p.kabupaten_code, period: p.period, builder: undefined, bytes: 0, rows: 0, objects: 0 };
        this.partitions.set(key, state);
      }
      let start = p.start;
      while (start < p.end) {
        state.builder ??= new PackedBuilder(this.columns);
        const take = Math.min(p.end - start, this.limits.maxObjectRows - state.builder.length);
        state.builder.append(views, start, start + take);
        start += take;
        state.rows += take;
        this.resize(state);
        if (state.builder.length >= this.limits.maxObjectRows) out.push(this.flush(state));
      }
    }
    if (this.bufferedBytes > this.limits.maxBufferedBytes) {
      const biggest = [...this.partitions.values()].filter((s) => s.builder).sort((a, b) => b.bytes - a.bytes || byKey(a, b));
      for (const s of biggest) {
        if (this.bufferedBytes <= this.limits.maxBufferedBytes / 2) break;
        out.push(this.flush(s));
      }
    }
    return out;
  }

  /** Every partition still holding rows, in key order. */
  finish(): FlushedObject[] {
    return [...this.partitions.values()]
      .filter((s) => s.builder && s.builder.length > 0)
      .sort(byKey)
      .map((s) => this.flush(s));
  }

  /** Rows and objects per partition so far, sorted by kabupaten_code then period. */
  summary(): PartitionSummary[] {
    return [...this.partitions.values()].sort(byKey).map((s) => {
      const p: PartitionSummary = { kabupaten_code: s.kabupaten_code, rows: s.rows, objects: s.objects };
      if (s.period !== undefined) p.period = s.period;
      return p;
    });
  }

  /** Bytes currently buffered (approximate). */
  get bytes(): number {
    return this.bufferedBytes;
  }

  private resize(state: PartitionState): void {
    const bytes = state.builder ? state.builder.byteSize() : 0;
    this.bufferedBytes += bytes - state.bytes;
    state.bytes = bytes;
  }

  private flush(state: PartitionState): FlushedObject {
    const rows = state.builder!.finish();
    state.builder = undefined;
    this.resize(state);
    const obj: FlushedObject = { kabupaten_code: state.kabupaten_code, period: state.period, index: state.objects, rows };
    state.objects++;
    return obj;
  }
}
