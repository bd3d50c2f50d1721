/**
 * The embedded engine: DuckDB over the local lake's Parquet files, each dataset read under its
 * own name, exactly as the Glue tables are on Athena.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DATASET_NAMES, PARTITION_KEYS, type DatasetName } from '../lake-layout.js';
import { duckdb } from './duckdb-module.js';
import { fromDuckDbValue } from './duckdb-values.js';
import { findTableRefs, listScopedFiles, type PartitionScope } from './duckdb-scan.js';
import { loadSql } from './sql-loader.js';
import type { QueryEngine, SqlRow, SqlValue } from './types.js';

export interface TypedResult {
  columns: { name: string; type: string }[];
  rows: SqlRow[];
}

/** What the engine needs of a dataset: its stored columns with DuckDB types (schemas/ `DUCKDB_TABLES`). */
export interface DuckDbTable {
  name: DatasetName;
  columns: readonly { name: string; type: string }[];
}

export interface DuckDbEngineOptions {
  /** Folder that contains `lake/`. */
  lakeRoot: string;
  /** Every dataset's stored columns (handed in: lib does not import schemas/). */
  tables: readonly DuckDbTable[];
  /** Folder of the `.sql` files (default: the repository's `sql/`). */
  sqlDir?: string;
  /**
   * Read only the partition folders each query's WHERE selects (default true). False reads
   * every partition of each dataset and lets DuckDB prune: same answers, much slower at scale.
   */
  scopedScans?: boolean;
}

/**
 * DuckDB over `<lakeRoot>/lake/<dataset>/[kabupaten_code=…/][period=…/]*.parquet` (the
 * folders of lake-layout's `PARTITION_KEYS`).
 *
 * Each dataset name in a query becomes `read_parquet([files…], hive_partitioning = true,
 * hive_types = {<its partition keys>: VARCHAR}, union_by_name = true)` over the files of the
 * partitions the query's WHERE selects (see duckdb-scan.ts), so a kabupaten report lists and
 * opens only that kabupaten's activity and disbursement folders; hive types pin
 * `kabupaten_code=33.10` as the text '33.10'. An unpartitioned dataset (the roster, the
 * profiles) is read whole, without hive partitioning, its kabupaten_code a column of the files.
 * A dataset with no files in scope reads as an empty table with its columns.
 *
 * @example
 * const engine = await DuckDbEngine.open({ lakeRoot: '.pkh', tables: DUCKDB_TABLES });
 * const rows = await engine.run('roster_facilitators', ['64.02']);
 * await engine.close();
 */
export class DuckDbEngine implements QueryEngine {
  readonly name = 'duckdb' as const;
  private closed = false;
  /** One query at a time per lane; a report's independent reads overlap on the lanes. */
  private readonly lanes: Lane[];

  private constructor(
    private readonly instance: DuckDBInstance,
    connections: DuckDBConnection[],
    private readonly opts: DuckDbEngineOptions,
  ) {
    this.lanes = connections.map((connection) => ({ connection, queue: Promise.resolve(), pending: 0 }));
  }

  static async open(opts: DuckDbEngineOptions): Promise<DuckDbEngine> {
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connections = [];
    for (let i = 0; i < QUERY_LANES; i++) connections.push(await instance.connect());
    const connection = connections[0];
    const engine = new DuckDbEngine(instance, connections, opts);
    try {
      // Footers of files read again (the national roster, month P's reports) are parsed once per engine.
      await connection.run('SET parquet_metadata_cache = true');
      for (const dataset of DATASET_NAMES) {
        const table = opts.tables.find((t) => t.name === dataset);
        if (!table) throw new Error(`DuckDbEngine: no table definition for ${dataset}`);
        await connection.run(emptyTableSql(table));
      }
    } catch (err) {
      await engine.close();
      throw err;
    }
    return engine;
  }

  /**
   * Runs `sql/<sqlFile>.sql`. Queries run on the least busy of the engine's connections (one at
   * a time on each, in call order), so reads issued together overlap.
   */
  async run(sqlFile: string, params: SqlValue[]): Promise<SqlRow[]> {
    return (await this.runWithTypes(sqlFile, params)).rows;
  }

  /** Like `run`, plus each result column's DuckDB type ('VARCHAR', 'DATE', 'HUGEINT', …). */
  runWithTypes(sqlFile: string, params: SqlValue[]): Promise<TypedResult> {
    const text = loadSql(sqlFile, this.opts.sqlDir);
    const lane = this.lanes.reduce((a, b) => (b.pending < a.pending ? b : a));
    lane.pending++;
    const result = lane.queue.then(async () => {
      // Compaction may delete a listed file before DuckDB opens it: list again and re-run. The
      // merged file was written before any input was deleted, so the new listing holds every row.
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.execute(lane.connection, await this.bindScans(text, params), params);
        } catch (err) {
          if (attempt >= VANISHED_FILE_ATTEMPTS || !isVanishedFile(err)) throw err;
          // Back off so that a compaction deleting inputs one after another can finish.
          await new Promise((done) => setTimeout(done, 25 * 2 ** attempt));
        }
      }
    });
    lane.queue = result.catch(() => undefined).finally(() => lane.pending--);
    return result;
  }

  /** Replaces each dataset name in the query with a read of the files it needs. */
  private async bindScans(text: string, params: SqlValue[]): Promise<string> {
    const refs = findTableRefs(text, params);
    const sources = await Promise.all(
      refs.map((r) => this.source(r.dataset, this.opts.scopedScans === false ? {} : r.scope)),
    );
    let out = text;
    for (let i = refs.length - 1; i >= 0; i--) {
      const r = refs[i];
      out = `${out.slice(0, r.start)}${sources[i]}${r.alias ? '' : ` AS ${r.dataset}`}${out.slice(r.end)}`;
    }
    return out;
  }

  private async source(dataset: DatasetName, scope: PartitionScope): Promise<string> {
    const files = await listScopedFiles(this.opts.lakeRoot, dataset, scope);
    if (files.length === 0) return `(SELECT * FROM ${emptyTableName(dataset)})`;
    const list = `[${files.map(quoteLiteral).join(', ')}]`;
    const keys = PARTITION_KEYS[dataset];
    // An unpartitioned dataset reads no folder names (a `x=y` folder above the lake is no column).
    if (keys.length === 0) return `read_parquet(${list}, hive_partitioning = false, union_by_name = true)`;
    const types = keys.map((k) => `'${k}': VARCHAR`).join(', ');
    return `read_parquet(${list}, hive_partitioning = true, hive_types = {${types}}, union_by_name = true)`;
  }

  private async execute(connection: DuckDBConnection, text: string, params: SqlValue[]): Promise<TypedResult> {
    if (this.closed) throw new Error('DuckDbEngine is closed');
    const reader = await connection.runAndReadAll(text, params);
    const names = reader.columnNames();
    const types = reader.columnTypes();
    // Column by column, straight into the row objects: no intermediate object or entry array
    // per row (a region reads a few hundred thousand rows; the garbage cost seconds).
    const columns = reader.getColumns();
    const rows: SqlRow[] = new Array(reader.currentRowCount);
    for (let r = 0; r < rows.length; r++) {
      const out: SqlRow = {};
      for (let c = 0; c < names.length; c++) out[names[c]] = fromDuckDbValue(columns[c][r]);
      rows[r] = out;
    }
    return { columns: names.map((name, i) => ({ name, type: types[i].toString() })), rows };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.lanes.map((l) => l.queue));
    for (const l of this.lanes) l.connection.closeSync();
    this.instance.closeSync();
  }
}

interface Lane {
  connection: DuckDBConnection;
  queue: Promise<unknown>;
  pending: number;
}

/** Connections per engine: a report issues up to ~10 reads at once; four of them overlapping cut a one-kabupaten report from 0.80 to 0.75 s wall here (a region scorecard used a little less CPU with two). */
const QUERY_LANES = 4;

/** Re-runs of a query whose listed files vanished: with the back-off, about 6 s in all. */
const VANISHED_FILE_ATTEMPTS = 8;

/** DuckDB's error for a listed Parquet file that is gone by the time it is read. */
function isVanishedFile(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /No files found that match the pattern|No such file or directory|Cannot open file/i.test(message);
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function emptyTableName(dataset: DatasetName): string {
  return `"_empty_${dataset}"`;
}

/** An empty table with the dataset's stored columns and partition keys, for a scope without files. */
function emptyTableSql(table: DuckDbTable): string {
  const columns = [...table.columns.map((c) => `"${c.name}" ${c.type}`), ...PARTITION_KEYS[table.name].map((k) => `"${k}" VARCHAR`)];
  return `CREATE TABLE ${emptyTableName(table.name)} (${columns.join(', ')})`;
}
