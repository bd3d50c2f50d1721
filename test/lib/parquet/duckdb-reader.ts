import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** A throwaway in-memory DuckDB to read the Parquet files a test wrote. */
export interface Reader {
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

export async function openReader(): Promise<Reader> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn: DuckDBConnection = await instance.connect();
  return {
    async rows(sql) {
      const result = await conn.runAndReadAll(sql);
      return result.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL string literal for a file path. */
export function lit(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

/**
 * The Parquet page type at a byte offset, read from the Thrift compact PageHeader: its first
 * field (id 1, i32) is the page type. 0 = DATA_PAGE (V1), 2 = DICTIONARY_PAGE, 3 = DATA_PAGE_V2.
 */
export function pageTypeAt(file: Uint8Array, offset: number): number {
  if (file[offset] !== 0x15) throw new Error(`no PageHeader at ${offset} (byte ${file[offset]})`);
  // zigzag varint; page types are small, one byte.
  const zz = file[offset + 1];
  return (zz >>> 1) ^ -(zz & 1);
}
