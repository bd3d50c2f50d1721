import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_CONFIG, type Limits } from '../../functions/lib/config.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { PARTITION_KEYS, type DatasetName } from '../../functions/lib/lake-layout.js';
import { ingestFile, type IngestResult, type IngestTuning } from '../../functions/ingest/index.js';
import { getDataset } from '../../schemas/index.js';
import { afterAll, beforeAll } from 'vitest';
import { openDuck, type Duck } from '../support/duck.js';
import { tempDir, type TempDir } from '../support/temp.js';

export { PKH, ROOT, runPkh, runPkhInProcess, type CliRun } from '../support/cli.js';
export { openDuck } from '../support/duck.js';
export { tempDir } from '../support/temp.js';

/**
 * A temporary folder and an in-memory DuckDB for the tests of one file: opened before them
 * (this registers the file's first beforeAll, so the file's own setup can use both) and closed
 * after them; `set` receives them.
 */
export function withTempAndDuck(set: (tmp: TempDir, duck: Duck) => void): void {
  let tmp: TempDir | undefined;
  let duck: Duck | undefined;
  beforeAll(async () => {
    tmp = await tempDir();
    duck = await openDuck();
    set(tmp, duck);
  });
  afterAll(async () => {
    duck?.close();
    await tmp?.cleanup();
  });
}

/** 2026-03-15 12:00 UTC: the "now" of most tests (future-date rules are relative to it). */
export const NOW = Date.UTC(2026, 2, 15, 12);

/** Ingests a file on disk into a folder lake, in-process. */
export async function ingestPath(
  dataset: string,
  file: string,
  lake: string,
  opts: { now?: number; limits?: Partial<Limits>; tuning?: IngestTuning; key?: string } = {},
): Promise<IngestResult> {
  const info = await stat(file);
  return ingestFile({
    dataset: getDataset(dataset),
    source: { key: opts.key ?? file, size: info.size, open: () => createReadStream(file, { highWaterMark: 64 * 1024 }) },
    store: new FolderStore(lake),
    now: opts.now ?? NOW,
    limits: { ...DEFAULT_CONFIG.limits, ...opts.limits },
    tuning: opts.tuning,
  });
}

/** `read_parquet` over a dataset in a folder lake, hive partition values kept as text. */
export function lakeTable(lake: string, dataset: string): string {
  const glob = path.join(lake, 'lake', dataset, '**', '*.parquet').replaceAll("'", "''");
  const keys = PARTITION_KEYS[dataset as DatasetName];
  if (keys.length === 0) return `read_parquet('${glob}', hive_partitioning = false)`;
  return `read_parquet('${glob}', hive_partitioning = true, hive_types = {${keys.map((k) => `'${k}': VARCHAR`).join(', ')}})`;
}

/** Rows of a query as plain objects, JSON-friendly (bigints as strings). */
export async function rows(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

/** Lines of the quarantine object of an ingest, parsed. */
export async function quarantineOf(lake: string, result: IngestResult): Promise<{ source: string; row: number; raw: Record<string, string | null>; errors: { column: string; code: string; message: string }[] }[]> {
  if (!result.quarantineKey) return [];
  const text = await readFile(path.join(lake, result.quarantineKey), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** Valid cells for one row of each dataset in Klaten (33.10), for hand-written test files. */
export const VALID = {
  activity_log: {
    header: 'activity_id,facilitator_id,activity_date,kabupaten_code,kecamatan_code,desa_code,activity_type,kpm_reached,submitted_at,description',
    row: (i: number, over: Partial<Record<string, string>> = {}) => {
      const v = {
        activity_id: `ACT-${i}`,
        facilitator_id: `PD-3310-${String(i % 7).padStart(4, '0')}`,
        activity_date: '2026-02-10',
        kabupaten_code: '33.10',
        kecamatan_code: '33.10.01',
        desa_code: '33.10.01.2001',
        activity_type: 'kunjungan_rumah',
        kpm_reached: String(i % 9),
        submitted_at: '2026-02-10 16:30',
        description: `kunjungan ${i}`,
        ...over,
      };
      return [v.activity_id, v.facilitator_id, v.activity_date, v.kabupaten_code, v.kecamatan_code, v.desa_code, v.activity_type, v.kpm_reached, v.submitted_at, v.description]
        .map(csvCell)
        .join(',');
    },
  },
  disbursement: {
    header:
      'disbursement_id,kpm_id,program,period,tahap,kabupaten_code,kecamatan_code,desa_code,channel,amount_allocated,amount_disbursed,status,disbursed_at,reconciled,field_verified,card_held_by_third_party,reconciled_by',
    row: (i: number, over: Partial<Record<string, string>> = {}) => {
      const v = {
        disbursement_id: `DSB-${i}`,
        kpm_id: `KPM-3310-${String(i).padStart(6, '0')}`,
        program: 'PKH',
        period: '2026-02',
        tahap: '1',
        kabupaten_code: '33.10',
        kecamatan_code: '33.10.01',
        desa_code: '33.10.01.2001',
        channel: 'BRI',
        amount_allocated: '750.000',
        amount_disbursed: '750000',
        status: 'salur',
        disbursed_at: '2026-02-12',
        reconciled: 'ya',
        field_verified: 'tidak',
        card_held_by_third_party: 'tidak',
        reconciled_by: '',
        ...over,
      };
      return Object.values(v).map(csvCell).join(',');
    },
  },
};

/** A CSV cell, quoted when it needs to be. */
export function csvCell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
