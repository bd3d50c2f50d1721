/**
 * Storage: one customer-managed KMS key and five buckets (uploads, lake, reports, Athena query
 * results, server access logs). Every bucket is private, TLS-only and encrypted; the buckets that
 * hold data are versioned, and their lifecycle rules only move old versions to cheaper storage —
 * nothing in uploads, the lake or the reports is ever expired by a rule.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/** Days after which Athena query results expire; they are a cache, the reports are the output. */
export const ATHENA_RESULTS_EXPIRY_DAYS = 30;
/** Days access logs are kept. */
export const ACCESS_LOG_RETENTION_DAYS = 365;

export class PantauStorage extends Construct {
  readonly key: kms.Key;
  readonly accessLogs: s3.Bucket;
  readonly uploads: s3.Bucket;
  readonly lake: s3.Bucket;
  readonly reports: s3.Bucket;
  readonly athenaResults: s3.Bucket;
  /**
   * Name of the uploads bucket, known before the bucket exists: the ingest queue's policy names
   * it, and the bucket's notification needs that policy first, so a `Ref` would be a cycle.
   */
  readonly uploadsBucketName: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new kms.Key(this, 'DataKey', {
      alias: 'alias/pantau-pkh-data',
      description: 'Pantau PKH: uploads, lake, reports and Athena results',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to SSE-S3 buckets; SSE-KMS is not supported there.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(ACCESS_LOG_RETENTION_DAYS) }],
    });
    acknowledge(
      this.accessLogs,
      'AwsSolutions-S1',
      'This is the server access log bucket itself; logging its own access would loop into itself.',
    );

    this.uploadsBucketName = `pantau-pkh-uploads-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.uploads = this.dataBucket('Uploads', 'uploads/', { bucketName: this.uploadsBucketName });
    this.lake = this.dataBucket('Lake', 'lake/');
    this.reports = this.dataBucket('Reports', 'reports/');

    this.athenaResults = new s3.Bucket(this, 'AthenaResults', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-query-results',
          expiration: Duration.days(ATHENA_RESULTS_EXPIRY_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }

  /** `s3://` URI of the uploads folder for a dataset (or of `incoming/` itself). */
  uploadsUri(dataset?: string): string {
    return `s3://${this.uploads.bucketName}/incoming/${dataset ? `${dataset}/` : ''}`;
  }

  /** ARN of the uploads bucket built from its fixed name (no reference to the bucket resource). */
  uploadsBucketArn(): string {
    return Stack.of(this).formatArn({ service: 's3', region: '', account: '', resource: this.uploadsBucketName });
  }

  private dataBucket(id: string, logPrefix: string, extra: Partial<s3.BucketProps> = {}): s3.Bucket {
    return new s3.Bucket(this, id, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: logPrefix,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // Current objects never expire. Overwritten or deleted versions (re-ingest, compaction)
        // move to infrequent access and are kept: removing them is a retention decision for the
        // data owner, not a silent rule.
        {
          id: 'noncurrent-to-infrequent-access',
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      ...extra,
    });
  }
}
