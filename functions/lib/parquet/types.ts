/** Physical storage types of a lake column (see `schemas/` `storageColumns`). */
export type StorageType = 'string' | 'int32' | 'int64' | 'double' | 'date' | 'timestamp' | 'bool';

/** One column as stored in Parquet: lowercase snake_case name and its storage type. */
export interface StorageColumn {
  name: string;
  type: StorageType;
}

export const STORAGE_TYPES: readonly StorageType[] = ['string', 'int32', 'int64', 'double', 'date', 'timestamp', 'bool'];

/** Lowercase snake_case, may start with `_` (lineage columns such as `_source`). */
const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Checks a column list once before writing: names lowercase snake_case (Athena lowercases names,
 * so anything else would silently stop matching), unique, and types known.
 * Throws a plain Error: a wrong column list is a programming mistake, not a user's.
 */
export function assertStorageColumns(columns: readonly StorageColumn[]): void {
  if (columns.length === 0) throw new Error('parquet: at least one column is needed');
  const seen = new Set<string>();
  for (const c of columns) {
    if (!COLUMN_NAME.test(c.name)) throw new Error(`parquet: column name "${c.name}" is not lowercase snake_case`);
    if (seen.has(c.name)) throw new Error(`parquet: column "${c.name}" appears twice`);
    if (!STORAGE_TYPES.includes(c.type)) throw new Error(`parquet: column "${c.name}" has unknown type "${String(c.type)}"`);
    seen.add(c.name);
  }
}
