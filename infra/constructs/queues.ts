import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A work queue with its dead-letter queue (ids `Queue` and `DeadLetterQueue` in `scope`).
 * SQS-managed SSE: messages carry keys and report ids, never personal data, and S3 can deliver
 * to such a queue without a key policy.
 */
export function queueWithDeadLetter(
  scope: Construct,
  opts: { visibilityTimeout: Duration; maxReceiveCount: number },
): { queue: sqs.Queue; deadLetterQueue: sqs.Queue } {
  const common = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) };
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', common);
  const queue = new sqs.Queue(scope, 'Queue', {
    ...common,
    visibilityTimeout: opts.visibilityTimeout,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: opts.maxReceiveCount },
  });
  return { queue, deadLetterQueue };
}
