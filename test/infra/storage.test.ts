import { beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, resourcesOfType, synthStack, type Synthesized } from './stack-fixture.js';

let s: Synthesized;
beforeAll(() => {
  s = synthStack();
});

function bucketIds() {
  const st = s.stack.storage;
  return {
    uploads: logicalIdOf(s, st.uploads),
    lake: logicalIdOf(s, st.lake),
    reports: logicalIdOf(s, st.reports),
    athenaResults: logicalIdOf(s, st.athenaResults),
    accessLogs: logicalIdOf(s, st.accessLogs),
  };
}

describe('storage buckets', () => {
  it('has exactly the five buckets: uploads, lake, reports, Athena results, access logs', () => {
    // Prepare
    const ids = Object.values(bucketIds());
    // Act
    const buckets = resourcesOfType(s, 'AWS::S3::Bucket').map(([id]) => id);
    // Assess
    expect(buckets.sort()).toEqual([...ids].sort());
  });

  it('encrypts every data bucket with the customer-managed KMS key and the log bucket with SSE-S3', () => {
    const keyId = logicalIdOf(s, s.stack.storage.key);
    const ids = bucketIds();
    for (const [name, id] of Object.entries(ids)) {
      const sse = s.json.Resources[id].Properties!.BucketEncryption.ServerSideEncryptionConfiguration[0];
      if (name === 'accessLogs') {
        // S3 server access logging delivers only to SSE-S3 buckets.
        expect(sse.ServerSideEncryptionByDefault, name).toEqual({ SSEAlgorithm: 'AES256' });
      } else {
        expect(sse.ServerSideEncryptionByDefault, name).toEqual({
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
        });
        expect(sse.BucketKeyEnabled, name).toBe(true);
      }
    }
    s.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('blocks all public access on every bucket', () => {
    for (const [id, r] of resourcesOfType(s, 'AWS::S3::Bucket')) {
      expect(r.Properties!.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('denies every request without TLS on every bucket', () => {
    const policies = resourcesOfType(s, 'AWS::S3::BucketPolicy');
    for (const [id] of resourcesOfType(s, 'AWS::S3::Bucket')) {
      const policy = policies.find(([, p]) => p.Properties!.Bucket?.Ref === id);
      expect(policy, `bucket policy of ${id}`).toBeDefined();
      const statements = policy![1].Properties!.PolicyDocument.Statement as any[];
      const tlsDeny = statements.find(
        (st) => st.Effect === 'Deny' && st.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(tlsDeny, `TLS-only statement on ${id}`).toMatchObject({ Action: 's3:*', Principal: { AWS: '*' } });
    }
  });

  it('versions the buckets that hold data and never expires their current objects', () => {
    const ids = bucketIds();
    for (const name of ['uploads', 'lake', 'reports'] as const) {
      const p = s.json.Resources[ids[name]].Properties!;
      expect(p.VersioningConfiguration, name).toEqual({ Status: 'Enabled' });
      for (const rule of p.LifecycleConfiguration.Rules as any[]) {
        expect(rule.ExpirationInDays, `${name} rule ${rule.Id}`).toBeUndefined();
        expect(rule.ExpirationDate, `${name} rule ${rule.Id}`).toBeUndefined();
        expect(rule.NoncurrentVersionExpiration, `${name} rule ${rule.Id}`).toBeUndefined();
        expect(rule.NoncurrentVersionExpirationInDays, `${name} rule ${rule.Id}`).toBeUndefined();
      }
    }
  });

  it('expires Athena query results, which are only a cache', () => {
    const p = s.json.Resources[bucketIds().athenaResults].Properties!;
    expect(p.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })]),
    );
  });

  it('sends server access logs of every other bucket to the access-log bucket', () => {
    const ids = bucketIds();
    for (const [name, id] of Object.entries(ids)) {
      if (name === 'accessLogs') continue;
      expect(s.json.Resources[id].Properties!.LoggingConfiguration, name).toMatchObject({
        DestinationBucketName: { Ref: ids.accessLogs },
      });
    }
  });
});
