/**
 * Compaction: the small Parquet objects of a lake partition merged into one, so Athena reads a
 * few large objects instead of many small ones (SYSTEM.md "Lake layout").
 *
 * Safe to re-run and safe to read during:
 * - The merged object is written first, the inputs deleted after. Its key is derived from the
 *   sorted input keys (`compact-<sha256>.parquet`), so a run killed before the deletion and run
 *   again either merges the same inputs into the same key (the new merged object is younger than
 *   `minAgeMs`, so it is not an input) or, when it is old enough to be an input, merges it with
 *   its own inputs — rows identical in every column are kept once, so nothing is duplicated.
 * - Between the write and the deletion a reader sees every row twice. Every report query reads
 *   the latest row per natural key (or a MIN over them), so the answers are the same.
 * - Objects younger than `minAgeMs` (default 2 h) are left alone: an ingest that is still
 *   running, or being retried from SQS, may yet rewrite or remove its own objects.
 * - Dead ingests (journal older than STALE_ATTEMPT_MS, see ingest/commit.ts) are removed first,
 *   and objects of an ingest whose journal is open and that has no manifest are never inputs.
 * Manifests are not changed: they record what each ingest wrote (rows per partition, object
 * counts); after compaction the rows live in `compact-*.parquet` objects, still traceable to
 * their upload through the `_source` and `_row` columns.
 */
import { createHash } from 'node:crypto';
import { getDataset } from '../../schemas/index.js';
import { abandonUnfinished, uncommittedIdsIn } from '../ingest/commit.js';
import {
  DATASET_NAMES,
  datasetPrefix,
  ingestIdOfObject,
  PARTITION_KEYS,
  partitionedByKabupaten,
  partitionPrefix,
  partitionValuesOfKey,
  type DatasetName,
  type PartitionValues,
} from '../lib/lake-layout.js';
import type { ObjectInfo, ObjectStore } from '../lib/object-store/types.js';
import { mergeParquet } from './merge.js';

export interface CompactOptions {
  /** Objects at least this large are left as they are. Default 64 MiB. */
  smallObjectBytes?: number;
  /** At most this many input bytes go into one merge; the rest wait for the next run. Default 512 MiB. */
  maxMergeBytes?: number;
  /** Objects modified less than this long ago are left alone. Default 2 hours. */
  minAgeMs?: number;
  /** Epoch ms; default now. */
  now?: number;
}

export interface CompactLakeOptions extends CompactOptions {
  /** Stop starting new partitions once this many input objects were merged. Default unlimited. */
  maxObjectsPerRun?: number;
  /** Checked before each partition; true stops the walk (e.g. the Lambda is near its timeout). */
  shouldStop?: () => boolean;
  /** Datasets to walk; default all. */
  datasets?: readonly DatasetName[];
}

export interface PartitionCompaction {
  dataset: DatasetName;
  prefix: string;
  /** Keys merged and then deleted. */
  inputs: string[];
  output: string;
  rowsIn: number;
  rowsOut: number;
}

export interface CompactLakeResult {
  partitions: PartitionCompaction[];
  objectsMerged: number;
  /** True when the walk stopped early (object budget or shouldStop). */
  stoppedEarly: boolean;
}

const MIB = 1024 * 1024;
export const COMPACT_PREFIX = 'compact-';

/** Key of the merged object of some inputs: deterministic, in the folder `prefix`, named `<name><sha256>`. */
export function compactedKey(prefix: string, inputs: readonly string[], name = COMPACT_PREFIX): string {
  const digest = createHash('sha256').update([...inputs].sort().join('\n')).digest('hex').slice(0, 16);
  return `${prefix}${name}${digest}.parquet`;
}

/** The objects of one partition folder worth merging: small, settled, Parquet, directly in it. */
function candidates(prefix: string, objects: readonly ObjectInfo[], opts: CompactOptions): ObjectInfo[] {
  const small = opts.smallObjectBytes ?? 64 * MIB;
  const maxBytes = opts.maxMergeBytes ?? 512 * MIB;
  const settledBefore = (opts.now ?? Date.now()) - (opts.minAgeMs ?? 2 * 3600_000);
  const picked: ObjectInfo[] = [];
  let bytes = 0;
  for (const o of [...objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const name = o.key.slice(prefix.length);
    if (!o.key.startsWith(prefix) || name.includes('/') || !name.endsWith('.parquet')) continue;
    if (o.size >= small || (o.lastModified && o.lastModified.getTime() > settledBefore)) continue;
    if (picked.length >= 2 && bytes + o.size > maxBytes) break;
    picked.push(o);
    bytes += o.size;
  }
  return picked;
}

async function compactObjects(
  store: ObjectStore,
  dataset: DatasetName,
  prefix: string,
  objects: readonly ObjectInfo[],
  opts: CompactOptions,
): Promise<PartitionCompaction | undefined> {
  const inputs = candidates(prefix, objects, opts).map((o) => o.key);
  if (inputs.length < 2) return undefined;
  return mergeObjects(store, dataset, prefix, inputs);
}

/**
 * Merges `inputs` into one object in the folder `prefix` (key: {@link compactedKey}), written
 * before the inputs are deleted; `fills` gives per input the values of columns its file lacks
 * (what a folder name held in the legacy layout, see migrate-layout.ts).
 */
export async function mergeObjects(
  store: ObjectStore,
  dataset: DatasetName,
  prefix: string,
  inputs: readonly string[],
  name = COMPACT_PREFIX,
  fills?: readonly Record<string, string>[],
): Promise<PartitionCompaction> {
  const files = await Promise.all(inputs.map((k) => store.get(k)));
  // One folder holding every kabupaten (roster, profiles, a month's reports): rows by kabupaten.
  const sortBy = partitionedByKabupaten(dataset) ? undefined : 'kabupaten_code';
  const { bytes, rowsIn, rowsOut } = mergeParquet(getDataset(dataset).storageColumns, files, { sortBy, fills });
  const output = compactedKey(prefix, inputs, name);
  await store.put(output, bytes, { contentType: 'application/vnd.apache.parquet' });
  await store.delete(inputs.filter((k) => k !== output));
  return { dataset, prefix, inputs: [...inputs], output, rowsIn, rowsOut };
}

/**
 * Merges the small objects of one partition into one object when there are two or more;
 * returns what was done, or undefined when there was nothing to merge.
 *
 * @example await compactPartition(new FolderStore('.pkh'), 'activity_log', { kabupaten_code: '64.02', period: '2026-10' }, { minAgeMs: 0 })
 */
export async function compactPartition(
  store: ObjectStore,
  dataset: DatasetName,
  partition: PartitionValues,
  opts: CompactOptions = {},
): Promise<PartitionCompaction | undefined> {
  const prefix = partitionPrefix(dataset, partition);
  return compactObjects(store, dataset, prefix, await store.list(prefix), opts);
}

/** Partition folder of a data object key, or undefined for keys outside the layout (an old layout's are the migration's). */
function partitionOf(dataset: DatasetName, key: string): string | undefined {
  const found = partitionValuesOfKey(dataset, key);
  if (!found || !key.endsWith('.parquet') || found.keys.join('/') !== PARTITION_KEYS[dataset].join('/')) return undefined;
  return partitionPrefix(dataset, found.values);
}

/**
 * Walks every partition of the lake (one listing per dataset) and compacts each that has two or
 * more small settled objects, in key order, until the object budget is spent or `shouldStop`.
 *
 * @example const { objectsMerged } = await compactLake(store, { maxObjectsPerRun: 5000 });
 */
export async function compactLake(store: ObjectStore, opts: CompactLakeOptions = {}): Promise<CompactLakeResult> {
  const now = opts.now ?? Date.now();
  const result: CompactLakeResult = { partitions: [], objectsMerged: 0, stoppedEarly: false };
  for (const dataset of opts.datasets ?? DATASET_NAMES) {
    // Dead ingests are removed first; objects of an ingest not yet committed are never merged
    // (a merge would make them permanent).
    await abandonUnfinished(store, dataset, { now });
    const uncommitted = await uncommittedIdsIn(store, dataset);
    const byPartition = new Map<string, ObjectInfo[]>();
    for (const o of await store.list(datasetPrefix(dataset))) {
      const p = partitionOf(dataset, o.key);
      const id = ingestIdOfObject(o.key);
      if (!p || (id !== undefined && uncommitted.has(id))) continue;
      const list = byPartition.get(p);
      if (list) list.push(o);
      else byPartition.set(p, [o]);
    }
    for (const [prefix, objects] of [...byPartition].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (opts.shouldStop?.() || (opts.maxObjectsPerRun !== undefined && result.objectsMerged >= opts.maxObjectsPerRun)) {
        result.stoppedEarly = true;
        return result;
      }
      const done = await compactObjects(store, dataset, prefix, objects, { ...opts, now });
      if (done) {
        result.partitions.push(done);
        result.objectsMerged += done.inputs.length;
      }
    }
  }
  return result;
}
