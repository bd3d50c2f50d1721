/**
 * Builds the Pantau PKH stack for template tests, with Lambda bundling skipped
 * (`aws:cdk:bundling-stacks` = []) and no schema validation, so a synth takes a second, not a minute.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PantauPkhStack, type PantauPkhStackProps } from '../../infra/pantau-pkh-stack.js';

export interface Synthesized {
  app: App;
  stack: PantauPkhStack;
  template: Template;
  /** The raw CloudFormation JSON. */
  json: { Resources: Record<string, CfnResourceJson>; Outputs?: Record<string, { Value: unknown }> };
}

export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, any>;
  DependsOn?: string[];
  Metadata?: Record<string, unknown>;
}

const synthesized = new Map<string, Synthesized>();

/**
 * The stack for `props`, synthesized once per test process and shared (treat it as read-only).
 * CDK's built-in CloudFormation schema validation is off here: it takes about 20 s per synth on
 * this stack and checks nothing these tests assert; `cdk synth` (CI) still runs it, and cdk-nag
 * runs in iam-nag.test.ts and in `cdk synth`.
 */
export function synthStack(props: PantauPkhStackProps = {}): Synthesized {
  const key = JSON.stringify(props);
  let s = synthesized.get(key);
  if (!s) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const stack = new PantauPkhStack(app, 'PantauPkhTest', props);
    const template = Template.fromStack(stack);
    s = { app, stack, template, json: template.toJSON() as Synthesized['json'] };
    synthesized.set(key, s);
  }
  return s;
}

/** Resources of one CloudFormation type, by logical id. */
export function resourcesOfType(s: Synthesized, type: string): [string, CfnResourceJson][] {
  return Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalIdOf(s: Synthesized, construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as Parameters<PantauPkhStack['getLogicalId']>[0];
  return s.stack.resolve(s.stack.getLogicalId(child)) as string;
}
