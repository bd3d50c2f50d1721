import type { Limits } from '../lib/config.js';
import type { ObjectStore } from '../lib/object-store/index.js';
import type { Dataset } from '../../schemas/index.js';
import type { BufferLimits } from './partition-buffers.js';

/**
 * Rows of one kabupaten (and month) written by an ingest, and how many objects the lake folder
 * holding them got (a folder of an unpartitioned dataset holds every kabupaten: each of its
 * kabupaten names the same objects).
 */
export interface PartitionSummary {
  kabupaten_code: string;
  /** Absent for datasets without a month (roster, kecamatan_profile). */
  period?: string;
  rows: number;
  objects: number;
}

/**
 * The manifest of one ingested source (SYSTEM.md "Lake layout"), written last as
 * `manifests/<dataset>/<id>.json`, and the summary `ingestFile` returns.
 * Always `rows_read = rows_accepted + rows_rejected`.
 */
export interface IngestSummary {
  source: string;
  dataset: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  /** Rejected rows per error code; a row failing two different rules counts under both, once each. */
  rejected_by_code: Record<string, number>;
  /** Header cells (as written in the file) that match no column; each listed once. */
  unknown_columns: string[];
  /** Sorted by kabupaten_code, then period. */
  partitions: PartitionSummary[];
  /** Moment of ingest, ISO 8601 UTC. */
  ingested_at: string;
}

/** What the CLI or the Lambda handler learns about the objects of one ingest (not in the manifest). */
export interface IngestResult extends IngestSummary {
  /** `<id>` of the object keys: derived from the source key and its content. */
  id: string;
  manifestKey: string;
  /** Quarantine object key, or undefined when no row was rejected. */
  quarantineKey?: string;
  /** Correction workbook beside the quarantine (`quarantine/<dataset>/<id>.xlsx`), when rows were rejected. */
  correctionKey?: string;
  /** Every data object written, sorted. */
  objectKeys: string[];
}

/** Where the bytes of an upload come from. */
export interface IngestSource {
  /** Object key or file path; stored as `_source` and named in every message. */
  key: string;
  /** Size in bytes when known (checked against the limit before reading). */
  size?: number;
  /**
   * Stable identity of the content, e.g. S3 `ETag` + `versionId`. When absent the content is
   * hashed (SHA-256) in a first pass, so `open` is then called twice.
   */
  contentId?: string;
  /** Opens the content from the start; may be called more than once. */
  open: () => NodeJS.ReadableStream | AsyncIterable<Uint8Array>;
}

export interface IngestProgress {
  phase: 'hash' | 'ingest';
  /** Bytes read so far in this phase. */
  bytes: number;
  /** Total bytes when known. */
  totalBytes?: number;
  /** Data rows read so far (ingest phase). */
  rows: number;
}

/** Tuning knobs; defaults suit a laptop and a Lambda. Object layout depends on them, so keep them fixed. */
export interface IngestTuning {
  /**
   * Worker threads for large CSV files; 0 = everything on the calling thread. Default 0.
   * The number of workers never changes which objects are written, only how fast.
   */
  workers?: number;
  /** Smallest CSV (bytes) worth splitting across workers; default 8 MiB. */
  parallelMinBytes?: number;
  /** Parquet compression; default Snappy (see `INGEST_COMPRESSION`). */
  compression?: 'zstd' | 'snappy';
  /** Partition buffer limits (see `DEFAULT_BUFFER_LIMITS`); the object layout depends on them. */
  bufferLimits?: BufferLimits;
  /** Bytes per CSV chunk handed to a worker (default `PARALLEL_CHUNK_BYTES`); the layout depends on it. */
  parallelChunkBytes?: number;
}

export interface IngestOptions {
  dataset: Dataset;
  source: IngestSource;
  store: ObjectStore;
  /** Moment of ingest (epoch ms), for `_ingested_at` and future-date rules; default now. */
  now?: number;
  limits: Limits;
  onProgress?: (p: IngestProgress) => void;
  tuning?: IngestTuning;
  /** Language of the correction workbook's explanations; default Indonesian. */
  lang?: 'id' | 'en';
}
