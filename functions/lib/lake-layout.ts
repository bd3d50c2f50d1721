/**
 * Object keys of the lake, in one place (SYSTEM.md "Lake layout", REPORTS.md "Outputs").
 * The same keys are used in the local folder and in S3, so the Glue tables and the DuckDB views
 * read one layout.
 */

export const DATASET_NAMES = ['roster', 'monthly_report', 'activity_log', 'disbursement', 'kecamatan_profile'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export type PartitionKey = 'kabupaten_code' | 'period';

/** Values of a row's partition keys; a key the dataset is not partitioned by is ignored. */
export interface PartitionValues {
  kabupaten_code?: string;
  period?: string;
}

/**
 * The partition keys of each dataset, in folder order: the one home of the lake layout. Sized to
 * the data (issue 11): the roster (~37k rows nationally) and the kecamatan profiles are a few MB,
 * read whole by every report, so they are unpartitioned; the monthly reports (~36k a month) are
 * read per month for the whole country, so by period only; activities and disbursements (millions
 * of rows a month) by kabupaten and period. A key that is not a folder is a column in the file.
 */
export const PARTITION_KEYS: Readonly<Record<DatasetName, readonly PartitionKey[]>> = {
  roster: [],
  monthly_report: ['period'],
  activity_log: ['kabupaten_code', 'period'],
  disbursement: ['kabupaten_code', 'period'],
  kecamatan_profile: [],
};

/** The layout before issue 11: every dataset by kabupaten, and by month where it has a period. */
export const LEGACY_PARTITION_KEYS: Readonly<Record<DatasetName, readonly PartitionKey[]>> = {
  roster: ['kabupaten_code'],
  monthly_report: ['kabupaten_code', 'period'],
  activity_log: ['kabupaten_code', 'period'],
  disbursement: ['kabupaten_code', 'period'],
  kecamatan_profile: ['kabupaten_code'],
};

/** Datasets whose layout changed since the legacy one (their old objects need migrating). */
export const REPARTITIONED: readonly DatasetName[] = DATASET_NAMES.filter((d) => PARTITION_KEYS[d].join('/') !== LEGACY_PARTITION_KEYS[d].join('/'));

/** Datasets partitioned by month (their declaration says how a row's month is found). */
export const PERIOD_PARTITIONED: ReadonlySet<DatasetName> = new Set(DATASET_NAMES.filter((d) => PARTITION_KEYS[d].includes('period')));

/** True when the dataset's folders are per kabupaten (a kabupaten predicate prunes folders). */
export function partitionedByKabupaten(dataset: DatasetName): boolean {
  return PARTITION_KEYS[dataset].includes('kabupaten_code');
}

export const LAKE_PREFIX = 'lake';
export const MANIFEST_PREFIX = 'manifests';
export const QUARANTINE_PREFIX = 'quarantine';
export const INCOMING_PREFIX = 'incoming';
/** Ingests under way: one journal object per attempt, deleted once its manifest is written. */
export const JOURNAL_PREFIX = 'journal';
/** Objects of an ingest under way, before they are published into `lake/` and `quarantine/`. */
export const STAGING_PREFIX = 'staging';

export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/** Folder of one dataset in the lake: `lake/<dataset>/`. */
export function datasetPrefix(dataset: DatasetName): string {
  return `${LAKE_PREFIX}/${dataset}/`;
}

/**
 * Folder of one partition: `lake/<dataset>/[kabupaten_code=<K>/][period=<P>/]`, the keys of
 * `PARTITION_KEYS` in order; values of other keys are ignored (they are columns in the file).
 */
export function partitionPrefix(dataset: DatasetName, values: PartitionValues): string {
  let prefix = datasetPrefix(dataset);
  for (const key of PARTITION_KEYS[dataset]) {
    const value = values[key];
    if (!value) throw new Error(`dataset ${dataset} needs a ${key} partition`);
    prefix += `${key}=${value}/`;
  }
  return prefix;
}

/** `lake/<dataset>/[kabupaten_code=…/][period=…/]<id>.parquet` */
export function dataObjectKey(dataset: DatasetName, id: string, values: PartitionValues): string {
  return `${partitionPrefix(dataset, values)}${id}.parquet`;
}

/** The partition values of a data object key (the `key=value` folders after the dataset's), or undefined outside the lake. */
export function partitionValuesOfKey(dataset: DatasetName, key: string): { values: PartitionValues; keys: PartitionKey[] } | undefined {
  const base = datasetPrefix(dataset);
  if (!key.startsWith(base)) return undefined;
  const parts = key.slice(base.length).split('/');
  const values: PartitionValues = {};
  const keys: PartitionKey[] = [];
  for (const folder of parts.slice(0, -1)) {
    const m = /^(kabupaten_code|period)=([^/]+)$/.exec(folder);
    if (!m) return undefined;
    values[m[1] as PartitionKey] = m[2];
    keys.push(m[1] as PartitionKey);
  }
  return { values, keys };
}

export function manifestKey(dataset: DatasetName, id: string): string {
  return `${MANIFEST_PREFIX}/${dataset}/${id}.json`;
}

export function quarantineKey(dataset: DatasetName, id: string): string {
  return `${QUARANTINE_PREFIX}/${dataset}/${id}.jsonl`;
}

/** `journal/<dataset>/<attempt>.json`, where the attempt is `<id>.<token>`. */
export function journalKey(dataset: DatasetName, attempt: string): string {
  return `${JOURNAL_PREFIX}/${dataset}/${attempt}.json`;
}

/** `staging/<dataset>/<attempt>/`: an attempt's objects under their final keys, before publishing. */
export function stagingPrefix(dataset: DatasetName, attempt: string): string {
  return `${STAGING_PREFIX}/${dataset}/${attempt}/`;
}

/** The ingest id of a data object key (`…/<id>.parquet`, `…/<id>-<n>.parquet`), or undefined (e.g. compacted objects). */
export function ingestIdOfObject(key: string): string | undefined {
  const m = /(?:^|\/)([0-9a-f]{16})(?:-\d+)?\.parquet$/.exec(key);
  return m ? m[1] : undefined;
}

/** The correction workbook of one ingest, beside its quarantine: `quarantine/<dataset>/<id>.xlsx`. */
export function correctionWorkbookKey(dataset: DatasetName, id: string): string {
  return `${QUARANTINE_PREFIX}/${dataset}/${id}.xlsx`;
}

/** Dataset named by an upload key `incoming/<dataset>/…`, or undefined. */
export function datasetOfIncomingKey(key: string): DatasetName | undefined {
  const m = /^incoming\/([a-z_]+)\//.exec(key);
  return m && isDatasetName(m[1]) ? m[1] : undefined;
}
