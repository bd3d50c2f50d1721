/**
 * Ingest Lambda: SQS messages carrying S3 notifications of uploads under `incoming/<dataset>/`.
 * Each message is processed by `processIngestRecord`; a message that throws is reported in
 * `batchItemFailures`, so only it is redelivered (and after maxReceiveCount it goes to the DLQ).
 * Env: LAKE_BUCKET; optional MAX_FILE_BYTES, MAX_ROWS, INGEST_WORKERS (default 1).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DEFAULT_CONFIG, type Limits } from '../lib/config.js';
import { S3Store } from '../lib/object-store/s3-store.js';
import { processIngestRecord, type IngestRecordDeps, type MetricSink } from './process-record.js';

const logger = new Logger();
const metrics = new Metrics();
const processor = new BatchProcessor(EventType.SQS);

let deps: IngestRecordDeps | undefined;

/** Limits from env, each falling back to the default config. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Limits {
  const num = (name: string, fallback: number) => (env[name] && Number(env[name]) > 0 ? Number(env[name]) : fallback);
  return {
    ...DEFAULT_CONFIG.limits,
    max_file_bytes: num('MAX_FILE_BYTES', DEFAULT_CONFIG.limits.max_file_bytes),
    max_rows: num('MAX_ROWS', DEFAULT_CONFIG.limits.max_rows),
  };
}

const metricSink: MetricSink = {
  publish(dimensions, counts) {
    for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
    for (const [name, value] of Object.entries(counts)) metrics.addMetric(name, MetricUnit.Count, value);
    metrics.publishStoredMetrics();
  },
};

/** Built on first use, so that loading the module needs no environment. */
function dependencies(): IngestRecordDeps {
  if (deps) return deps;
  const lakeBucket = process.env.LAKE_BUCKET;
  if (!lakeBucket) throw new Error('LAKE_BUCKET is not set');
  const uploads = new Map<string, S3Store>();
  const built: IngestRecordDeps = {
    uploads: (bucket) => uploads.get(bucket) ?? uploads.set(bucket, new S3Store({ bucket })).get(bucket)!,
    lake: new S3Store({ bucket: lakeBucket }),
    now: Date.now,
    logger,
    metrics: metricSink,
    limits: limitsFromEnv(process.env),
    tuning: { workers: Number(process.env.INGEST_WORKERS ?? 1) },
  };
  deps = built;
  return built;
}

const recordHandler = async (record: SQSRecord): Promise<void> => {
  logger.appendKeys({ message_id: record.messageId });
  try {
    await processIngestRecord(record, dependencies());
  } finally {
    logger.removeKeys(['message_id']);
  }
};

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
};
