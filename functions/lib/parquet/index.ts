export type { StorageType, StorageColumn } from './types.js';
export { STORAGE_TYPES, assertStorageColumns } from './types.js';
export { arrowSchemaFor, arrowTypeFor } from './arrow-schema.js';
export { ColumnBatch } from './column-batch.js';
export { encodeParquet, DEFAULT_ROW_GROUP_SIZE, type EncodeOptions } from './encode.js';
export { loadParquetWasm, parquetWasmCandidates, PARQUET_WASM_FILE } from './wasm.js';
export { parseYmdToDays } from './dates.js';
