/**
 * A lake made of many small objects (each dataset uploaded as several weekly files) and the
 * readings the compaction tests compare: the three reports' JSON and the rows per partition.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { csvLine } from '../../functions/generator/index.js';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { PERIOD_PARTITIONED, type DatasetName } from '../../functions/lib/lake-layout.js';
import { FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { runReport } from '../../functions/report/run-report.js';
import { ingestPath, type tempDir } from '../ingest/helpers.js';
import { DATASET_NAMES, generateKukar, KAB } from '../integration/generated.js';
import { lakeAnswers } from './lake-compare.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const REPORTS = ['scorecard', 'sanctions', 'ranking'] as const;
const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
/** Uploads per dataset: each partition of these gets that many objects. */
const PARTS: Record<DatasetName, number> = { roster: 1, monthly_report: 3, activity_log: 5, disbursement: 4, kecamatan_profile: 1 };

/** An output store that drops what it is given (only the report objects are compared). */
const nowhere: ObjectStore = {
  description: 'nowhere',
  put: async () => undefined,
  get: async () => new Uint8Array(),
  getStream: async () => {
    throw new Error('unused');
  },
  head: async () => undefined,
  list: async () => [],
  delete: async () => undefined,
};

/**
 * Generates two months of 64.02 and ingests each dataset as several weekly uploads (rows dealt
 * round-robin, so every partition gets a piece of each) into `<tmp>/<name>` for each name.
 * Returns the report period.
 */
export async function buildSmallObjectLakes(tmp: Awaited<ReturnType<typeof tempDir>>, names: string[], now: number): Promise<string> {
  const generated = await generateKukar(tmp.path('in'), { months: 2, invalidRate: 0, seed: 13, now });
  const [first, ...copies] = names;
  for (const d of DATASET_NAMES) {
    const [header, ...records] = parse(await readFile(generated.files[d])) as string[][];
    for (let part = 0; part < PARTS[d]; part++) {
      const file = tmp.path(`${d}-minggu-${part + 1}.csv`);
      await writeFile(file, [header, ...records.filter((_, i) => i % PARTS[d] === part)].map((r) => csvLine(r)).join(''));
      await ingestPath(d, file, tmp.path(first), { now, key: `incoming/${d}/minggu-${part + 1}.csv` });
    }
  }
  for (const name of copies) await cp(tmp.path(first), tmp.path(name), { recursive: true });
  return generated.periods[1];
}

/** The three reports' JSON (generated_at left out) from a fresh DuckDB engine over the lake. */
export async function reports(lakeDir: string, period: string, now: number): Promise<unknown[]> {
  const engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lakeDir });
  try {
    const out: unknown[] = [];
    for (const report of REPORTS) {
      const { report: json } = await runReport({ report, kabupaten: KAB, period, formats: ['json'], engine, config, out: nowhere, now });
      const { generated_at: _, ...rest } = json as unknown as Record<string, unknown>;
      out.push(rest);
    }
    return out;
  } finally {
    await engine.close();
  }
}

/** Rows per partition of every period-partitioned dataset (duplicates counted). */
export async function rowCounts(con: DuckDBConnection, lakeDir: string): Promise<Record<string, unknown>[][]> {
  return Promise.all(DATASET_NAMES.filter((d) => PERIOD_PARTITIONED.has(d)).map((d) => lakeAnswers(con, lakeDir, d)));
}

/** Parquet objects per partition folder. */
export async function objectsPerPartition(lakeDir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const o of await new FolderStore(lakeDir).list('lake/')) {
    const folder = o.key.slice(0, o.key.lastIndexOf('/'));
    out[folder] = (out[folder] ?? 0) + 1;
  }
  return out;
}
