import * as arrow from 'apache-arrow';
import { arrowSchemaFor } from './arrow-schema.js';
import { createColumnBuffer, type ColumnBuffer } from './column-buffers.js';
import type { StorageColumn } from './types.js';

/**
 * Rows accumulated column by column (typed arrays where the type allows), ready to become one
 * Arrow record batch. Values follow the storage conventions: string; int32/int64/double as number
 * (int64 also bigint); date as 'YYYY-MM-DD' (or a UTC-midnight Date); timestamp as epoch ms
 * number (or Date); bool as boolean; null or a missing key for null. A value of the wrong kind
 * throws, naming the column.
 *
 * @example
 * const batch = new ColumnBatch([{ name: 'period', type: 'string' }, { name: 'rows', type: 'int32' }]);
 * batch.push({ period: '2026-01', rows: 3 });
 * const bytes = encodeParquet(batch.columns, batch);
 */
export class ColumnBatch {
  readonly columns: readonly StorageColumn[];
  readonly schema: arrow.Schema;
  private readonly buffers: ColumnBuffer[];
  private readonly names: string[];
  private rows = 0;

  constructor(columns: readonly StorageColumn[]) {
    this.schema = arrowSchemaFor(columns);
    this.columns = columns.map((c) => ({ name: c.name, type: c.type }));
    this.buffers = this.columns.map(createColumnBuffer);
    this.names = this.columns.map((c) => c.name);
  }

  /**
   * Appends one row; keys not in the column list are ignored. When a value is of the wrong kind
   * this throws and the row is not added (the batch stays usable).
   */
  push(row: Record<string, unknown>): void {
    const at = this.rows;
    const buffers = this.buffers;
    const names = this.names;
    for (let i = 0; i < buffers.length; i++) buffers[i].push(row[names[i]], at);
    this.rows = at + 1;
  }

  get length(): number {
    return this.rows;
  }

  /** Forgets all rows; typed storage is kept for reuse. */
  clear(): void {
    for (const b of this.buffers) b.clear();
    this.rows = 0;
  }

  /** Approximate bytes of the accumulated values (UTF-8 length for text), for flush decisions. */
  byteSize(): number {
    let total = 0;
    for (const b of this.buffers) total += b.byteSize(this.rows);
    return total;
  }

  /** The rows as an Arrow table (one record batch). Buffers may share memory with this batch. */
  toArrowTable(): arrow.Table {
    const length = this.rows;
    const children = this.buffers.map((b) => b.toData(length));
    const struct = arrow.makeData({ type: new arrow.Struct(this.schema.fields), length, nullCount: 0, children });
    return new arrow.Table([new arrow.RecordBatch(this.schema, struct)]);
  }
}
