/**
 * Regression (fixed: ingest releases a source it did not read to the end): an upload rejected because its declared size is over
 * `max_file_bytes` leaves its S3 GetObject response open. ingestFile opens the source to sniff
 * its first bytes, then the reader refuses the size and throws, and nothing destroys the rest of
 * the stream; the HTTP connection stays busy for good. A warm ingest Lambda keeps one S3Client,
 * whose agent has 50 sockets by default: after 50 oversize uploads every S3 request of that
 * container waits forever (until the Lambda times out). Here the client has 2 sockets, so the
 * third request already waits. (A body of a few KB arrives whole and does not show it; 2 MB does.)
 */
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIngestRecord, type IngestRecordDeps } from '../../functions/ingest/process-record.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { S3Store } from '../../functions/lib/object-store/index.js';
import { VALID } from '../ingest/helpers.js';
import { createdRecord, DUMMY_CREDENTIALS, notification, REGION, startLocalS3, type LocalS3 } from './s3-harness.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const A = VALID.activity_log;

let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'lake']);
  // The Lambda's client, with 2 sockets instead of the SDK's 50.
  client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: REGION, credentials: DUMMY_CREDENTIALS, maxAttempts: 1, requestHandler: { httpAgent: { maxSockets: 2 } } });
}, 30_000);

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
});

describe('uploads over max_file_bytes', () => {
  it('release their S3 connection: a good upload after two oversize ones still goes in', async () => {
    // Prepare
    const uploads = s3.store('uploads');
    const body = `${A.header}\n${Array.from({ length: 20_000 }, (_, i) => A.row(i)).join('\n')}\n`;
    const keys = ['besar-1', 'besar-2', 'baik'].map((n) => `incoming/activity_log/${n}.csv`);
    for (const k of keys) await uploads.put(k, body);
    const deps = (maxFileBytes: number): IngestRecordDeps => ({
      uploads: (bucket) => new S3Store({ bucket, client }),
      lake: new S3Store({ bucket: 'lake', client }),
      now: () => Date.parse('2026-03-15T12:00:00Z'),
      logger: quiet,
      metrics: { publish: () => undefined },
      limits: { ...DEFAULT_CONFIG.limits, max_file_bytes: maxFileBytes },
    });
    const record = async (key: string) => notification(key, await createdRecord(s3.client(), 'uploads', key));
    const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000))]);
    for (const k of keys.slice(0, 2)) {
      expect(await within(processIngestRecord(await record(k), deps(1000)))).toEqual([expect.objectContaining({ status: 'rejected', code: 'file_too_large' })]);
    }
    // Act: the same warm "Lambda" (same client) gets a good upload.
    const outcome = await within(processIngestRecord(await record(keys[2]), deps(DEFAULT_CONFIG.limits.max_file_bytes)));
    // Assess
    expect(outcome).toEqual([expect.objectContaining({ status: 'ingested', rowsAccepted: 20_000 })]);
  }, 60_000);
});
