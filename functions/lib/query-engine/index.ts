export type { QueryEngine, SqlRow, SqlValue } from './types.js';
export { DuckDbEngine, type DuckDbEngineOptions, type TypedResult } from './duckdb-engine.js';
export { AthenaEngine, type AthenaEngineOptions } from './athena-engine.js';
export { loadSql, sqlDir, countParameters, stripComments } from './sql-loader.js';
export { toAthenaParameter, fromAthenaValue } from './athena-values.js';
