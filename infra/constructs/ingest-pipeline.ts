/**
 * Ingest path: an object created under `incoming/` in the uploads bucket → S3 event notification
 * → SQS queue (dead-letter queue after a few receives) → ingest Lambda, one upload per invocation,
 * failures reported per item.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IDependable } from 'constructs';
import { queueWithDeadLetter } from './queues.js';
import { INCOMING_PREFIX, LAKE_PREFIX, MANIFEST_PREFIX, QUARANTINE_PREFIX } from '../../functions/lib/lake-layout.js';
import { allowKey, allowList, allowObjects, S3_DELETE, S3_READ, S3_WRITE } from './access.js';
import { PkhFunction } from './pkh-function.js';
import type { PantauStorage } from './storage.js';

/**
 * Sized for a 1,000,000-row file: 3,584 MB gives two vCPUs (overlapping parse / validate /
 * encode stages on worker threads) with room above the 512 MB RSS target; measured locally a
 * million rows takes seconds, so five minutes leaves a wide margin for 4M rows or a large XLSX.
 */
export const INGEST_MEMORY_MB = 3584;
export const INGEST_TIMEOUT = Duration.minutes(5);
export const INGEST_RESERVED_CONCURRENCY = 5;
/** AWS guidance: visibility at least six times the function timeout. */
export const INGEST_VISIBILITY_TIMEOUT = Duration.seconds(INGEST_TIMEOUT.toSeconds() * 6);
/** Receives before a message moves to the dead-letter queue. */
export const INGEST_MAX_RECEIVES = 3;

export interface IngestPipelineProps {
  storage: PantauStorage;
}

export class IngestPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: PkhFunction;

  constructor(scope: Construct, id: string, props: IngestPipelineProps) {
    super(scope, id);
    const { storage } = props;

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = queueWithDeadLetter(this, {
      visibilityTimeout: INGEST_VISIBILITY_TIMEOUT,
      maxReceiveCount: INGEST_MAX_RECEIVES,
    }));

    // S3 may send to the queue only for this bucket and account.
    const { policyDependable } = this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': storage.uploadsBucketArn() },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    if (!policyDependable) throw new Error('ingest queue policy was not created');
    this.addNotification(storage.uploads, policyDependable);

    this.function = new PkhFunction(this, 'Ingest', {
      entry: 'functions/ingest/handler.ts',
      service: 'ingest',
      description: 'Pantau PKH: validates one upload and writes it to the lake as partitioned Parquet',
      memorySize: INGEST_MEMORY_MB,
      timeout: INGEST_TIMEOUT,
      reservedConcurrency: INGEST_RESERVED_CONCURRENCY,
      ephemeralStorageMiB: 2048,
      environment: {
        LAKE_BUCKET: storage.lake.bucketName,
        UPLOADS_BUCKET: storage.uploads.bucketName,
      },
    });
    const role = this.function.role;
    allowList(role, storage.uploads);
    allowObjects(role, storage.uploads, S3_READ, [`${INCOMING_PREFIX}/`], 'Ingest reads any upload under incoming/<dataset>/; upload keys are chosen by the uploader, so object ARNs cannot be enumerated.');
    allowList(role, storage.lake);
    allowObjects(
      role,
      storage.lake,
      [...S3_READ, ...S3_WRITE, ...S3_DELETE],
      [`${LAKE_PREFIX}/`, `${MANIFEST_PREFIX}/`, `${QUARANTINE_PREFIX}/`],
      'Ingest writes partition objects, manifests and quarantine files whose keys derive from the upload (dataset, kabupaten, period, content hash), reads manifests back to skip a redelivered upload, and deletes objects of the same upload id that a re-run no longer produces (versioning keeps them).',
    );
    allowKey(role, storage.key, { decrypt: true, encrypt: true });

    this.function.fn.addEventSource(
      new SqsEventSource(this.queue, {
        // One upload per invocation: a slow or poisonous file cannot drag others to the DLQ;
        // per-item failure reporting keeps the handler contract if the batch is ever raised.
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: INGEST_RESERVED_CONCURRENCY,
      }),
    );
  }

  /**
   * The notification goes straight on the bucket resource (no CDK custom-resource Lambda): the
   * queue policy names the bucket by its fixed name, and the bucket waits for that policy.
   */
  private addNotification(uploads: s3.Bucket, queuePolicy: IDependable): void {
    const cfnBucket = uploads.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = {
      queueConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          queue: this.queue.queueArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: `${INCOMING_PREFIX}/` }] } },
        },
      ],
    };
    cfnBucket.node.addDependency(queuePolicy);
  }
}
