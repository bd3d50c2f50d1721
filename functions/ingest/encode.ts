import type * as arrow from 'apache-arrow';
import { ColumnBatch, encodeParquet, type StorageColumn } from '../lib/parquet/index.js';
import { packedToArrowTable, type PackedColumns } from './packed.js';

/**
 * A ColumnBatch whose rows are an Arrow table built elsewhere, so packed rows go through
 * `encodeParquet` and get exactly its writer settings (V1 pages, ZSTD, DATE, TIMESTAMP millis
 * UTC, row-group size) with no second copy of them here.
 */
class ArrowTableBatch extends ColumnBatch {
  constructor(
    columns: readonly StorageColumn[],
    private readonly table: arrow.Table,
  ) {
    super(columns);
  }

  override get length(): number {
    return this.table.numRows;
  }

  override toArrowTable(): arrow.Table {
    return this.table;
  }
}

export type Compression = 'zstd' | 'snappy';

/**
 * Compression of the objects an ingest writes. Snappy: in parquet-wasm ZSTD costs about 2.5 times
 * the CPU of Snappy per row (5.8 against 2.2 µs/row on activity_log), the largest single cost of
 * landing a file after CSV parsing and validation; compaction can rewrite partitions with ZSTD.
 */
export const INGEST_COMPRESSION: Compression = 'snappy';

/** Encodes packed rows as one Parquet file (see `encodeParquet`). */
export function encodePacked(columns: readonly StorageColumn[], packed: PackedColumns, compression: Compression = INGEST_COMPRESSION): Uint8Array {
  const batch = new ArrowTableBatch(columns, packedToArrowTable(columns, packed));
  return encodeParquet(columns, batch, { compression });
}
