/**
 * The one-time move of a lake from the legacy layout (every dataset in `kabupaten_code=K/`
 * folders) to lake-layout's `PARTITION_KEYS`: the objects of each re-partitioned dataset (the
 * roster, the monthly reports, the kecamatan profiles) under `kabupaten_code=K/` are merged, per
 * new folder, into one `migrated-<sha256>.parquet` with kabupaten_code (once the folder name)
 * written as a column and rows ordered by it; then the old objects are deleted.
 *
 * Readers of the new layout never look into `kabupaten_code=` folders of these datasets, so a
 * lake left half in the old layout would be read half: the CLI runs this before any command
 * that reads or writes the lake, the compaction Lambda before it compacts.
 *
 * Safe like compaction (compact.ts): the merged object is written before any input is deleted,
 * and its key derives from the sorted input keys. A run killed in between leaves rows twice,
 * which every report reads once (the latest row per natural key); the next run merges what is
 * left again (rows identical in every column are kept once). Objects of an ingest not yet
 * committed are left alone, as compaction leaves them.
 */
import { uncommittedIdsIn } from '../ingest/commit.js';
import {
  datasetPrefix,
  ingestIdOfObject,
  LEGACY_PARTITION_KEYS,
  PARTITION_KEYS,
  partitionPrefix,
  partitionValuesOfKey,
  REPARTITIONED,
  type DatasetName,
  type PartitionValues,
} from '../lib/lake-layout.js';
import type { ObjectStore } from '../lib/object-store/types.js';
import { mergeObjects, type PartitionCompaction } from './compact.js';

export const MIGRATED_PREFIX = 'migrated-';

/** One new folder written from old-layout objects (then deleted), as a compaction reports it. */
export type LayoutMigration = PartitionCompaction;

/** The first folder name of the legacy layout of a dataset: `lake/<dataset>/kabupaten_code=`. */
function legacyPrefix(dataset: DatasetName): string {
  return `${datasetPrefix(dataset)}${LEGACY_PARTITION_KEYS[dataset][0]}=`;
}

/** True when some re-partitioned dataset still has objects in the legacy layout. */
export async function hasLegacyLayout(store: ObjectStore): Promise<boolean> {
  for (const dataset of REPARTITIONED) {
    if ((await store.list(legacyPrefix(dataset))).some((o) => o.key.endsWith('.parquet'))) return true;
  }
  return false;
}

/**
 * Moves every committed legacy-layout object of the re-partitioned datasets into the new layout;
 * returns what was done (nothing on a lake already in the new layout). `shouldStop`, asked
 * before each folder, ends the run early (a Lambda near its timeout); the next run moves the rest.
 *
 * @example const done = await migrateLayout(new FolderStore('.pkh'));
 */
export async function migrateLayout(store: ObjectStore, opts: { shouldStop?: () => boolean } = {}): Promise<LayoutMigration[]> {
  const done: LayoutMigration[] = [];
  for (const dataset of REPARTITIONED) {
    const legacy = await store.list(legacyPrefix(dataset));
    if (legacy.length === 0) continue;
    const uncommitted = await uncommittedIdsIn(store, dataset);
    const folders = new Map<string, { keys: string[]; fills: Record<string, string>[] }>();
    for (const o of legacy) {
      const found = partitionValuesOfKey(dataset, o.key);
      if (!found || !o.key.endsWith('.parquet') || found.keys.join('/') !== LEGACY_PARTITION_KEYS[dataset].join('/')) continue;
      const id = ingestIdOfObject(o.key);
      if (id !== undefined && uncommitted.has(id)) continue;
      const prefix = partitionPrefix(dataset, found.values);
      // Values of the folders that are columns now.
      const fill: Record<string, string> = {};
      for (const k of found.keys) if (!PARTITION_KEYS[dataset].includes(k)) fill[k] = found.values[k as keyof PartitionValues]!;
      let folder = folders.get(prefix);
      if (!folder) folders.set(prefix, (folder = { keys: [], fills: [] }));
      folder.keys.push(o.key);
      folder.fills.push(fill);
    }
    for (const [prefix, { keys, fills }] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // A Lambda about to time out stops between folders; the next run moves the rest.
      if (opts.shouldStop?.()) return done;
      // The re-partitioned datasets hold every kabupaten in a folder: mergeObjects orders their rows by it.
      done.push(await mergeObjects(store, dataset, prefix, keys, MIGRATED_PREFIX, fills));
    }
  }
  return done;
}
