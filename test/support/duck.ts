/** The one in-memory DuckDB helper of the tests, for reading a lake back. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface Duck {
  con: DuckDBConnection;
  /** Rows of a query as JavaScript values (BIGINT as bigint, dates as DuckDB value objects). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

/** An in-memory DuckDB; `threads` caps its worker threads (the machine is shared). */
export async function openDuck(opts: { threads?: number } = {}): Promise<Duck> {
  const db = await DuckDBInstance.create(':memory:', opts.threads === undefined ? undefined : { threads: String(opts.threads) });
  const con = await db.connect();
  return {
    con,
    async rows(sql) {
      const result = await con.runAndReadAll(sql);
      return result.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      con.closeSync();
      db.closeSync();
    },
  };
}
