/** Reading one column of a Parquet file back (e.g. the kabupaten codes of a folder holding many). */
import * as arrow from 'apache-arrow';
import { loadParquetWasm } from './wasm.js';

/**
 * The distinct non-null values of one string column of a Parquet file; empty when the file has
 * no such column.
 *
 * @example distinctStrings(bytes, 'kabupaten_code') // ['33.10', '64.02']
 */
export function distinctStrings(file: Uint8Array, column: string): string[] {
  const pq = loadParquetWasm();
  const schema = arrow.tableFromIPC(pq.readSchema(file).intoIPCStream()).schema;
  if (!schema.fields.some((f) => f.name === column)) return [];
  const table = arrow.tableFromIPC(pq.readParquet(file, { columns: [column] }).intoIPCStream());
  const vector = table.getChild(column);
  const out = new Set<string>();
  for (let i = 0; i < table.numRows; i++) {
    const v = vector?.get(i);
    if (v !== null && v !== undefined) out.add(String(v));
  }
  return [...out].sort();
}
