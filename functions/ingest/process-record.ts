/**
 * One SQS message of the ingest queue → the uploads it announces ingested into the lake.
 * Pure of AWS: the stores, clock, logger and metrics come in as dependencies, so the rules below
 * are tested with a folder store and plain spies.
 *
 * What happens to each announced object:
 * - ingested: manifest written by `ingestFile`; rows accepted/rejected counted.
 * - rejected (permanent): the file cannot be read at all (a `UserError`: empty, missing column,
 *   over a limit, zip bomb, ...) or is gone from the bucket. Retrying cannot help, so the message
 *   is NOT failed: the error is written to `manifests/<dataset>/<id>.error.json` (next to where its
 *   manifest would be, so one listing shows every upload's outcome) and counted as FilesRejected.
 * - skipped: the key is outside `incoming/<dataset>/` or names no known dataset — a person's
 *   misplaced upload. Logged as a warning and counted as FilesSkipped; nothing is written.
 * Anything else (S3 5xx after retries, throttling, timeouts, bugs) is thrown, so this message
 * alone fails, SQS redelivers it and after maxReceiveCount it lands in the dead-letter queue.
 *
 * Logs carry keys, ids, codes and counts only — never cell values, and never a UserError's
 * message, since a file without a header row would put its first data row into it.
 */
import type { SQSRecord } from 'aws-lambda';
import { getDataset, maskNik } from '../../schemas/index.js';
import type { Limits } from '../lib/config.js';
import { isUserError } from '../lib/errors.js';
import { datasetOfIncomingKey, INCOMING_PREFIX, MANIFEST_PREFIX, type DatasetName } from '../lib/lake-layout.js';
import { isNotFoundError, type ObjectStore } from '../lib/object-store/index.js';
import { objectsOfSqsRecord, type S3ObjectRef } from '../lib/s3-events.js';
import { ingestId } from './identity.js';
import { ingestFile } from './ingest.js';
import type { IngestTuning } from './types.js';

/** The logging the core needs; Powertools' Logger fits it. Attributes hold ids and counts only. */
export interface LogSink {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export type IngestMetricName = 'RowsAccepted' | 'RowsRejected' | 'FilesIngested' | 'FilesRejected' | 'FilesSkipped';

/** Counts published together under the same dimensions (one EMF document per file). */
export interface MetricSink {
  publish(dimensions: Record<string, string>, counts: Partial<Record<IngestMetricName, number>>): void;
}

export interface IngestRecordDeps {
  /** The store of an uploads bucket, by bucket name (the event names the bucket). */
  uploads: (bucket: string) => ObjectStore;
  /** The lake: partitions, quarantine, manifests and error records. */
  lake: ObjectStore;
  /** Epoch ms. */
  now: () => number;
  logger: LogSink;
  metrics: MetricSink;
  limits: Limits;
  tuning?: IngestTuning;
}

export type FileOutcome =
  | { status: 'ingested'; key: string; dataset: DatasetName; id: string; rowsAccepted: number; rowsRejected: number }
  | { status: 'rejected'; key: string; dataset: DatasetName; id: string; code: string; errorKey: string }
  | { status: 'skipped'; key: string; reason: 'outside_incoming' | 'unknown_dataset' };

/** What `manifests/<dataset>/<id>.error.json` holds for an upload that could not be read at all. */
export interface IngestErrorRecord {
  source: string;
  bucket: string;
  dataset: DatasetName;
  e_tag?: string;
  version_id?: string;
  size?: number;
  error: { code: string; message: string };
  rejected_at: string;
}

/** Key of the error record of an upload: `manifests/<dataset>/<id>.error.json`. */
export function errorRecordKey(dataset: DatasetName, id: string): string {
  return `${MANIFEST_PREFIX}/${dataset}/${id}.error.json`;
}

/** Content identity of an S3 object: ETag plus version, or undefined to let ingest hash it. */
export function contentIdOf(ref: S3ObjectRef): string | undefined {
  if (!ref.eTag) return undefined;
  return `${ref.eTag.replace(/"/g, '')}|${ref.versionId ?? ''}`;
}

/**
 * Ingests every upload one SQS message announces, in order. Resolves with one outcome per
 * object (none for an `s3:TestEvent`); throws for a message that is not an S3 notification and
 * for transient failures, so that this message alone is retried.
 *
 * @example
 * const outcomes = await processIngestRecord(sqsRecord, { uploads: (b) => new S3Store({ bucket: b }), lake, now: Date.now, logger, metrics, limits });
 */
export async function processIngestRecord(record: Pick<SQSRecord, 'body' | 'messageId'>, deps: IngestRecordDeps): Promise<FileOutcome[]> {
  let refs: S3ObjectRef[];
  try {
    refs = objectsOfSqsRecord(record);
  } catch (err) {
    // Not an S3 notification: fail this message alone (it ends in the DLQ); its body is not logged.
    deps.logger.error('message is not an S3 event notification', { message_id: record.messageId, error: (err as Error).message });
    throw err;
  }
  const outcomes: FileOutcome[] = [];
  for (const ref of refs) outcomes.push(await processObject(ref, deps));
  return outcomes;
}

async function processObject(ref: S3ObjectRef, deps: IngestRecordDeps): Promise<FileOutcome> {
  const { logger, metrics } = deps;
  // Logs and error records name the upload with any NIK in its key masked; reading uses the real key.
  const sourceKey = maskNik(ref.key);
  const dataset = datasetOfIncomingKey(ref.key);
  if (!dataset) {
    const reason = ref.key.startsWith(`${INCOMING_PREFIX}/`) ? 'unknown_dataset' : 'outside_incoming';
    logger.warn('upload skipped: its key names no dataset folder incoming/<dataset>/', { source_key: sourceKey, bucket: ref.bucket, reason });
    metrics.publish({}, { FilesSkipped: 1 });
    return { status: 'skipped', key: ref.key, reason };
  }

  const contentId = contentIdOf(ref);
  const store = deps.uploads(ref.bucket);
  const now = deps.now();
  try {
    const result = await ingestFile({
      dataset: getDataset(dataset),
      source: { key: ref.key, size: ref.size, contentId, open: () => streamOf(store, ref.key) },
      store: deps.lake,
      now,
      limits: deps.limits,
      tuning: deps.tuning,
    });
    logger.info('upload ingested', {
      source_key: sourceKey,
      dataset,
      id: result.id,
      rows_read: result.rows_read,
      rows_accepted: result.rows_accepted,
      rows_rejected: result.rows_rejected,
      rejected_by_code: result.rejected_by_code,
      unknown_column_count: result.unknown_columns.length,
      partitions: result.partitions.length,
      objects: result.objectKeys.length,
      manifest_key: result.manifestKey,
    });
    metrics.publish({ dataset }, { FilesIngested: 1, RowsAccepted: result.rows_accepted, RowsRejected: result.rows_rejected });
    return { status: 'ingested', key: ref.key, dataset, id: result.id, rowsAccepted: result.rows_accepted, rowsRejected: result.rows_rejected };
  } catch (err) {
    const code = permanentCode(err);
    if (code === undefined) {
      // Names only: a message could quote a cell value (e.g. a Parquet encoding error).
      const e = err as Error & { cause?: { name?: string } };
      logger.error('upload failed; the message will be retried', { source_key: sourceKey, dataset, error_name: e?.name ?? 'Error', cause_name: e?.cause?.name });
      throw err;
    }
    // The id the manifest would have had; without an ETag (never seen from S3) the key alone.
    const id = ingestId(sourceKey, contentId ?? `key-only|${ref.versionId ?? ''}`);
    const errorKey = errorRecordKey(dataset, id);
    const record: IngestErrorRecord = {
      source: sourceKey,
      bucket: ref.bucket,
      dataset,
      e_tag: ref.eTag,
      version_id: ref.versionId,
      size: ref.size,
      // The message may quote a header cell, i.e. a data row of a file without a header: mask NIKs.
      error: { code, message: maskNik((err as Error).message) },
      rejected_at: new Date(now).toISOString(),
    };
    await deps.lake.put(errorKey, `${JSON.stringify(record, null, 2)}\n`, { contentType: 'application/json' });
    logger.warn('upload rejected: the file cannot be read; see its error record', { source_key: sourceKey, dataset, id, error_code: code, error_key: errorKey });
    metrics.publish({ dataset }, { FilesRejected: 1 });
    return { status: 'rejected', key: ref.key, dataset, id, code, errorKey };
  }
}

/** The error code of a failure retrying cannot fix, or undefined for a transient one. */
function permanentCode(err: unknown): string | undefined {
  if (isUserError(err)) return err.code;
  if (isNotFoundError(err)) return 'source_missing';
  return undefined;
}

/** The object's bytes; the GetObject happens when ingest starts reading. */
async function* streamOf(store: ObjectStore, key: string): AsyncGenerator<Uint8Array> {
  const stream = await store.getStream(key);
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}
