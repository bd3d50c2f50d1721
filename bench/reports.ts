/**
 * Reports benchmark (SYSTEM.md "Performance"): on a national-scale lake (514 kabupaten,
 * 12 months, made with the project's own generator and ingest core), each report for one
 * kabupaten
 * - timed on DuckDB: a fresh engine, queries and report building, best of `--repeat` after a
 *   warm-up, wall time and process CPU (target < 1 s); rendering the four formats apart;
 * - costed for Athena: the bytes read after partition pruning, from the Parquet footers of
 *   exactly the files of the partitions each query selects (the same scope code the DuckDB
 *   engine and partition projection prune with) and the column chunks of the columns it reads,
 *   plus the footers themselves (target < 10 MB per report). Two column sets: the columns named
 *   in the SELECT block of each table (upper bound, checked against the target) and those the
 *   optimizer's plan reads (DuckDB EXPLAIN; Trino prunes columns the same way).
 *
 * `npm run bench -- reports [--kabupaten 64.02,33.10] [--small | --generate SPEC] [--full]
 *   [--months 12] [--repeat 3] [--regions 33,all] [--dir .bench/reports] [--verbose]`
 *
 * Regions (REPORTS.md §4; SYSTEM.md: a province's scorecard, Jawa Tengah, < 5 s, the national one
 * < 60 s): each region's scorecard and sanctions list timed once on a fresh engine and their
 * Athena bytes summed over every query, with what Athena bills (10 MB minimum per query). A
 * region needs activity_log and disbursement of all its kabupaten, so `--regions all` builds
 * them for the whole country (about 26 min on two cores, resumable); `--regions ''` skips regions.
 *
 * The lake: roster, monthly_report and kecamatan_profile of every kabupaten (a report reads the
 * national roster and month P's reports of the whole country), and activity_log and disbursement
 * of the kabupaten measured, the largest one, and every kabupaten their reports read (found by
 * running them; repeated until nothing read is missing). Those partitions are byte for byte what
 * a full build has (each kabupaten's rows come from its own seeded streams); the other
 * kabupaten's activity_log and disbursement (about 130 million rows) are never read by the
 * kabupaten reports — `--full` or a region builds them anyway. The lake is kept in `--dir` and
 * reused when built with the same parameters; every step is resumable. `--small` uses only the
 * kabupaten measured, `--generate 64,33` the kabupaten of those provinces: subsets, labelled so.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { buildWorld, generate, headerOf, makeContext, previousMonth, resolveKabupaten, worldRows } from '../functions/generator/index.js';
import { RowFileWriter } from '../functions/generator/writer.js';
import { ingestFile } from '../functions/ingest/index.js';
import { DEFAULT_CONFIG, type PkhConfig } from '../functions/lib/config.js';
import { hasLegacyLayout, migrateLayout } from '../functions/compact/migrate-layout.js';
import { DATASET_NAMES, LAKE_PREFIX, partitionPrefix, type DatasetName } from '../functions/lib/lake-layout.js';
import { FolderStore } from '../functions/lib/object-store/index.js';
import { DuckDbEngine } from '../functions/lib/query-engine/duckdb-engine.js';
import { findTableRefs, listScopedFiles, type TableRef } from '../functions/lib/query-engine/duckdb-scan.js';
import { loadSql } from '../functions/lib/query-engine/sql-loader.js';
import type { QueryEngine, SqlRow, SqlValue } from '../functions/lib/query-engine/types.js';
import { renderReport, REPORT_FORMATS } from '../functions/report/render/index.js';
import { resolveRegion } from '../functions/report/regions/resolve.js';
import { buildRegionReport } from '../functions/report/regions/run-region.js';
import { buildRanking, buildSanctions, buildScorecard } from '../functions/report/reports/index.js';
import { REPORT_NAMES, type AnyReport, type ReportName } from '../functions/report/reports/types.js';
import { DUCKDB_TYPE, getDataset, DUCKDB_TABLES } from '../schemas/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Targets of SYSTEM.md "Performance". */
const TARGET_SECONDS = 0.5;
const TARGET_SCAN_BYTES = 10 * 1000 * 1000;
/** Region scorecard targets (SYSTEM.md "Performance"): a province (Jawa Tengah) and the nation. */
const REGION_TARGET_SECONDS = (region: string): number => (region === 'all' ? 60 : 5);
/** Athena bills at least this much per query. */
const ATHENA_MIN_BILLED_BYTES = 10 * 1000 * 1000;
/** US$ per TB scanned (most regions). */
const ATHENA_USD_PER_TB = 5;
/** Example allocation for the ranking (as in `pkh demo`). */
const BUDGET = { budget: 6_000_000_000, unitCost: 3_000_000 };

const fmt = (n: number, digits = 0) =>
  new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
const mb = (bytes: number) => `${fmt(bytes / 1e6, 2)} MB`;
const verdict = (ok: boolean) => (ok ? 'OK' : 'DI ATAS TARGET / OVER TARGET');

// ------------------------------------------------------------------------------------------ lake

/**
 * Datasets a kabupaten report reads for the whole country (the roster, month P's monthly
 * reports) or that are small: built for every kabupaten of the scope.
 */
const NATIONAL_DATASETS = ['roster', 'monthly_report', 'kecamatan_profile'] as const satisfies readonly DatasetName[];
/**
 * Datasets a report reads only from the partitions of its kabupaten and of the kabupaten its
 * facilitators also worked in: built for those kabupaten (or for all with `--full`).
 */
const LOCAL_DATASETS = ['activity_log', 'disbursement'] as const satisfies readonly DatasetName[];

interface LakeParams {
  scope: string[];
  months: number;
  endPeriod: string;
  seed: number;
  /** The generator's "now", kept so a resumed build generates the same rows. */
  now: number;
}

interface LakeState {
  params: LakeParams;
  /** The national datasets are in the lake for every kabupaten of the scope. */
  nationalDone: boolean;
  /** Kabupaten whose activity_log and disbursement are in the lake. */
  local: string[];
  rows: Record<DatasetName, number>;
  seconds: { generate: number; ingest: number };
}

/** Serial ingest: on a shared two-core machine worker threads only add contention (the objects written are the same). */
const INGEST_TUNING = { workers: 0 };

/**
 * The benchmark lake in `<dir>/data`, built with the project's generator and ingest core and
 * kept between runs (`<dir>/state.json`); every step is resumable.
 */
class Lake {
  private constructor(
    readonly dir: string,
    readonly state: LakeState,
  ) {}

  get root(): string {
    return path.join(this.dir, 'data');
  }

  /** Opens the lake built with these parameters, or starts a new one (removing a lake built with others). */
  static async open(dir: string, want: { scope: string[]; months: number; seed: number }): Promise<Lake> {
    let state: LakeState | undefined;
    try {
      state = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')) as LakeState;
    } catch {
      state = undefined;
    }
    const same = state && state.params.months === want.months && state.params.seed === want.seed && state.params.scope.join(',') === want.scope.join(',');
    if (state && !same) {
      console.log(`  parameter berbeda, lake dibuat ulang / different parameters, rebuilding the lake in ${dir}`);
      await rm(dir, { recursive: true, force: true });
    }
    if (!state || !same) {
      const now = Date.now();
      state = {
        params: { ...want, endPeriod: previousMonth(now), now },
        nationalDone: false,
        local: [],
        rows: Object.fromEntries(DATASET_NAMES.map((d) => [d, 0])) as Record<DatasetName, number>,
        seconds: { generate: 0, ingest: 0 },
      };
    }
    await mkdir(dir, { recursive: true });
    // A lake built before the layout changed (issue 11) is moved to the current one, as pkh does.
    const store = new FolderStore(path.join(dir, 'data'));
    if (await hasLegacyLayout(store)) {
      const done = await migrateLayout(store);
      console.log(`  lake lama dipindah ke tata letak baru / old-layout lake migrated: ${done.reduce((n, m) => n + m.inputs.length, 0)} berkas/files → ${done.length}`);
    }
    return new Lake(dir, state);
  }

  private async save(): Promise<void> {
    await writeFile(path.join(this.dir, 'state.json'), JSON.stringify(this.state, null, 1));
  }

  private async ingest(dataset: DatasetName, file: string, key: string): Promise<void> {
    const { size } = await stat(file);
    const r = await ingestFile({
      dataset: getDataset(dataset),
      source: { key, size, open: () => createReadStream(file, { highWaterMark: 1024 * 1024 }) },
      store: new FolderStore(this.root),
      limits: DEFAULT_CONFIG.limits,
      tuning: INGEST_TUNING,
    });
    if (r.rows_rejected > 0) throw new Error(`${r.rows_rejected} rows of ${file} rejected: ${JSON.stringify(r.rejected_by_code)}`);
    this.state.rows[dataset] += r.rows_accepted;
  }

  /** Roster, monthly reports and profiles of every kabupaten of the scope: one CSV per dataset, ingested once. */
  async ensureNational(): Promise<void> {
    if (this.state.nationalDone) return;
    const { scope, months, endPeriod, seed, now } = this.state.params;
    const input = path.join(this.dir, 'input');
    await mkdir(input, { recursive: true });
    const ctx = makeContext({ months, endPeriod, seed, now, invalidRate: 0 });
    const files = Object.fromEntries(NATIONAL_DATASETS.map((d) => [d, path.join(input, `${d}-national.csv`)])) as Record<(typeof NATIONAL_DATASETS)[number], string>;
    const writers = await Promise.all(NATIONAL_DATASETS.map((d) => RowFileWriter.open(files[d], headerOf(d), 'csv')));
    const t0 = performance.now();
    try {
      for (const [i, code] of scope.entries()) {
        const world = buildWorld(code, ctx);
        for (const [j, d] of NATIONAL_DATASETS.entries()) {
          for (const row of worldRows(d, world)) {
            const wait = writers[j].push(row.cells);
            if (wait) await wait;
          }
        }
        if ((i + 1) % 50 === 0 || i + 1 === scope.length) {
          process.stderr.write(`  generate roster/monthly_report/kecamatan_profile: ${i + 1}/${scope.length} kabupaten, ${fmt((performance.now() - t0) / 1000, 1)} s\n`);
        }
      }
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
    const t1 = performance.now();
    for (const d of NATIONAL_DATASETS) {
      process.stderr.write(`  ingest ${d} (${fmt(writers[NATIONAL_DATASETS.indexOf(d)].rows)} baris/rows)\n`);
      await this.ingest(d, files[d], `bench/national/${d}.csv`);
      await rm(files[d], { force: true });
    }
    this.state.seconds.generate += (t1 - t0) / 1000;
    this.state.seconds.ingest += (performance.now() - t1) / 1000;
    this.state.nationalDone = true;
    await this.save();
  }

  /** activity_log and disbursement of these kabupaten, one kabupaten at a time. */
  async ensureLocal(codes: readonly string[]): Promise<void> {
    const todo = [...new Set(codes)].filter((c) => !this.state.local.includes(c)).sort();
    const input = path.join(this.dir, 'input');
    const t0 = performance.now();
    for (const [i, code] of todo.entries()) {
      const { months, endPeriod, seed, now } = this.state.params;
      const g0 = performance.now();
      const g = await generate({ kabupaten: code, months, endPeriod, seed, now, outDir: path.join(input, code) });
      const g1 = performance.now();
      for (const d of LOCAL_DATASETS) await this.ingest(d, g.files[d], `bench/${code}/${d}.csv`);
      await rm(path.join(input, code), { recursive: true, force: true });
      const g2 = performance.now();
      this.state.seconds.generate += (g1 - g0) / 1000;
      this.state.seconds.ingest += (g2 - g1) / 1000;
      this.state.local.push(code);
      await this.save();
      const eta = ((performance.now() - t0) / (i + 1)) * (todo.length - i - 1);
      process.stderr.write(
        `  [${i + 1}/${todo.length}] ${code}: activity_log ${fmt(g.rows.activity_log)}, disbursement ${fmt(g.rows.disbursement)} baris/rows; ` +
          `generate ${fmt((g1 - g0) / 1000, 1)} s, ingest ${fmt((g2 - g1) / 1000, 1)} s; sisa/left ≈ ${fmt(eta / 60000, 1)} min\n`,
      );
    }
  }
}

// ------------------------------------------------------------------------------ reports on DuckDB

/** Records every query a report runs (file and parameters), for the scan estimate. */
class RecordingEngine implements QueryEngine {
  readonly calls: { sqlFile: string; params: SqlValue[] }[] = [];
  constructor(private readonly inner: QueryEngine) {}
  get name() {
    return this.inner.name;
  }
  run(sqlFile: string, params: SqlValue[]): Promise<SqlRow[]> {
    this.calls.push({ sqlFile, params: [...params] });
    return this.inner.run(sqlFile, params);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

function build(report: ReportName, engine: QueryEngine, kabupaten: string, period: string, config: PkhConfig): Promise<AnyReport> {
  const base = { kabupaten, period, config, asOf: Date.now(), generatedAt: new Date().toISOString() };
  return report === 'scorecard'
    ? buildScorecard(engine, base)
    : report === 'sanctions'
      ? buildSanctions(engine, base)
      : buildRanking(engine, base, BUDGET);
}

/** One report as `pkh report` makes it (minus Node start-up): open an engine, query, build, close. */
async function timedBuild(report: ReportName, lakeRoot: string, kabupaten: string, period: string, config: PkhConfig, record?: (e: RecordingEngine) => void) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const engine = new RecordingEngine(await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot }));
  try {
    const built = await build(report, engine, kabupaten, period, config);
    const seconds = (performance.now() - t0) / 1000;
    // CPU of the whole process (DuckDB's threads included): steadier than wall time on a busy machine.
    const cpu = process.cpuUsage(cpu0);
    record?.(engine);
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, built };
  } finally {
    await engine.close();
  }
}

// ------------------------------------------------------------------------------ Athena scan bytes

/** Blanks out string literals, keeping offsets. */
function maskLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, (m) => `'${' '.repeat(m.length - 2)}'`);
}

function matchingClose(text: string, openAt: number): number {
  let depth = 0;
  for (let i = openAt; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

/**
 * The stored columns one dataset reference reads: the identifiers of the SELECT block that holds
 * the `FROM <dataset>` (its innermost enclosing parentheses, nested subqueries left out) that are
 * columns of the dataset. An upper bound: Trino may prune a named column the outer query never uses.
 */
export function scanColumns(sql: string, ref: TableRef): string[] {
  const masked = maskLiterals(sql);
  const stack: number[] = [];
  for (let i = 0; i < ref.start; i++) {
    if (masked[i] === '(') stack.push(i);
    else if (masked[i] === ')') stack.pop();
  }
  const openAt = stack.at(-1);
  const [from, to] = openAt === undefined ? [0, masked.length] : [openAt + 1, matchingClose(masked, openAt)];
  let block = masked.slice(from, to);
  // Subqueries inside the block read their own tables.
  for (let i = block.indexOf('('); i >= 0; i = block.indexOf('(', i + 1)) {
    if (/^\(\s*(SELECT|WITH)\b/i.test(block.slice(i, i + 12))) {
      const end = matchingClose(block, i);
      block = block.slice(0, i) + ' '.repeat(end - i + 1) + block.slice(end + 1);
    }
  }
  const words = new Set(block.match(/[A-Za-z_][A-Za-z0-9_]*/g)?.map((w) => w.toLowerCase()) ?? []);
  return getDataset(ref.dataset)
    .storageColumns.map((c) => c.name)
    .filter((c) => words.has(c));
}

interface FileFooter {
  /** Compressed bytes of each column's chunks, all row groups. */
  columns: Map<string, number>;
  /** Footer length + 8 (length and magic), read before any column. */
  footerBytes: number;
}

/** Parquet footers read with DuckDB's `parquet_metadata`, cached per file. */
class Footers {
  private readonly cache = new Map<string, FileFooter>();
  private constructor(private readonly con: DuckDBConnection, private readonly db: DuckDBInstance) {}

  static async open(): Promise<Footers> {
    const db = await DuckDBInstance.create(':memory:');
    return new Footers(await db.connect(), db);
  }

  async of(files: string[]): Promise<FileFooter[]> {
    const missing = [...new Set(files.filter((f) => !this.cache.has(f)))];
    for (let i = 0; i < missing.length; i += 256) {
      const batch = missing.slice(i, i + 256);
      for (const f of batch) this.cache.set(f, { columns: new Map(), footerBytes: await footerLength(f) });
      const list = batch.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
      const reader = await this.con.runAndReadAll(
        `SELECT file_name, path_in_schema, SUM(total_compressed_size)::BIGINT AS bytes FROM parquet_metadata([${list}]) GROUP BY file_name, path_in_schema`,
      );
      for (const row of reader.getRowObjects()) {
        this.cache.get(String(row.file_name))!.columns.set(String(row.path_in_schema), Number(row.bytes));
      }
    }
    return files.map((f) => this.cache.get(f)!);
  }

  close(): void {
    this.con.closeSync();
    this.db.closeSync();
  }
}

/**
 * The columns the optimizer actually reads for one dataset reference: the query is planned
 * (EXPLAIN, not run) with that reference reading its real files and every other reference a
 * one-row stand-in table, so the plan's only READ_PARQUET is the reference's; its projections
 * and pushed-down filters name the columns. Trino prunes columns through subqueries and window
 * functions the same way, so this is close to what Athena reads.
 */
class Planner {
  private constructor(private readonly con: DuckDBConnection, private readonly db: DuckDBInstance) {}

  static async open(): Promise<Planner> {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    for (const dataset of DATASET_NAMES) {
      const d = getDataset(dataset);
      const cols = [
        ...d.storageColumns.map((c) => `CAST(NULL AS ${DUCKDB_TYPE[c.type]}) AS "${c.name}"`),
        ...d.partitionKeys.map((k) => `CAST(NULL AS VARCHAR) AS "${k}"`),
      ];
      await con.run(`CREATE TABLE "_one_${dataset}" AS SELECT ${cols.join(', ')}`);
    }
    return new Planner(con, db);
  }

  async prunedColumns(sql: string, params: SqlValue[], refs: TableRef[], index: number, files: string[]): Promise<string[] | undefined> {
    const ref = refs[index];
    const stored = getDataset(ref.dataset).storageColumns.map((c) => c.name);
    if (files.length === 0) return [];
    let text = sql;
    for (let i = refs.length - 1; i >= 0; i--) {
      const r = refs[i];
      const keys = getDataset(r.dataset).partitionKeys.map((k) => `'${k}': VARCHAR`).join(', ');
      const hive = keys === '' ? 'hive_partitioning = false' : `hive_partitioning = true, hive_types = {${keys}}`;
      const source =
        i === index
          ? `read_parquet([${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}], ${hive}, union_by_name = true)`
          : `"_one_${r.dataset}"`;
      text = `${text.slice(0, r.start)}${source}${r.alias ? '' : ` AS ${r.dataset}`}${text.slice(r.end)}`;
    }
    const reader = await this.con.runAndReadAll(`EXPLAIN (FORMAT JSON) ${text}`, params as never);
    const plan = JSON.parse(String(reader.getRowObjects()[0].explain_value)) as PlanNode[];
    const scans: PlanNode[] = [];
    const walk = (n: PlanNode) => {
      if (n.name === 'READ_PARQUET' || n.extra_info?.Function === 'READ_PARQUET') scans.push(n);
      n.children?.forEach(walk);
    };
    plan.forEach(walk);
    // DuckDB may prove from the footers' statistics that a scan yields nothing and drop it;
    // Athena would still open those files, so count the named columns there.
    if (scans.length === 0) return undefined;
    if (scans.length > 1) throw new Error(`expected one READ_PARQUET in the plan, found ${scans.length}`);
    const info = JSON.stringify([scans[0].extra_info?.Projections ?? [], scans[0].extra_info?.Filters ?? []]);
    const words = new Set(info.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
    return stored.filter((c) => words.has(c));
  }

  close(): void {
    this.con.closeSync();
    this.db.closeSync();
  }
}

interface PlanNode {
  name?: string;
  children?: PlanNode[];
  extra_info?: Record<string, unknown>;
}

async function footerLength(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(8);
    await handle.read(tail, 0, 8, size - 8);
    return tail.readUInt32LE(0) + 8;
  } finally {
    await handle.close();
  }
}

interface ScanLine {
  sqlFile: string;
  dataset: DatasetName;
  files: number;
  /** Columns named in the reference's SELECT block (upper bound). */
  columns: string[];
  columnBytes: number;
  /** Columns the optimizer reads. */
  pruned: string[];
  prunedBytes: number;
  footerBytes: number;
}

/** Bytes each recorded query would read on Athena: pruned partitions' files × named columns. */
async function scanOf(calls: RecordingEngine['calls'], lakeRoot: string, footers: Footers, planner: Planner): Promise<ScanLine[]> {
  const lines: ScanLine[] = [];
  for (const call of calls) {
    const sql = loadSql(call.sqlFile);
    const refs = findTableRefs(sql, call.params);
    for (const [i, ref] of refs.entries()) {
      const files = await listScopedFiles(lakeRoot, ref.dataset, ref.scope);
      const columns = scanColumns(sql, ref);
      const pruned = (await planner.prunedColumns(sql, call.params, refs, i, files)) ?? columns;
      const meta = await footers.of(files);
      const bytesOf = (cols: string[]) => meta.reduce((sum, m) => sum + cols.reduce((s, c) => s + (m.columns.get(c) ?? 0), 0), 0);
      lines.push({
        sqlFile: call.sqlFile,
        dataset: ref.dataset,
        files: files.length,
        columns,
        columnBytes: bytesOf(columns),
        pruned,
        prunedBytes: bytesOf(pruned),
        footerBytes: meta.reduce((sum, m) => sum + m.footerBytes, 0),
      });
    }
  }
  return lines;
}

// ------------------------------------------------------------------------------------------ main

async function lakeSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.parquet')) {
        files++;
        bytes += (await stat(p)).size;
      }
    }
  };
  await walk(dir);
  return { files, bytes };
}

/** The kabupaten of the scope with the most KPM assigned in `period` (the most disbursement and activity rows). */
async function largestKabupaten(lakeRoot: string, period: string): Promise<{ code: string; kpm: number } | undefined> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const glob = path.join(lakeRoot, partitionPrefix('monthly_report', { period }), '*.parquet').replaceAll("'", "''");
    const reader = await con.runAndReadAll(
      `SELECT kabupaten_code, SUM(kpm_assigned)::BIGINT AS kpm FROM read_parquet('${glob}', hive_partitioning = false) ` +
        'GROUP BY kabupaten_code ORDER BY kpm DESC, kabupaten_code LIMIT 1',
    );
    const [row] = reader.getRowObjects();
    return row ? { code: String(row.kabupaten_code), kpm: Number(row.kpm) } : undefined;
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/**
 * Kabupaten whose activity_log or disbursement partitions the reports for `targets` read (their
 * own and those where their facilitators also worked), from the queries the reports actually run.
 */
async function kabupatenRead(lakeRoot: string, targets: readonly string[], period: string, config: PkhConfig): Promise<string[]> {
  const read = new Set<string>();
  for (const kabupaten of targets) {
    for (const report of REPORT_NAMES) {
      await timedBuild(report, lakeRoot, kabupaten, period, config, (e) => {
        for (const call of e.calls) {
          for (const ref of findTableRefs(loadSql(call.sqlFile), call.params)) {
            if (!(LOCAL_DATASETS as readonly string[]).includes(ref.dataset)) continue;
            if (!ref.scope.kabupaten) throw new Error(`${call.sqlFile} reads ${ref.dataset} of every kabupaten`);
            for (const k of ref.scope.kabupaten) read.add(k);
          }
        }
      });
    }
  }
  return [...read].sort();
}

function usage(message: string): never {
  console.error(`bench reports: ${message}`);
  process.exit(2);
}

/** Runs the reports benchmark; returns 0 (the figures are the result, targets are reported next to them). */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      kabupaten: { type: 'string', default: '64.02,33.10' },
      small: { type: 'boolean', default: false },
      generate: { type: 'string' },
      full: { type: 'boolean', default: false },
      months: { type: 'string', default: '12' },
      repeat: { type: 'string', default: '3' },
      dir: { type: 'string', default: path.join(ROOT, '.bench', 'reports') },
      verbose: { type: 'boolean', default: false },
      regions: { type: 'string', default: '33,all' },
    },
  });
  const measured = resolveKabupaten(values.kabupaten);
  const scopeSpec = values.generate ?? (values.small ? values.kabupaten : 'all');
  const scope = resolveKabupaten(scopeSpec);
  const national = scope.length === resolveKabupaten('all').length;
  for (const k of measured) if (!scope.includes(k)) usage(`kabupaten ${k} tidak ada di --generate / is not in --generate`);
  const months = Number(values.months);
  const repeat = Math.max(1, Number(values.repeat));
  if (!Number.isInteger(months) || months < 1) usage('--months harus bilangan bulat ≥ 1 / must be a whole number ≥ 1');

  const tag = national ? `all-${months}m` : `${scope.length}k-${scope[0]}-${scope.at(-1)}-${months}m`;
  const dir = path.resolve(values.dir, tag);
  const label = national
    ? 'nasional / national: 514 kabupaten'
    : `SUBSET ${scope.length} kabupaten (${scopeSpec}) — bukan skala nasional / not national scale`;
  console.log(`Benchmark laporan / reports: ${label}, ${months} bulan/months`);

  const lake = await Lake.open(dir, { scope, months, seed: 1 });
  const lakeRoot = lake.root;
  const period = lake.state.params.endPeriod;
  const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
  await lake.ensureNational();
  if (values.full) await lake.ensureLocal(scope);
  // Besides the kabupaten asked, the one with the most KPM (the worst case for time and scan).
  const largest = await largestKabupaten(lakeRoot, period);
  const targets = largest && !measured.includes(largest.code) ? [...measured, largest.code] : measured;
  // Every activity_log/disbursement partition the measured reports read must be in the lake, as
  // in a full build: build what they read until nothing is missing.
  await lake.ensureLocal(targets);
  for (let round = 0; ; round++) {
    const missing = (await kabupatenRead(lakeRoot, targets, period, config)).filter((k) => !lake.state.local.includes(k));
    if (missing.length === 0) break;
    if (round === 3 || missing.some((k) => !scope.includes(k))) throw new Error(`reports read kabupaten outside the lake: ${missing.join(', ')}`);
    await lake.ensureLocal(missing);
  }

  const { state } = lake;
  const size = await lakeSize(path.join(lakeRoot, LAKE_PREFIX));
  const complete = state.local.length === scope.length;
  console.log(
    `  lake ${lakeRoot}: ${fmt(size.files)} berkas Parquet/files, ${mb(size.bytes)}; periode / period ${state.params.endPeriod}; baris/rows: ` +
      DATASET_NAMES.map((d) => `${d} ${fmt(state.rows[d])}`).join(', '),
  );
  console.log(
    complete
      ? `  semua dataset untuk semua ${fmt(scope.length)} kabupaten / every dataset for all ${fmt(scope.length)} kabupaten`
      : `  roster, monthly_report, kecamatan_profile: ${fmt(scope.length)} kabupaten; activity_log, disbursement: ${fmt(state.local.length)} kabupaten ` +
          `(${state.local.join(' ')}) — semua partisi yang dibaca laporan yang diukur, seperti di lake penuh; partisi lain tidak pernah dibaca kueri ini (--full membangun semuanya) / ` +
          'every partition the measured reports read, as in a full lake; no query of these reports reads the others (--full builds them all)',
  );
  console.log(
    `  dibuat dalam / built in: generate ${fmt(state.seconds.generate / 60, 1)} min, ingest ${fmt(state.seconds.ingest / 60, 1)} min (jumlah semua sesi / over all sessions)`,
  );
  if (largest) console.log(`  kabupaten terbesar / largest kabupaten: ${largest.code} (${fmt(largest.kpm)} KPM pada/in ${period})`);

  const footers = await Footers.open();
  const planner = await Planner.open();
  const rows: string[][] = [];
  try {
    for (const kabupaten of targets) {
      for (const report of REPORT_NAMES) {
        let calls: RecordingEngine['calls'] = [];
        await timedBuild(report, lakeRoot, kabupaten, period, config, (e) => (calls = e.calls)); // warm-up
        let best = Infinity;
        let cpu = Infinity;
        let built: AnyReport | undefined;
        for (let i = 0; i < repeat; i++) {
          const r = await timedBuild(report, lakeRoot, kabupaten, period, config);
          best = Math.min(best, r.seconds);
          cpu = Math.min(cpu, r.cpuSeconds);
          built = r.built;
        }
        const r0 = performance.now();
        for (const f of REPORT_FORMATS) await renderReport(built!, f, { lang: 'id' });
        const render = (performance.now() - r0) / 1000;

        const scan = await scanOf(calls, lakeRoot, footers, planner);
        const footerBytes = scan.reduce((s, l) => s + l.footerBytes, 0);
        const named = scan.reduce((s, l) => s + l.columnBytes, 0) + footerBytes;
        const pruned = scan.reduce((s, l) => s + l.prunedBytes, 0) + footerBytes;
        rows.push([
          report,
          kabupaten === largest?.code ? `${kabupaten} (terbesar/largest)` : kabupaten,
          `${fmt(best, 3)} s`,
          fmt(best / TARGET_SECONDS, 2),
          verdict(best < TARGET_SECONDS),
          `${fmt(cpu, 3)} s`,
          `${fmt(render, 3)} s`,
          mb(named),
          fmt(named / TARGET_SCAN_BYTES, 3),
          verdict(named < TARGET_SCAN_BYTES),
          mb(pruned),
          fmt(pruned / TARGET_SCAN_BYTES, 3),
          `${calls.length}/${fmt(scan.reduce((s, l) => s + l.files, 0))}`,
        ]);
        if (values.verbose) {
          for (const l of scan) {
            console.log(
              `    ${report} ${kabupaten} ${l.sqlFile} → ${l.dataset}: ${l.files} berkas/files, footer ${mb(l.footerBytes)}, ` +
                `disebut/named ${mb(l.columnBytes)} [${l.columns.join(', ')}], dipangkas/pruned ${mb(l.prunedBytes)} [${l.pruned.join(', ')}]`,
            );
          }
        }
      }
    }
  } finally {
    footers.close();
    planner.close();
  }

  const header = [
    'laporan/report',
    'kabupaten',
    `DuckDB (terbaik/best of ${repeat})`,
    `rasio/ratio vs ${TARGET_SECONDS} s`,
    '',
    'CPU',
    'render 4 format',
    'scan Athena',
    `rasio/ratio vs ${fmt(TARGET_SCAN_BYTES / 1e6)} MB`,
    '',
    'scan dipangkas/pruned',
    'rasio/ratio',
    'kueri/berkas queries/files',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = new Set([2, 3, 5, 6, 7, 8, 10, 11, 12]);
  const line = (cells: string[]) => `  ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`.trimEnd();
  console.log(
    `  periode / period ${period}; DuckDB: mesin baru per laporan (buka + kueri + susun), waktu dinding dan CPU proses / ` +
      `fresh engine per report (open + queries + build), wall time and process CPU; beban mesin / machine load ${os.loadavg()[0].toFixed(1)} (${os.cpus().length} core)`,
  );
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(
    '  scan Athena = Σ ukuran terkompresi kolom yang disebut blok SELECT tiap tabel + footer, pada berkas partisi yang dipilih WHERE (batas atas, dibandingkan dengan target) / ' +
      'compressed size of the columns named in each table\'s SELECT block + footers, over the files of the partitions its WHERE selects (upper bound, checked against the target)',
  );
  console.log(
    '  scan dipangkas = hanya kolom yang dibaca rencana optimizer (EXPLAIN DuckDB; Trino memangkas serupa) / ' +
      'scan pruned = only the columns the optimizer plan reads (DuckDB EXPLAIN; Trino prunes alike)',
  );
  if (!national) console.log(`  CATATAN / NOTE: ${label}`);

  const regions = values.regions.split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (regions.length > 0) await benchRegions(regions, lake, scope, period, config, values.verbose);
  return 0;
}

/**
 * Times each region's scorecard and sanctions list once (fresh engine, queries and assembly;
 * SYSTEM.md's targets are the scorecard's) and sums the Athena
 * bytes of every query it runs (columns named in each SELECT block + footers), with the bytes
 * Athena bills (at least 10 MB a query). Regions with a kabupaten outside the lake's scope are
 * skipped, saying so.
 */
async function benchRegions(regions: string[], lake: Lake, scope: string[], period: string, config: PkhConfig, verbose: boolean): Promise<void> {
  const lakeRoot = lake.root;
  const rows: string[][] = [];
  const measured: { region: string; kabupaten: number; seconds: number; cpu: number; scanned: number; billed: number }[] = [];
  const skipped: { region: string; kabupaten: number }[] = [];
  for (const r of regions) {
    const region = resolveRegion(r, config);
    const outside = region.kabupaten_codes.filter((k) => !scope.includes(k));
    if (outside.length > 0) {
      console.log(`  wilayah / region ${r}: dilewati, ${outside.length} kabupaten di luar lake / skipped, ${outside.length} kabupaten outside the lake (--generate)`);
      skipped.push({ region: r, kabupaten: region.kabupaten_codes.length });
      continue;
    }
    // Every activity_log/disbursement partition the region reads, as in a full lake.
    await lake.ensureLocal(region.kabupaten_codes);
    const req = { report: 'scorecard' as const, region, period, asOfMs: Date.now() };
    for (let round = 0; ; round++) {
      const engine = new RecordingEngine(await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot }));
      try {
        await buildRegionReport(engine, req, config, Date.now());
      } finally {
        await engine.close();
      }
      const read = new Set<string>();
      for (const call of engine.calls) {
        for (const ref of findTableRefs(loadSql(call.sqlFile), call.params)) {
          if ((LOCAL_DATASETS as readonly string[]).includes(ref.dataset)) for (const k of ref.scope.kabupaten ?? []) read.add(k);
        }
      }
      const missing = [...read].filter((k) => !lake.state.local.includes(k));
      if (missing.length === 0) break;
      if (round === 3 || missing.some((k) => !scope.includes(k))) throw new Error(`region ${r} reads kabupaten outside the lake: ${missing.join(', ')}`);
      await lake.ensureLocal(missing);
    }

    for (const report of ['scorecard', 'sanctions'] as const) {
      const engine = new RecordingEngine(await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot }));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      try {
        await buildRegionReport(engine, { ...req, report }, config, Date.now());
      } finally {
        await engine.close();
      }
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);

      // Bytes per query, named columns (the pruned estimate plans every query: too slow for thousands).
      const footers = await Footers.open();
      let scanned = 0;
      let billed = 0;
      let files = 0;
      try {
        for (const call of engine.calls) {
          let bytes = 0;
          const sql = loadSql(call.sqlFile);
          for (const ref of findTableRefs(sql, call.params)) {
            const list = await listScopedFiles(lakeRoot, ref.dataset, ref.scope);
            const meta = await footers.of(list);
            const columns = scanColumns(sql, ref);
            bytes += meta.reduce((sum, m) => sum + m.footerBytes + columns.reduce((s2, c) => s2 + (m.columns.get(c) ?? 0), 0), 0);
            files += list.length;
          }
          scanned += bytes;
          billed += Math.max(ATHENA_MIN_BILLED_BYTES, bytes);
        }
      } finally {
        footers.close();
      }
      // SYSTEM.md sets targets for the region scorecard; the sanctions list is shown beside it.
      const target = report === 'scorecard' ? REGION_TARGET_SECONDS(r) : undefined;
      if (report === 'scorecard') measured.push({ region: r, kabupaten: region.kabupaten_codes.length, seconds, cpu: (cpu.user + cpu.system) / 1e6, scanned, billed });
      rows.push([
        `${report} --region ${r}`,
        fmt(region.kabupaten_codes.length),
        `${fmt(seconds, 1)} s`,
        target === undefined ? '—' : `${fmt(target)} s`,
        target === undefined ? '' : fmt(seconds / target, 2),
        target === undefined ? '' : verdict(seconds < target),
        `${fmt((cpu.user + cpu.system) / 1e6, 1)} s`,
        `${fmt(engine.calls.length)}/${fmt(files)}`,
        mb(scanned),
        mb(billed),
        `US$ ${fmt((billed / 1e12) * ATHENA_USD_PER_TB, 3)}`,
      ]);
    }
    if (verbose) console.log(`    ${r}: ${region.region_name ?? r}, ${region.kabupaten_codes.length} kabupaten`);
  }
  // A region outside the lake (the nation, short of a national build) is extrapolated from the
  // largest region measured, in proportion to its kabupaten: an estimate only (activities and
  // disbursements are read per province, the roster and monthly reports once for the region).
  const base = measured.sort((a, b) => b.kabupaten - a.kabupaten)[0];
  for (const sk of base ? skipped : []) {
    const k = sk.kabupaten / base.kabupaten;
    const seconds = base.seconds * k;
    const target = REGION_TARGET_SECONDS(sk.region);
    rows.push([
      `scorecard --region ${sk.region} (≈ ${fmt(k, 1)} × ${base.region})`,
      fmt(sk.kabupaten),
      `≈ ${fmt(seconds, 0)} s`,
      `${fmt(target)} s`,
      fmt(seconds / target, 2),
      verdict(seconds < target),
      `≈ ${fmt(base.cpu * k, 0)} s`,
      'ekstrapolasi / extrapolated',
      `≈ ${mb(base.scanned * k)}`,
      `≈ ${mb(base.billed * k)}`,
      `US$ ${fmt(((base.billed * k) / 1e12) * ATHENA_USD_PER_TB, 3)}`,
    ]);
  }
  if (rows.length === 0) return;
  const header = ['wilayah/region', 'kabupaten', 'DuckDB', 'target', 'rasio/ratio', '', 'CPU', 'kueri/berkas queries/files', 'scan Athena', 'ditagih/billed', 'biaya/cost'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`.trimEnd();
  console.log('  Laporan wilayah / region reports (kartu kinerja dan daftar sanksi / scorecard and sanctions list; satu kali, mesin baru / once, fresh engine):');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    '  scan Athena = Σ kolom yang disebut + footer per kueri; ditagih = Σ max(10 MB, scan) per kueri / ' +
      'named columns + footers per query; billed = Σ max(10 MB, scan) per query (Athena\'s minimum)',
  );
}
