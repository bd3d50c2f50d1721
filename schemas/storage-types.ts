/** How a column is stored: one vocabulary for Parquet, Glue and DuckDB. */
export const STORAGE_TYPES = ['string', 'int32', 'int64', 'double', 'date', 'timestamp', 'bool'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

export interface StorageColumn {
  name: string;
  type: StorageType;
}

/** Glue / Athena (Hive DDL) type of each storage type. */
export const GLUE_TYPE: Readonly<Record<StorageType, string>> = {
  string: 'string',
  int32: 'int',
  int64: 'bigint',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
  bool: 'boolean',
};

/** DuckDB type of each storage type. */
export const DUCKDB_TYPE: Readonly<Record<StorageType, string>> = {
  string: 'VARCHAR',
  int32: 'INTEGER',
  int64: 'BIGINT',
  double: 'DOUBLE',
  date: 'DATE',
  // Parquet TIMESTAMP(isAdjustedToUTC=true) reads back as TIMESTAMPTZ in DuckDB.
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  bool: 'BOOLEAN',
};
