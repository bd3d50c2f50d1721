import { beforeAll, describe, expect, it } from 'vitest';
import { PARTITION_KEYS } from '../../functions/lib/lake-layout.js';
import { logicalIdOf, resourcesOfType, synthStack, type Synthesized } from './stack-fixture.js';

let s: Synthesized;
beforeAll(() => {
  s = synthStack({ alarmEmail: 'ops@pantau-pkh.example.go.id' });
});

function scheduleTargeting(fnId: string) {
  const found = resourcesOfType(s, 'AWS::Scheduler::Schedule').filter(
    ([, r]) => JSON.stringify(r.Properties!.Target.Arn) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
  );
  expect(found).toHaveLength(1);
  return found[0][1].Properties!;
}

describe('schedules (EventBridge Scheduler, Jakarta time)', () => {
  it('runs the report planner monthly on day 6 at 08:00 WIB', () => {
    const p = scheduleTargeting(logicalIdOf(s, s.stack.reporting.plannerFunction.fn));
    expect(p.ScheduleExpression).toBe('cron(0 8 6 * ? *)');
    expect(p.ScheduleExpressionTimezone).toBe('Asia/Jakarta');
    expect(p.State).toBe('ENABLED');
    expect(p.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    // Every report of the run is computed as of the schedule's time, which the scheduler fills in.
    expect(JSON.parse(p.Target.Input)).toEqual({ source: 'schedule', as_of: '<aws.scheduler.scheduled-time>' });
  });

  it('runs compaction daily at 02:00 WIB', () => {
    const p = scheduleTargeting(logicalIdOf(s, s.stack.compaction.function.fn));
    expect(p.ScheduleExpression).toBe('cron(0 2 * * ? *)');
    expect(p.ScheduleExpressionTimezone).toBe('Asia/Jakarta');
  });

  it('menjalankan pemadatan setelah deploy yang mengubah tata letak lake / runs compaction after a deploy that changes the lake layout', () => {
    const hooks = resourcesOfType(s, 'Custom::PantauLakeLayout');
    expect(hooks).toHaveLength(1);
    const p = hooks[0][1].Properties!;
    expect(p.ServiceToken).toEqual({ 'Fn::GetAtt': [logicalIdOf(s, s.stack.compaction.function.fn), 'Arn'] });
    // The layout itself is the property: changing PARTITION_KEYS updates the resource, so the hook runs.
    expect(JSON.parse(p.PartitionKeys)).toEqual(PARTITION_KEYS);
  });

  it('sends undeliverable invocations to a dead-letter queue through a role that may invoke only its function', () => {
    for (const [, r] of resourcesOfType(s, 'AWS::Scheduler::Schedule')) {
      const target = r.Properties!.Target;
      expect(target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(1);
      const roleId = target.RoleArn['Fn::GetAtt'][0];
      const policy = resourcesOfType(s, 'AWS::IAM::Policy').find(([, p]) =>
        (p.Properties!.Roles as any[]).some((x) => x.Ref === roleId),
      )![1];
      const invoke = (policy.Properties!.PolicyDocument.Statement as any[]).find((st) => st.Action === 'lambda:InvokeFunction');
      expect(invoke.Resource).toEqual(target.Arn);
    }
  });
});

describe('alarms', () => {
  function alarms() {
    return resourcesOfType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
  }

  it('alarms on the depth of every dead-letter queue', () => {
    // Prepare: a DLQ is the redrive target of a queue or the dead-letter target of a schedule.
    const redriveTargets = resourcesOfType(s, 'AWS::SQS::Queue')
      .map(([, q]) => q.Properties!.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0])
      .filter(Boolean);
    const scheduleTargets = resourcesOfType(s, 'AWS::Scheduler::Schedule').map(
      ([, r]) => r.Properties!.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0],
    );
    const dlqIds = [...new Set<string>([...redriveTargets, ...scheduleTargets])];
    expect(dlqIds).toHaveLength(3);
    for (const id of dlqIds) {
      const alarm = alarms().find(
        (a) =>
          a.Namespace === 'AWS/SQS' &&
          a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(a.Dimensions).includes(id),
      );
      expect(alarm, `alarm on ${id}`).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('alarms on errors and throttles of every function', () => {
    for (const [id] of resourcesOfType(s, 'AWS::Lambda::Function')) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms().find(
          (a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metric && JSON.stringify(a.Dimensions).includes(id),
        );
        expect(alarm, `${metric} alarm on ${id}`).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
      }
    }
  });

  it('alarms on failed and cancelled Athena queries of the workgroup', () => {
    for (const state of ['FAILED', 'CANCELED']) {
      const alarm = alarms().find(
        (a) => a.Namespace === 'AWS/Athena' && a.Dimensions.some((d: any) => d.Name === 'QueryState' && d.Value === state),
      );
      expect(alarm, state).toBeDefined();
      expect(alarm!.Dimensions).toEqual(expect.arrayContaining([{ Name: 'WorkGroup', Value: 'pantau-pkh' }]));
    }
  });

  it('sends every alarm to the KMS-encrypted, TLS-only SNS topic with the e-mail from context', () => {
    const topicId = logicalIdOf(s, s.stack.monitoring.topic);
    for (const a of alarms()) {
      expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.TreatMissingData).toBe('notBreaching');
    }
    expect(s.json.Resources[topicId].Properties!.KmsMasterKeyId).toBeDefined();
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@pantau-pkh.example.go.id',
      TopicArn: { Ref: topicId },
    });
  });

  it('has no e-mail subscription without alarmEmail, and rejects one that is not an address', () => {
    const without = synthStack();
    expect(resourcesOfType(without, 'AWS::SNS::Subscription')).toHaveLength(0);
    expect(() => synthStack({ alarmEmail: 'ops at example' })).toThrow(/alarmEmail/);
  });
});

describe('stack outputs', () => {
  it('names the upload location and the reports location', () => {
    const outputs = s.json.Outputs!;
    expect(outputs.UploadLocation.Value).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalIdOf(s, s.stack.storage.uploads) }, '/incoming/']],
    });
    expect(outputs.ReportsLocation.Value).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalIdOf(s, s.stack.storage.reports) }, '/']],
    });
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ReportFunctionName', 'ReportQueueUrl', 'AthenaWorkGroup', 'GlueDatabase']));
  });
});
