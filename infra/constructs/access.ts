/**
 * Least-privilege statements written out by hand: the CDK `grant*` helpers add wildcard actions
 * (`s3:GetObject*`, `s3:List*`, `kms:GenerateDataKey*`), so every action here is named. The one
 * wildcard left is the object part of an S3 ARN (`<bucket>/lake/*`): object permissions cannot be
 * granted any other way, so each is acknowledged with its reason on the role.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge, wildcardResourceFinding } from './nag.js';

export const S3_READ = ['s3:GetObject'];
export const S3_WRITE = ['s3:PutObject', 's3:AbortMultipartUpload'];
export const S3_DELETE = ['s3:DeleteObject'];

/** Object actions under some prefixes of a bucket (`prefix` ends with `/`). */
export function allowObjects(role: iam.Role, bucket: s3.IBucket, actions: string[], prefixes: string[], reason: string): void {
  const resources = prefixes.map((p) => bucket.arnForObjects(`${p}*`));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
  for (const r of resources) acknowledge(role, wildcardResourceFinding(role, r), reason);
}

/**
 * Listing a bucket. Needed beyond listing itself: without `s3:ListBucket` a read of a missing
 * key answers 403 instead of 404, and Athena lists partition folders with the caller's rights.
 */
export function allowList(role: iam.Role, bucket: s3.IBucket): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }),
  );
}

/** Use of the data key: `decrypt` to read SSE-KMS objects, `encrypt` to write them. */
export function allowKey(role: iam.Role, key: kms.IKey, use: { decrypt?: boolean; encrypt?: boolean }): void {
  const actions = [...(use.decrypt ? ['kms:Decrypt'] : []), ...(use.encrypt ? ['kms:GenerateDataKey'] : [])];
  if (actions.length) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [key.keyArn] }));
}
