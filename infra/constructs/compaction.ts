/**
 * Compaction: a daily run that merges the small Parquet files of each partition into one, so
 * Athena reads a few large objects instead of many small ones. Reports read the latest row per
 * natural key, so a partition read mid-compaction gives the same answers.
 */
import { CustomResource, Duration } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAKE_PREFIX, PARTITION_KEYS } from '../../functions/lib/lake-layout.js';
import { allowKey, allowList, allowObjects, S3_DELETE, S3_READ, S3_WRITE } from './access.js';
import { PkhFunction } from './pkh-function.js';
import { ScheduledInvoke } from './scheduled-invoke.js';
import type { PantauStorage } from './storage.js';

/** Daily at 02:00 Jakarta time, away from office-hours uploads and the day-6 report run. */
export const COMPACTION_SCHEDULE = 'cron(0 2 * * ? *)';
export const COMPACTION_TIMEOUT = Duration.minutes(15);
export const COMPACTION_MEMORY_MB = 3584;

export interface CompactionProps {
  storage: PantauStorage;
  scheduleDeadLetterQueue: sqs.IQueue;
}

export class Compaction extends Construct {
  readonly function: PkhFunction;
  readonly schedule: ScheduledInvoke;
  /** Runs the compaction right after a deploy that changes the lake layout (deploy-hook.ts). */
  readonly afterDeploy: CustomResource;

  constructor(scope: Construct, id: string, props: CompactionProps) {
    super(scope, id);
    const { storage } = props;

    this.function = new PkhFunction(this, 'Compact', {
      entry: 'functions/compact/handler.ts',
      service: 'compact',
      description: 'Pantau PKH: merges small Parquet files per lake partition',
      memorySize: COMPACTION_MEMORY_MB,
      timeout: COMPACTION_TIMEOUT,
      // One run at a time: two compactions of the same partition would race on its files.
      reservedConcurrency: 1,
      ephemeralStorageMiB: 2048,
      environment: { LAKE_BUCKET: storage.lake.bucketName },
    });
    const role = this.function.role;
    allowList(role, storage.lake);
    allowObjects(
      role,
      storage.lake,
      [...S3_READ, ...S3_WRITE, ...S3_DELETE],
      [`${LAKE_PREFIX}/`],
      'Compaction reads the small files of any partition under lake/, writes the merged file and deletes the files it replaced (versioning keeps them recoverable).',
    );
    allowKey(role, storage.key, { decrypt: true, encrypt: true });

    this.schedule = new ScheduledInvoke(this, 'Schedule', {
      target: this.function.fn,
      expression: COMPACTION_SCHEDULE,
      description: 'Pantau PKH lake compaction: daily 02:00 WIB',
      deadLetterQueue: props.scheduleDeadLetterQueue,
    });

    // Its properties are the layout: a deploy that changes PARTITION_KEYS updates the resource,
    // so CloudFormation invokes the function, which migrates the lake at once rather than at
    // 02:00, when Athena would until then read the moved tables only in part.
    this.afterDeploy = new CustomResource(this, 'AfterDeploy', {
      serviceToken: this.function.fn.functionArn,
      resourceType: 'Custom::PantauLakeLayout',
      properties: { PartitionKeys: JSON.stringify(PARTITION_KEYS) },
    });
  }
}
