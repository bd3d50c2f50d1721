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

/** Encodes packed rows as one Parquet file (see `encodeParquet`). */
export function encodePacked(columns: readonly StorageColumn[], packed: PackedColumns, rowGroupSize?: number): Uint8Array {
  const batch = new ArrowTableBatch(columns, packedToArrowTable(columns, packed));
  return encodeParquet(columns, batch, { rowGroupSize });
}
