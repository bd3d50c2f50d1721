/**
 * Running the real ingest into a FolderStore on a temp dir, and reading what it left behind:
 * the lake through DuckDB (hive partitions as text), the quarantine and the manifest as files.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDuck as sharedOpenDuck, type Duck } from '../../support/duck.js';
import { ingestFile } from '../../../functions/ingest/ingest.js';
import type { IngestResult } from '../../../functions/ingest/types.js';
import { DEFAULT_CONFIG } from '../../../functions/lib/config.js';
import { FolderStore } from '../../../functions/lib/object-store/index.js';
import { getDataset, type DatasetName, type RowError } from '../../../schemas/index.js';
import { NOW } from './world.js';

export type StoredValue = string | number | boolean | null;
export type StoredRow = Record<string, StoredValue>;

export type { Duck } from '../../support/duck.js';

/** An in-memory DuckDB for one test file, one thread. */
export const openDuck = () => sharedOpenDuck({ threads: 1 });

function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function plain(v: unknown, where: string): StoredValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`${where}: ${v} is not a safe integer`);
    return Number(v);
  }
  throw new Error(`${where}: unexpected value ${String(v)} (${typeof v})`);
}

/**
 * Every stored row of a dataset under `root/lake/<dataset>/`, partition keys included (as DuckDB
 * sees them with `hive_types` VARCHAR), dates as 'YYYY-MM-DD', timestamps as epoch ms.
 */
export async function readLake(duck: Duck, root: string, name: DatasetName): Promise<StoredRow[]> {
  const d = getDataset(name);
  const dir = join(root, 'lake', name);
  if (!existsSync(dir)) return [];
  const select = [
    ...d.storageColumns.map((c) =>
      c.type === 'date' ? `strftime(${c.name}, '%Y-%m-%d') AS ${c.name}` : c.type === 'timestamp' ? `epoch_ms(${c.name}) AS ${c.name}` : c.name,
    ),
    ...d.partitionKeys,
  ];
  const types = d.partitionKeys.map((k) => `'${k}': VARCHAR`).join(', ');
  const glob = join(dir, d.partitionKeys.map(() => '*').join('/'), '*.parquet');
  const hive = types === '' ? 'hive_partitioning = false' : `hive_partitioning = true, hive_types = {${types}}`;
  const sql = `SELECT ${select.join(', ')} FROM read_parquet(${lit(glob)}, ${hive}) ORDER BY _row`;
  const rows = await duck.rows(sql);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v, `${name}.${k}`)])));
}

/** Every string the lake holds for a dataset, any column, as DuckDB reads it. */
export async function lakeStrings(duck: Duck, root: string, name: DatasetName): Promise<{ column: string; value: string }[]> {
  const rows = await readLake(duck, root, name);
  const out: { column: string; value: string }[] = [];
  for (const r of rows) for (const [column, v] of Object.entries(r)) if (typeof v === 'string') out.push({ column, value: v });
  return out;
}

export interface QuarantineLine {
  source: string;
  row: number;
  raw: Record<string, string | null>;
  errors: RowError[];
}

export async function readQuarantine(root: string, result: IngestResult): Promise<{ text: string; lines: QuarantineLine[] }> {
  if (!result.quarantineKey) return { text: '', lines: [] };
  const text = await readFile(join(root, ...result.quarantineKey.split('/')), 'utf8');
  return { text, lines: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as QuarantineLine) };
}

/** A fresh temp folder with a FolderStore; `dispose` removes it. */
export async function tempLake(): Promise<{ root: string; store: FolderStore; dispose: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'pkh-property-'));
  return { root, store: new FolderStore(root), dispose: () => rm(root, { recursive: true, force: true }) };
}

/** The bytes cut into pieces of the given sizes (cycled), as a stream delivers them. */
function pieces(bytes: Uint8Array, sizes: readonly number[]): Buffer[] {
  const buf = Buffer.from(bytes);
  if (sizes.length === 0) return [buf];
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < buf.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    out.push(buf.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** Ingests one in-memory upload with the default limits at {@link NOW}, delivered in chunks of `chunkSizes`. */
export function ingestBytes(store: FolderStore, name: DatasetName, key: string, bytes: Uint8Array, chunkSizes: readonly number[] = [], now = NOW): Promise<IngestResult> {
  return ingestFile({
    dataset: getDataset(name),
    source: { key, size: bytes.length, open: () => Readable.from(pieces(bytes, chunkSizes)) },
    store,
    now,
    limits: DEFAULT_CONFIG.limits,
  });
}
