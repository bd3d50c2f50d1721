/**
 * An EventBridge Scheduler schedule that invokes one Lambda function, in Jakarta time, through a
 * role allowed to invoke that function only (the L2 target grants `<function>:*` as well), with
 * retries and a dead-letter queue for invocations the scheduler could not deliver.
 */
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** WIB; Indonesia has no daylight saving, so the schedules never shift. */
export const SCHEDULE_TIMEZONE = 'Asia/Jakarta';

export interface ScheduledInvokeProps {
  target: lambda.IFunction;
  /** EventBridge Scheduler expression, e.g. `cron(0 8 6 * ? *)`, read in Asia/Jakarta. */
  expression: string;
  description: string;
  deadLetterQueue: sqs.IQueue;
  /** JSON the function receives. */
  input?: Record<string, unknown>;
}

export class ScheduledInvoke extends Construct {
  readonly schedule: scheduler.CfnSchedule;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ScheduledInvokeProps) {
    super(scope, id);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Scheduler: ${props.description}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.target.functionArn] }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
    );

    this.schedule = new scheduler.CfnSchedule(this, 'Schedule', {
      description: props.description,
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: SCHEDULE_TIMEZONE,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: props.target.functionArn,
        roleArn: this.role.roleArn,
        input: JSON.stringify(props.input ?? { source: 'schedule' }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 6 * 3600 },
        deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
      },
    });
  }
}
