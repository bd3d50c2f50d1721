/**
 * Times a region's scorecard built two ways on an existing bench lake: the one-pass region
 * reads (what `pkh report --region` runs) and the reads one kabupaten at a time (the path before
 * them); each once, on a fresh engine, with the number of queries each runs and an upper bound
 * of what Athena would scan: the whole size of every Parquet file in the partitions each query's
 * WHERE selects (all columns; bench/reports.ts counts the columns read, so its figures are lower),
 * and what Athena bills (at least 10 MB a query). Says whether the two region JSONs are identical
 * (exit 1 when not).
 *
 * `node --import tsx bench/region-readers.ts <lakeRoot> <region> [period]`
 */
import { DEFAULT_CONFIG, type PkhConfig } from '../functions/lib/config.js';
import { DuckDbEngine } from '../functions/lib/query-engine/duckdb-engine.js';
import type { QueryEngine, SqlValue } from '../functions/lib/query-engine/types.js';
import { kabupatenReports, kabupatenReportsOneByOne } from '../functions/report/regions/kabupaten-reports.js';
import { resolveRegion } from '../functions/report/regions/resolve.js';
import { buildRegionReport } from '../functions/report/regions/run-region.js';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import { findTableRefs, listScopedFiles } from '../functions/lib/query-engine/duckdb-scan.js';
import { loadSql } from '../functions/lib/query-engine/sql-loader.js';
import { DUCKDB_TABLES } from '../schemas/index.js';

const [lakeRoot, regionSpec, period = '2026-11'] = process.argv.slice(2);
if (!lakeRoot || !regionSpec) {
  console.error('usage: node --import tsx bench/region-readers.ts <lakeRoot> <region> [period]');
  process.exit(2);
}
const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const region = resolveRegion(regionSpec, config);
const req = { report: 'scorecard' as const, region, period, asOfMs: Date.now() };
/** Each path's region JSON, built with the same generated_at: the two must be identical. */
const built: string[] = [];
const generatedAt = Date.now();

for (const [name, reader] of [['satu bacaan / one pass', kabupatenReports], ['per kabupaten / one by one', kabupatenReportsOneByOne]] as const) {
  const inner = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot });
  let queries = 0;
  const calls: [string, SqlValue[]][] = [];
  const engine: QueryEngine = { run: (file: string, params: SqlValue[]) => (queries++, calls.push([file, params]), inner.run(file, params)) } as QueryEngine;
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  const report = await buildRegionReport(engine, req, config, generatedAt, reader);
  built.push(JSON.stringify(report));
  const seconds = (performance.now() - t0) / 1000;
  await inner.close();
  const sizes = new Map<string, number>();
  let scanned = 0;
  let billed = 0;
  let largest = 0;
  for (const [file, params] of calls) {
    let bytes = 0;
    for (const ref of findTableRefs(loadSql(file), params)) {
      for (const f of await listScopedFiles(lakeRoot, ref.dataset, ref.scope)) {
        if (!sizes.has(f)) sizes.set(f, (await stat(f)).size);
        bytes += sizes.get(f)!;
      }
    }
    scanned += bytes;
    largest = Math.max(largest, bytes);
    billed += Math.max(10e6, bytes);
  }
  console.log(`${regionSpec} (${region.kabupaten_codes.length} kabupaten) ${name}: ${seconds.toFixed(1)} s, ${queries} kueri/queries, Athena ≤ ${(scanned / 1e6).toFixed(0)} MB scanned, ${(billed / 1e6).toFixed(0)} MB billed, largest query ${(largest / 1e6).toFixed(0)} MB, load ${load0.toFixed(1)}→${os.loadavg()[0].toFixed(1)}, skor/score ${(report as { total: { score: number | null } }).total.score}`);
}
console.log(built[0] === built[1] ? 'JSON sama / identical JSON' : 'JSON BERBEDA / DIFFERENT JSON');
if (built[0] !== built[1]) process.exitCode = 1;
