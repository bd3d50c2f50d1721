import * as arrow from 'apache-arrow';
import { assertStorageColumns, type StorageColumn, type StorageType } from './types.js';

/**
 * The Arrow type each storage type is written from. parquet-wasm (arrow-rs) maps them to the
 * Parquet types Athena v3 reads without surprises:
 * Utf8 → BYTE_ARRAY (STRING), Int32 → INT32, Int64 → INT64, Float64 → DOUBLE,
 * DateDay → INT32 (DATE), TimestampMillisecond('UTC') → INT64 (TIMESTAMP(MILLIS, isAdjustedToUTC=true)),
 * Bool → BOOLEAN.
 */
export function arrowTypeFor(type: StorageType): arrow.DataType {
  switch (type) {
    case 'string':
      return new arrow.Utf8();
    case 'int32':
      return new arrow.Int32();
    case 'int64':
      return new arrow.Int64();
    case 'double':
      return new arrow.Float64();
    case 'date':
      return new arrow.DateDay();
    case 'timestamp':
      return new arrow.TimestampMillisecond('UTC');
    case 'bool':
      return new arrow.Bool();
  }
}

/**
 * The Arrow schema of a column list; every field nullable. Throws when a name is not lowercase
 * snake_case or appears twice.
 *
 * @example arrowSchemaFor([{ name: 'nik_hash', type: 'string' }]).fields[0].type // Utf8
 */
export function arrowSchemaFor(columns: readonly StorageColumn[]): arrow.Schema {
  assertStorageColumns(columns);
  return new arrow.Schema(columns.map((c) => new arrow.Field(c.name, arrowTypeFor(c.type), true)));
}
