import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, resourcesOfType, synthStack, type Synthesized } from './stack-fixture.js';

let s: Synthesized;
beforeAll(() => {
  s = synthStack();
});

function fnProps(fn: lambda.IFunction) {
  return s.json.Resources[logicalIdOf(s, fn)].Properties!;
}

/** Checks queue → function wiring: DLQ redrive, visibility ≥ 6 × timeout, partial batch failures. */
function expectSqsWiring(queueId: string, dlqId: string, fnId: string) {
  const queue = s.json.Resources[queueId].Properties!;
  const fn = s.json.Resources[fnId].Properties!;
  expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
  expect(queue.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(2);
  expect(queue.RedrivePolicy.maxReceiveCount).toBeLessThanOrEqual(5);
  expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Timeout);
  const mappings = resourcesOfType(s, 'AWS::Lambda::EventSourceMapping').filter(
    ([, m]) => m.Properties!.FunctionName.Ref === fnId,
  );
  expect(mappings).toHaveLength(1);
  expect(mappings[0][1].Properties).toMatchObject({
    EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
  });
  // SQS may not drive the function past its reserved concurrency (throttles recycle messages).
  expect(mappings[0][1].Properties!.ScalingConfig.MaximumConcurrency).toBeLessThanOrEqual(fn.ReservedConcurrentExecutions);
}

describe('ingest path: S3 → SQS → Lambda', () => {
  it('notifies the ingest queue of every object created under incoming/', () => {
    const uploadsId = logicalIdOf(s, s.stack.storage.uploads);
    const queueId = logicalIdOf(s, s.stack.ingest.queue);
    const uploads = s.json.Resources[uploadsId];
    expect(uploads.Properties!.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Queue: { 'Fn::GetAtt': [queueId, 'Arn'] },
          Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'incoming/' }] } },
        },
      ],
    });
    // S3 checks the destination when the notification is set, so the queue policy comes first.
    const policyId = resourcesOfType(s, 'AWS::SQS::QueuePolicy').find(([, p]) =>
      (p.Properties!.Queues as any[]).some((q) => q.Ref === queueId),
    )![0];
    expect(uploads.DependsOn).toContain(policyId);
  });

  it('lets only S3, for the uploads bucket of this account, send to the ingest queue', () => {
    const queueId = logicalIdOf(s, s.stack.ingest.queue);
    const policy = resourcesOfType(s, 'AWS::SQS::QueuePolicy').find(([, p]) =>
      (p.Properties!.Queues as any[]).some((q) => q.Ref === queueId),
    )![1];
    const allow = (policy.Properties!.PolicyDocument.Statement as any[]).find((st) => st.Effect === 'Allow');
    expect(allow.Principal).toEqual({ Service: 's3.amazonaws.com' });
    expect(allow.Action).toBe('sqs:SendMessage');
    expect(JSON.stringify(allow.Condition.ArnLike['aws:SourceArn'])).toContain('pantau-pkh-uploads-');
    expect(allow.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
  });

  it('wires the ingest queue to the ingest function with a DLQ and visibility of six timeouts', () => {
    expectSqsWiring(
      logicalIdOf(s, s.stack.ingest.queue),
      logicalIdOf(s, s.stack.ingest.deadLetterQueue),
      logicalIdOf(s, s.stack.ingest.function.fn),
    );
  });

  it('sizes the ingest function for a 1,000,000-row file and tells it where the lake and wilayah are', () => {
    const p = fnProps(s.stack.ingest.function.fn);
    expect(p.MemorySize).toBeGreaterThanOrEqual(3008);
    expect(p.Timeout).toBeGreaterThanOrEqual(120);
    expect(p.ReservedConcurrentExecutions).toBeGreaterThanOrEqual(1);
    expect(p.Environment.Variables).toMatchObject({
      LAKE_BUCKET: { Ref: logicalIdOf(s, s.stack.storage.lake) },
      PKH_WILAYAH_DIR: '/var/task/wilayah',
    });
  });
});

describe('report path: planner → SQS → report Lambda', () => {
  it('wires the report queue to the report function with its own DLQ', () => {
    expectSqsWiring(
      logicalIdOf(s, s.stack.reporting.queue),
      logicalIdOf(s, s.stack.reporting.deadLetterQueue),
      logicalIdOf(s, s.stack.reporting.reportFunction.fn),
    );
    expect(logicalIdOf(s, s.stack.reporting.deadLetterQueue)).not.toBe(logicalIdOf(s, s.stack.ingest.deadLetterQueue));
  });

  it('gives the report function the Athena workgroup, Glue database and both buckets', () => {
    const p = fnProps(s.stack.reporting.reportFunction.fn);
    expect(p.Environment.Variables).toMatchObject({
      LAKE_BUCKET: { Ref: logicalIdOf(s, s.stack.storage.lake) },
      REPORTS_BUCKET: { Ref: logicalIdOf(s, s.stack.storage.reports) },
      ATHENA_WORKGROUP: 'pantau-pkh',
      GLUE_DATABASE: 'pantau_pkh',
    });
  });

  it('gives the planner the report queue URL', () => {
    const p = fnProps(s.stack.reporting.plannerFunction.fn);
    expect(p.Environment.Variables.REPORT_QUEUE_URL).toEqual({ Ref: logicalIdOf(s, s.stack.reporting.queue) });
  });
});

describe('every function', () => {
  it('runs on the latest Node.js runtime, arm64 (the report function x86_64: its Chromium is x64 only), with reserved concurrency, Powertools settings and its own log group', () => {
    // Prepare: the highest nodejsNN.x this aws-cdk-lib knows.
    const latest = lambda.Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name))
      .map((r) => r.name)
      .sort((a, b) => parseInt(a.slice(6)) - parseInt(b.slice(6)))
      .pop();
    const functions = resourcesOfType(s, 'AWS::Lambda::Function');
    const reportFunctionId = logicalIdOf(s, s.stack.reporting.reportFunction.fn);
    // Assess
    expect(functions).toHaveLength(4);
    for (const [id, f] of functions) {
      const p = f.Properties!;
      expect(p.Runtime, id).toBe(latest);
      expect(p.Architectures, id).toEqual([id === reportFunctionId ? 'x86_64' : 'arm64']);
      expect(p.Handler, id).toBe('index.handler');
      expect(p.ReservedConcurrentExecutions, id).toBeGreaterThanOrEqual(1);
      expect(p.Environment.Variables.POWERTOOLS_SERVICE_NAME, id).toMatch(/^pantau-pkh-/);
      expect(p.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE, id).toBe('PantauPKH');
      expect(p.LoggingConfig, id).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
    }
  });
});
