import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_REASON_LENGTH } from '../../infra/constructs/nag.js';
import { resourcesOfType, synthStack, type Synthesized } from './stack-fixture.js';

let s: Synthesized;
beforeAll(() => {
  s = synthStack({ alarmEmail: 'ops@pantau-pkh.example.go.id' });
});

/** Acknowledged rule ids (without the `Annotation::` prefix) on a construct and its ancestors. */
function acknowledgedOn(construct: IConstruct): Map<string, string> {
  const out = new Map<string, string>();
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const m of c.node.metadata) {
      if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
        out.set(id.replace(/^annotation::/i, ''), reason);
      }
    }
  }
  return out;
}

/** `Fn::Join` / `Fn::GetAtt` / `Ref` as text, the way cdk-nag names IAM5 findings. */
function flatten(node: any): string {
  if (typeof node === 'string') return node;
  if (node['Fn::Join']) return node['Fn::Join'][1].map(flatten).join(node['Fn::Join'][0]);
  if (node['Fn::GetAtt']) return `<${node['Fn::GetAtt'][0]}.${node['Fn::GetAtt'][1]}>`;
  if (node.Ref) return `<${node.Ref}>`;
  return JSON.stringify(node);
}

function constructByLogicalId(stack: Stack): Map<string, IConstruct> {
  const map = new Map<string, IConstruct>();
  for (const c of stack.node.findAll()) {
    if (CfnResource.isCfnResource(c)) map.set(stack.resolve(stack.getLogicalId(c)) as string, c);
  }
  return map;
}

/** Every statement of every identity policy, with the roles it is attached to. */
function identityStatements(syn: Synthesized): { policy: string; roles: string[]; statement: any }[] {
  const out: { policy: string; roles: string[]; statement: any }[] = [];
  for (const [id, p] of resourcesOfType(syn, 'AWS::IAM::Policy')) {
    const roles = (p.Properties!.Roles as any[]).map((r) => r.Ref);
    for (const st of p.Properties!.PolicyDocument.Statement) out.push({ policy: id, roles, statement: st });
  }
  for (const [id, r] of resourcesOfType(syn, 'AWS::IAM::Role')) {
    for (const pol of r.Properties!.Policies ?? []) {
      for (const st of pol.PolicyDocument.Statement) out.push({ policy: id, roles: [id], statement: st });
    }
  }
  return out;
}

const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding on the stack', () => {
    // Act: the same pack `cdk synth` runs, on the synthesized construct tree.
    const report = new AwsSolutionsChecks().validateScope(s.stack);
    // Assess
    const findings = report.violations.map(
      (v) => `${v.ruleName} (${v.severity}) at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('does report findings on a stack that breaks the rules (the check can fail)', () => {
    const app = new App();
    const bad = new Stack(app, 'Bad');
    new s3.Bucket(bad, 'PlainBucket');
    const report = new AwsSolutionsChecks().validateScope(bad);
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('gives every acknowledgement a real reason', () => {
    let count = 0;
    for (const c of s.stack.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
          count++;
          expect(reason.trim().length, `${c.node.path} ${id}`).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
          expect(id, c.node.path).toMatch(/^Annotation::AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });
});

describe('least-privilege IAM', () => {
  it('grants no wildcard action in any identity policy', () => {
    const statements = identityStatements(s);
    expect(statements.length).toBeGreaterThan(10);
    for (const { policy, statement } of statements) {
      for (const action of asArray(statement.Action)) {
        expect(action, `${policy}: ${JSON.stringify(statement)}`).not.toContain('*');
      }
    }
  });

  it('grants no Resource "*", and every other wildcard resource is acknowledged on its role with a reason', () => {
    const byId = constructByLogicalId(s.stack);
    let wildcards = 0;
    for (const { policy, roles, statement } of identityStatements(s)) {
      if (statement.Effect !== 'Allow') continue;
      for (const resource of asArray(statement.Resource)) {
        expect(resource, `${policy} grants Resource "*"`).not.toBe('*');
        const flat = flatten(resource);
        if (!flat.includes('*')) continue;
        wildcards++;
        for (const roleId of roles) {
          // The acknowledgement sits on the L2 role (the parent of the CfnRole) or above.
          const role = byId.get(roleId)!.node.scope!;
          const reason = acknowledgedOn(role).get(`AwsSolutions-IAM5[Resource::${flat}]`);
          expect(reason, `${roleId}: ${flat} is not acknowledged`).toBeDefined();
          expect(reason!.length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
        }
      }
    }
    // Object ARNs (bucket/prefix/*) are the only wildcards: uploads, lake, manifests, quarantine,
    // Athena results, reports.
    expect(wildcards).toBeGreaterThan(0);
  });

  it('attaches no AWS managed policy to any role', () => {
    for (const [id, r] of resourcesOfType(s, 'AWS::IAM::Role')) {
      expect(r.Properties!.ManagedPolicyArns, id).toBeUndefined();
    }
  });

  it('lets the planner only list the lake, read the monthly reports and send to the report queue (besides its logs)', () => {
    const roleId = s.stack.resolve(
      s.stack.getLogicalId(s.stack.reporting.plannerFunction.role.node.defaultChild as CfnResource),
    ) as string;
    const actions = identityStatements(s)
      .filter((x) => x.roles.includes(roleId))
      .flatMap((x) => asArray(x.statement.Action))
      .sort();
    expect(actions).toEqual(['kms:Decrypt', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 'sqs:SendMessage']);
    // Objects of the monthly reports only (their month's folder holds every kabupaten's codes).
    const reads = identityStatements(s).filter((x) => x.roles.includes(roleId) && asArray(x.statement.Action).includes('s3:GetObject'));
    expect(JSON.stringify(s.stack.resolve(reads.map((x) => x.statement.Resource)))).toMatch(/\/lake\/monthly_report\/\*/);
  });
});
