/**
 * Reports: a monthly schedule (day 6, 08:00 WIB) runs the planner, which enqueues one message per
 * (report, kabupaten) on the report queue; the report Lambda consumes it, queries Athena and
 * writes the outputs to the reports bucket. The report Lambda can also be invoked directly with
 * one `{report, kabupaten, period}`.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueWithDeadLetter } from './queues.js';
import { datasetPrefix, LAKE_PREFIX } from '../../functions/lib/lake-layout.js';
import { allowKey, allowList, allowObjects, S3_READ, S3_WRITE } from './access.js';
import { type Catalog, GLUE_DATABASE_NAME, ATHENA_WORKGROUP_NAME } from './catalog.js';
import { PkhFunction } from './pkh-function.js';
import { ScheduledInvoke } from './scheduled-invoke.js';
import type { PantauStorage } from './storage.js';

/** Monthly on day 6 at 08:00 Jakarta time: after the day-5 reporting deadline has passed. */
export const PLANNER_SCHEDULE = 'cron(0 8 6 * ? *)';
/** Athena queries may queue behind others; five minutes covers a report's few queries. */
export const REPORT_TIMEOUT = Duration.minutes(5);
/** Headless Chromium prints the PDF in the same function: it wants about 1.5 GB besides the report. */
export const REPORT_MEMORY_MB = 3008;
/** /tmp holds the unpacked Chromium (~180 MB) and its fonts and libraries. */
export const REPORT_EPHEMERAL_MIB = 1024;
/**
 * x86_64, unlike the other functions: the PDF is printed by the Chromium of npm
 * `@sparticuz/chromium`, which ships an x86_64 build only (README "Lambda architecture").
 */
export const REPORT_ARCHITECTURE = lambda.Architecture.X86_64;
/** Loaded from node_modules at run time: a compressed browser binary and its driver cannot be bundled. */
export const REPORT_SHIPPED_PACKAGES = ['@sparticuz/chromium', 'playwright-core'] as const;
/** Also bounds concurrent Athena queries (a few per report) under the account's DML quota. */
export const REPORT_RESERVED_CONCURRENCY = 10;
export const REPORT_VISIBILITY_TIMEOUT = Duration.seconds(REPORT_TIMEOUT.toSeconds() * 6);
export const REPORT_MAX_RECEIVES = 3;
export const PLANNER_TIMEOUT = Duration.minutes(2);
/** Prefix of Athena query results in the results bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena/';

export interface ReportingProps {
  storage: PantauStorage;
  catalog: Catalog;
  scheduleDeadLetterQueue: sqs.IQueue;
}

export class Reporting extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly reportFunction: PkhFunction;
  readonly plannerFunction: PkhFunction;
  readonly schedule: ScheduledInvoke;

  constructor(scope: Construct, id: string, props: ReportingProps) {
    super(scope, id);
    const { storage, catalog } = props;

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = queueWithDeadLetter(this, {
      visibilityTimeout: REPORT_VISIBILITY_TIMEOUT,
      maxReceiveCount: REPORT_MAX_RECEIVES,
    }));

    this.reportFunction = new PkhFunction(this, 'Report', {
      entry: 'functions/report/handler.ts',
      service: 'report',
      description: 'Pantau PKH: one report for one kabupaten and period, from Athena to the reports bucket',
      memorySize: REPORT_MEMORY_MB,
      timeout: REPORT_TIMEOUT,
      reservedConcurrency: REPORT_RESERVED_CONCURRENCY,
      architecture: REPORT_ARCHITECTURE,
      ephemeralStorageMiB: REPORT_EPHEMERAL_MIB,
      shippedPackages: REPORT_SHIPPED_PACKAGES,
      environment: {
        LAKE_BUCKET: storage.lake.bucketName,
        REPORTS_BUCKET: storage.reports.bucketName,
        ATHENA_WORKGROUP: ATHENA_WORKGROUP_NAME,
        GLUE_DATABASE: GLUE_DATABASE_NAME,
      },
    });
    const reportRole = this.reportFunction.role;
    reportRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [catalog.workgroupArn],
      }),
    );
    reportRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: catalog.glueReadArns,
      }),
    );
    // Athena reads the lake and writes query results with the caller's permissions.
    allowList(reportRole, storage.lake);
    allowObjects(reportRole, storage.lake, S3_READ, [`${LAKE_PREFIX}/`], 'Athena reads Parquet objects of any partition under lake/ on behalf of the report; the objects are named by content hash.');
    allowList(reportRole, storage.athenaResults);
    allowObjects(
      reportRole,
      storage.athenaResults,
      [...S3_READ, ...S3_WRITE, 's3:ListMultipartUploadParts'],
      [ATHENA_RESULTS_PREFIX],
      'Athena writes each query result under athena/<query id> (ids known only at run time) and the report reads it back.',
    );
    allowObjects(
      reportRole,
      storage.reports,
      S3_WRITE,
      [''],
      'Reports are written to <report>/<kabupaten or region>/<period>/<name>.<ext> for any kabupaten and period, and index.html at the root; write-only, no read or delete.',
    );
    // index.html lists every report: the function lists the bucket's keys (names only, no object is read).
    allowList(reportRole, storage.reports);
    allowKey(reportRole, storage.key, { decrypt: true, encrypt: true });

    this.reportFunction.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: REPORT_RESERVED_CONCURRENCY,
      }),
    );

    this.plannerFunction = new PkhFunction(this, 'Planner', {
      entry: 'functions/report/planner.ts',
      service: 'planner',
      description: 'Pantau PKH: monthly fan-out, one report-queue message per (report, kabupaten with data)',
      memorySize: 512,
      timeout: PLANNER_TIMEOUT,
      reservedConcurrency: 1,
      environment: {
        LAKE_BUCKET: storage.lake.bucketName,
        REPORT_QUEUE_URL: this.queue.queueUrl,
      },
    });
    // The planner finds kabupaten with data by listing lake/<dataset>/kabupaten_code=…/ folders,
    // and, for the monthly reports (one folder per month, every kabupaten), reading the month's objects.
    allowList(this.plannerFunction.role, storage.lake);
    allowObjects(
      this.plannerFunction.role,
      storage.lake,
      S3_READ,
      [datasetPrefix('monthly_report')],
      'The planner reads the kabupaten_code column of the month\'s monthly-report objects; their names are content hashes.',
    );
    allowKey(this.plannerFunction.role, storage.key, { decrypt: true });
    this.plannerFunction.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );

    this.schedule = new ScheduledInvoke(this, 'PlannerSchedule', {
      target: this.plannerFunction.fn,
      expression: PLANNER_SCHEDULE,
      description: 'Pantau PKH monthly reports: day 6, 08:00 WIB',
      // Every report of the run is computed as of the schedule's time (REPORTS.md "Time of a report").
      input: { source: 'schedule', as_of: '<aws.scheduler.scheduled-time>' },
      deadLetterQueue: props.scheduleDeadLetterQueue,
    });
  }
}
