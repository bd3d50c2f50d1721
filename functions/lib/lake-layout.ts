/**
 * Object keys of the lake, in one place (SYSTEM.md "Lake layout", REPORTS.md "Outputs").
 * The same keys are used in the local folder and in S3, so the Glue tables and the DuckDB views
 * read one layout.
 */

export const DATASET_NAMES = ['roster', 'monthly_report', 'activity_log', 'disbursement', 'kecamatan_profile'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Datasets partitioned by month as well as by kabupaten. */
export const PERIOD_PARTITIONED: ReadonlySet<DatasetName> = new Set(['monthly_report', 'activity_log', 'disbursement']);

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

/** Folder of one partition: `lake/<dataset>/kabupaten_code=<K>/[period=<P>/]`. */
export function partitionPrefix(dataset: DatasetName, kabupatenCode: string, period?: string): string {
  const base = `${datasetPrefix(dataset)}kabupaten_code=${kabupatenCode}/`;
  if (PERIOD_PARTITIONED.has(dataset)) {
    if (!period) throw new Error(`dataset ${dataset} needs a period partition`);
    return `${base}period=${period}/`;
  }
  return base;
}

/** `lake/<dataset>/kabupaten_code=…/[period=…/]<id>.parquet` */
export function dataObjectKey(dataset: DatasetName, id: string, kabupatenCode: string, period?: string): string {
  return `${partitionPrefix(dataset, kabupatenCode, period)}${id}.parquet`;
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
