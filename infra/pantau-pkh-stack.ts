/**
 * The deployable Pantau PKH pipeline (SYSTEM.md "Shape", "AWS"): storage, the S3 → SQS → Lambda
 * ingest path, the Glue catalog and Athena workgroup, the monthly report fan-out, compaction and
 * the alarms. Synthesizes offline: no lookups, no credentials.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { listKabupaten } from '../functions/lib/wilayah.js';
import { DATASETS } from '../schemas/index.js';
import { Catalog } from './constructs/catalog.js';
import { Compaction } from './constructs/compaction.js';
import { acknowledge } from './constructs/nag.js';
import { IngestPipeline } from './constructs/ingest-pipeline.js';
import { Monitoring } from './constructs/monitoring.js';
import { Reporting } from './constructs/reporting.js';
import { PantauStorage } from './constructs/storage.js';

export interface PantauPkhStackProps extends StackProps {
  /** Address subscribed to the alarm topic (`-c alarmEmail=…`); none when omitted. */
  alarmEmail?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Feature flags the stack relies on, set on the stack itself so `cdk synth` and a test `App`
 * build the same template (cdk.json context is only read by the CLI).
 */
const FEATURE_FLAGS: Record<string, boolean> = {
  // Access-log delivery through a bucket policy, not the legacy LogDeliveryWrite ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
};

export class PantauPkhStack extends Stack {
  readonly storage: PantauStorage;
  readonly ingest: IngestPipeline;
  readonly catalog: Catalog;
  readonly reporting: Reporting;
  readonly compaction: Compaction;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: PantauPkhStackProps = {}) {
    super(scope, id, {
      description: 'Pantau PKH: ingest, lake, Athena reports and alarms',
      ...props,
    });
    for (const [flag, value] of Object.entries(FEATURE_FLAGS)) this.node.setContext(flag, value);
    if (props.alarmEmail !== undefined && !EMAIL.test(props.alarmEmail)) {
      throw new Error(
        `alarmEmail "${props.alarmEmail}" bukan alamat e-mail; pakai -c alarmEmail=nama@domain / alarmEmail is not an e-mail address; use -c alarmEmail=name@domain`,
      );
    }

    this.storage = new PantauStorage(this, 'Storage');
    this.ingest = new IngestPipeline(this, 'Ingest', { storage: this.storage });
    this.catalog = new Catalog(this, 'Catalog', {
      storage: this.storage,
      datasets: DATASETS,
      kabupatenCodes: listKabupaten().map((k) => k.code),
    });

    // Invocations EventBridge Scheduler could not deliver, for both schedules.
    const scheduleDlq = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      scheduleDlq,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of both EventBridge Scheduler targets (deadLetterConfig), a link cdk-nag does not follow.',
    );
    this.reporting = new Reporting(this, 'Reporting', {
      storage: this.storage,
      catalog: this.catalog,
      scheduleDeadLetterQueue: scheduleDlq,
    });
    this.compaction = new Compaction(this, 'Compaction', { storage: this.storage, scheduleDeadLetterQueue: scheduleDlq });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      key: this.storage.key,
      alarmEmail: props.alarmEmail,
      deadLetterQueues: {
        Ingest: this.ingest.deadLetterQueue,
        Report: this.reporting.deadLetterQueue,
        Schedule: scheduleDlq,
      },
      functions: {
        Ingest: this.ingest.function.fn,
        Report: this.reporting.reportFunction.fn,
        Planner: this.reporting.plannerFunction.fn,
        Compact: this.compaction.function.fn,
      },
      athenaWorkgroupName: this.catalog.workgroup.name,
    });

    new CfnOutput(this, 'UploadLocation', {
      description: 'Upload files here, one folder per dataset: incoming/<dataset>/<file>.csv|.xlsx',
      value: this.storage.uploadsUri(),
    });
    new CfnOutput(this, 'ReportsLocation', {
      description: 'Reports appear here as <report>/<kabupaten>/<period>/report.<ext>',
      value: `s3://${this.storage.reports.bucketName}/`,
    });
    new CfnOutput(this, 'LakeBucketName', { value: this.storage.lake.bucketName });
    new CfnOutput(this, 'ReportFunctionName', {
      description: 'Invoke with {"report","kabupaten","period"} for one report on demand',
      value: this.reporting.reportFunction.fn.functionName,
    });
    new CfnOutput(this, 'ReportQueueUrl', { value: this.reporting.queue.queueUrl });
    new CfnOutput(this, 'AthenaWorkGroup', { value: this.catalog.workgroup.name });
    new CfnOutput(this, 'GlueDatabase', { value: this.catalog.database.databaseName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
  }
}
