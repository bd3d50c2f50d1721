/**
 * Builds the Pantau PKH stack for template tests, with Lambda bundling skipped
 * (`aws:cdk:bundling-stacks` = []) so a synth takes a second, not a minute.
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

export function synthStack(props: PantauPkhStackProps = {}): Synthesized {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PantauPkhStack(app, 'PantauPkhTest', props);
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON() as Synthesized['json'] };
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
