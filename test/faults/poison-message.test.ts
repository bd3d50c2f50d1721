/**
 * An SQS message that keeps failing, on real parts: the real ingest Lambda handler reads from
 * s3rver through a proxy that answers 503 SlowDown for one upload, every time. Delivered the way
 * SQS delivers (failed messages again, with a growing receive count), that message alone is in
 * batchItemFailures on every receive while the others are ingested on the first; after
 * `maxReceiveCount` receives SQS moves it to the dead-letter queue, which the stack wires and
 * alarms on (asserted on the synthesized template).
 *
 * Also proven elsewhere: test/handlers/ingest-handler.test.ts (mocked S3: a throttled object and a
 * non-JSON body each fail alone), test/infra/queues-functions.test.ts (redrive to a DLQ, visibility
 * timeout ≥ 6 × function timeout, ReportBatchItemFailures), test/infra/schedules-alarms.test.ts
 * (an alarm on every DLQ's depth).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import '../integration/ingest-lambda-env.js';

import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { handler } from '../../functions/ingest/handler.js';
import { INGEST_MAX_RECEIVES } from '../../infra/constructs/ingest-pipeline.js';
import { captureOutput, lambdaContext, sqsEvent, sqsRecord } from '../handlers/events.js';
import { logicalIdOf, synthStack } from '../infra/stack-fixture.js';
import { tempDir } from '../ingest/helpers.js';
import { generateKukar, UPLOAD_KEYS } from '../integration/generated.js';
import { createdRecord, notification, startLocalS3, type LocalS3 } from '../integration/s3-harness.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

const POISON_KEY = 'incoming/roster/selalu 503 (rusak).csv';

let s3: LocalS3;
let proxy: FaultProxy;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let batch: SQSRecord[];

/** The same message received again: SQS raises ApproximateReceiveCount on each receive. */
function received(m: SQSRecord, count: number): SQSRecord {
  return { ...m, attributes: { ...m.attributes, ApproximateReceiveCount: String(count) } };
}

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'lake']);
  // Every request for the poisoned upload is throttled; the rest pass.
  const poisonPath = `/uploads/${encodeURI(POISON_KEY)}`;
  proxy = await startFaultProxy(s3.port, (req) => (decodeURIComponent(req.url ?? '').startsWith(decodeURIComponent(poisonPath)) ? 'slowdown' : 'pass'));
  process.env.AWS_ENDPOINT_URL_S3 = proxy.endpoint;
  tmp = await tempDir('pkh-faults-poison-');
  const generated = await generateKukar(tmp.path('in'), { months: 1, invalidRate: 0, seed: 3, now: Date.now() });
  const uploads = s3.store('uploads');
  const client = s3.client();
  await uploads.put(UPLOAD_KEYS.roster, await readFile(generated.files.roster));
  await uploads.put(UPLOAD_KEYS.kecamatan_profile, await readFile(generated.files.kecamatan_profile));
  await uploads.put(POISON_KEY, await readFile(generated.files.roster));
  batch = [
    notification('m-roster', await createdRecord(client, 'uploads', UPLOAD_KEYS.roster)),
    notification('m-poison', await createdRecord(client, 'uploads', POISON_KEY)),
    sqsRecord('m-not-s3', '{"hello":"this is not an S3 notification"}'),
    notification('m-profile', await createdRecord(client, 'uploads', UPLOAD_KEYS.kecamatan_profile)),
  ];
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await s3?.stop();
  await tmp?.cleanup();
  delete process.env.AWS_ENDPOINT_URL_S3;
});

describe('a message that keeps failing', () => {
  it('fails alone on every receive until maxReceiveCount; the others are ingested on the first', async () => {
    // Act: receive, keep what failed, receive it again, up to the redrive count.
    const failedPerReceive: string[][] = [];
    let inFlight = batch;
    for (let receive = 1; receive <= INGEST_MAX_RECEIVES && inFlight.length > 0; receive++) {
      const { result } = await captureOutput(() => handler(sqsEvent(...inFlight.map((m) => received(m, receive))), lambdaContext()));
      const failed = (result as SQSBatchResponse).batchItemFailures.map((f) => f.itemIdentifier);
      failedPerReceive.push(failed);
      inFlight = inFlight.filter((m) => failed.includes(m.messageId));
    }
    // Assess
    expect(failedPerReceive).toEqual([
      ['m-poison', 'm-not-s3'],
      ['m-poison', 'm-not-s3'],
      ['m-poison', 'm-not-s3'],
    ]);
    const lake = s3.store('lake');
    const manifests = (await lake.list('manifests/')).map((o) => o.key);
    expect(manifests).toHaveLength(2);
    const sources = await Promise.all(manifests.map(async (k) => JSON.parse(Buffer.from(await lake.get(k)).toString('utf8')).source));
    expect(sources.sort()).toEqual([UPLOAD_KEYS.kecamatan_profile, UPLOAD_KEYS.roster].sort());
    // The poisoned upload was tried by S3Store (5 tries) on each receive, and left no manifest,
    // no error record (a retryable failure is not a rejection) and no object.
    expect(proxy.stats.slowdown).toBe(5 * INGEST_MAX_RECEIVES);
    expect((await lake.list('quarantine/')).map((o) => o.key)).toEqual([]);
    expect(new Set((await lake.list('lake/roster/')).map((o) => o.key)).size).toBe(1);
  }, 60_000);

  it('then sits in the dead-letter queue: the ingest queue redrives after exactly that many receives, and the DLQ is alarmed', () => {
    const s = synthStack();
    const queueId = logicalIdOf(s, s.stack.ingest.queue);
    const dlqId = logicalIdOf(s, s.stack.ingest.deadLetterQueue);
    expect(INGEST_MAX_RECEIVES).toBe(3);
    expect(s.json.Resources[queueId].Properties!.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 3 });
    const alarm = Object.values(s.json.Resources).find(
      (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties!.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(r.Properties!.Dimensions).includes(dlqId),
    );
    expect(alarm?.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  }, 60_000);
});
