/** Comparing two lakes: object keys, object bytes, and what DuckDB reads from them. */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PERIOD_PARTITIONED, type DatasetName } from '../../functions/lib/lake-layout.js';
import type { ObjectStore } from '../../functions/lib/object-store/index.js';
import { lakeTable, rows } from '../ingest/helpers.js';

/** Every object key of a store with the SHA-256 of its bytes. */
export async function objectDigests(store: ObjectStore, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const o of await store.list(prefix)) out[o.key] = createHash('sha256').update(await store.get(o.key)).digest('hex');
  return out;
}

/**
 * What a reader gets from one dataset of a folder lake: rows per partition, and for the activity
 * log the sum of kpm_reached and the distinct activity ids as well.
 */
export async function lakeAnswers(con: DuckDBConnection, lakeDir: string, dataset: DatasetName): Promise<Record<string, unknown>[]> {
  const t = lakeTable(lakeDir, dataset);
  const part = PERIOD_PARTITIONED.has(dataset) ? 'kabupaten_code, period' : 'kabupaten_code';
  const extra = dataset === 'activity_log' ? ', sum(kpm_reached) AS kpm, count(DISTINCT activity_id) AS ids' : '';
  return rows(con, `SELECT ${part}, count(*) AS n${extra}, count(DISTINCT _source || ':' || _row) AS lines FROM ${t} GROUP BY ${part} ORDER BY ${part}`);
}
