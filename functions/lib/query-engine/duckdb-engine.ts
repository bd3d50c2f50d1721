/**
 * The embedded engine: DuckDB views over the local lake's Parquet files, named after the datasets.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_TYPE, getDataset } from '../../../schemas/index.js';
import { DATASET_NAMES, LAKE_PREFIX, type DatasetName } from '../lake-layout.js';
import { fromDuckDbValue } from './duckdb-values.js';
import { loadSql } from './sql-loader.js';
import type { QueryEngine, SqlRow, SqlValue } from './types.js';

export interface TypedResult {
  columns: { name: string; type: string }[];
  rows: SqlRow[];
}

export interface DuckDbEngineOptions {
  /** Folder that contains `lake/`. */
  lakeRoot: string;
  /** Folder of the `.sql` files (default: the repository's `sql/`). */
  sqlDir?: string;
}

/**
 * DuckDB over `<lakeRoot>/lake/<dataset>/**\/*.parquet`, hive partitions typed as VARCHAR
 * (so `kabupaten_code=33.10` stays the text '33.10'). A dataset without files yet is an empty
 * table with the dataset's columns, so every query runs on a fresh lake.
 *
 * @example
 * const engine = await DuckDbEngine.open({ lakeRoot: '.pkh' });
 * const rows = await engine.run('roster_facilitators', ['64.02']);
 * await engine.close();
 */
export class DuckDbEngine implements QueryEngine {
  readonly name = 'duckdb' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly sqlDir: string | undefined,
  ) {}

  static async open(opts: DuckDbEngineOptions): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const engine = new DuckDbEngine(instance, connection, opts.sqlDir);
    try {
      for (const dataset of DATASET_NAMES) await connection.run(await viewSql(opts.lakeRoot, dataset));
    } catch (err) {
      await engine.close();
      throw err;
    }
    return engine;
  }

  /** Runs `sql/<sqlFile>.sql`; queries on one engine run one at a time, in call order. */
  async run(sqlFile: string, params: SqlValue[]): Promise<SqlRow[]> {
    return (await this.runWithTypes(sqlFile, params)).rows;
  }

  /** Like `run`, plus each result column's DuckDB type ('VARCHAR', 'DATE', 'HUGEINT', …). */
  runWithTypes(sqlFile: string, params: SqlValue[]): Promise<TypedResult> {
    const text = loadSql(sqlFile, this.sqlDir);
    const result = this.queue.then(() => this.execute(text, params));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async execute(text: string, params: SqlValue[]): Promise<TypedResult> {
    if (this.closed) throw new Error('DuckDbEngine is closed');
    const reader = await this.connection.runAndReadAll(text, params);
    const names = reader.columnNames();
    const types = reader.columnTypes();
    const rows = reader.getRowObjects().map((row) => {
      const out: SqlRow = {};
      for (const [k, v] of Object.entries(row)) out[k] = fromDuckDbValue(v);
      return out;
    });
    return { columns: names.map((name, i) => ({ name, type: types[i].toString() })), rows };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The view (or, without files, the empty table) of one dataset. */
async function viewSql(lakeRoot: string, dataset: DatasetName): Promise<string> {
  const d = getDataset(dataset);
  const folder = join(lakeRoot, LAKE_PREFIX, dataset);
  if (!(await hasParquet(folder))) {
    const columns = [
      ...d.storageColumns.map((c) => `"${c.name}" ${DUCKDB_TYPE[c.type]}`),
      ...d.partitionKeys.map((k) => `"${k}" VARCHAR`),
    ];
    return `CREATE OR REPLACE TABLE "${dataset}" (${columns.join(', ')})`;
  }
  const hiveTypes = d.partitionKeys.map((k) => `'${k}': VARCHAR`).join(', ');
  const glob = quoteLiteral(`${folder}/**/*.parquet`);
  return (
    `CREATE OR REPLACE VIEW "${dataset}" AS SELECT * FROM read_parquet(${glob}, ` +
    `hive_partitioning = true, hive_types = {${hiveTypes}}, union_by_name = true)`
  );
}

/** True when the folder holds at least one `.parquet` file at any depth (stops at the first). */
async function hasParquet(folder: string): Promise<boolean> {
  let dir;
  try {
    dir = await opendir(folder);
  } catch {
    return false;
  }
  try {
    for await (const entry of dir) {
      if (entry.isFile() && entry.name.endsWith('.parquet')) return true;
      if (entry.isDirectory() && (await hasParquet(join(folder, entry.name)))) return true;
    }
  } finally {
    await dir.close().catch(() => undefined);
  }
  return false;
}
