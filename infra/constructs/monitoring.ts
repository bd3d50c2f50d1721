/**
 * Operations: CloudWatch alarms on every dead-letter queue, on each function's errors and
 * throttles and on failed or cancelled Athena queries, all sent to one SNS topic (optionally with
 * an e-mail subscription).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);

export interface MonitoringProps {
  key: kms.Key;
  alarmEmail?: string;
  deadLetterQueues: Record<string, sqs.IQueue>;
  functions: Record<string, lambda.IFunction>;
  athenaWorkgroupName: string;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Pantau PKH alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic, so it needs the key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(`${name}DlqDepth`, `Pesan di DLQ ${name} / Messages in the ${name} dead-letter queue: look at them, fix the cause, redrive`,
        queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }));
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, `Fungsi ${name} gagal / The ${name} function failed: see its log group`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }));
      this.add(`${name}Throttles`, `Fungsi ${name} dibatasi / The ${name} function was throttled: raise its reserved concurrency or the account quota`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }));
    }
    for (const state of ['FAILED', 'CANCELED'] as const) {
      this.add(
        `AthenaQueries${state === 'FAILED' ? 'Failed' : 'Canceled'}`,
        `Kueri Athena ${state} / Athena queries ${state} in workgroup ${props.athenaWorkgroupName} (CANCELED includes the bytes-scanned limit)`,
        new cloudwatch.Metric({
          namespace: 'AWS/Athena',
          metricName: 'TotalExecutionTime',
          dimensionsMap: { WorkGroup: props.athenaWorkgroupName, QueryState: state, QueryType: 'DML' },
          statistic: 'SampleCount',
          period: PERIOD,
        }),
      );
    }
  }

  /** An alarm that fires on the first occurrence (>= 1 in a five-minute period). */
  private add(id: string, description: string, metric: cloudwatch.IMetric): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
