/**
 * One small interface over the two SQL engines (SYSTEM.md "Shape"): DuckDB embedded over the local
 * lake, Athena over S3. Queries are `.sql` files under `sql/`, run unchanged on both.
 */

/**
 * A value in and out of SQL. Integers (of any width) → number, DOUBLE/DECIMAL → number,
 * DATE → 'YYYY-MM-DD', TIMESTAMP → epoch milliseconds (UTC), BOOLEAN → boolean, NULL → null.
 */
export type SqlValue = string | number | boolean | null;

/** One result row, keyed by column name. */
export type SqlRow = Record<string, SqlValue>;

export interface QueryEngine {
  readonly name: 'duckdb' | 'athena';
  /**
   * Runs the query in `sql/<sqlFile>.sql` (e.g. `'scorecard_facilitators'`, includes expanded)
   * with positional `?` parameters bound in order.
   */
  run(sqlFile: string, params: SqlValue[]): Promise<SqlRow[]>;
  /** Frees the engine's resources; the engine is unusable afterwards. */
  close(): Promise<void>;
}
