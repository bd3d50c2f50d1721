/**
 * cdk-nag 3 wiring: the AwsSolutions pack runs as a CDK validation plugin, and every finding we
 * accept is acknowledged on the construct it concerns, with its reason, through CDK's native
 * `Validations.of(construct).acknowledge()` (cdk-nag 3 reads these acknowledgements).
 */
import { Stack, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Shortest reason accepted: an acknowledgement must say why, not just "ok". */
export const MIN_REASON_LENGTH = 40;

/** Registers the AwsSolutions pack, so `cdk synth` fails on any unacknowledged finding. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** Acknowledges one cdk-nag finding (`AwsSolutions-S1`, `AwsSolutions-IAM5[Resource::…]`). */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`cdk-nag acknowledgement ${id} on ${scope.node.path} needs a real reason (>= ${MIN_REASON_LENGTH} chars)`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The IAM5 finding id cdk-nag reports for a wildcard resource, derived from the same token the
 * policy uses, so acknowledgements follow logical-id changes. Mirrors cdk-nag's own flattening:
 * `Fn::GetAtt [X, Arn]` → `<X.Arn>`, `Ref X` → `<X>`, `Fn::Join` concatenated.
 */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenReference(Stack.of(scope).resolve(resource))}]`;
}

function flattenReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flattenReference).join(delimiter);
    }
    if ('Fn::Sub' in o) return flattenReference(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [res, attr] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenReference(res)}.${flattenReference(attr)}>`;
    }
    if ('Ref' in o) return `<${flattenReference(o.Ref)}>`;
  }
  return JSON.stringify(node);
}
