/**
 * S3 answering 503 SlowDown and 500 InternalError to about 30 % of requests (a loopback proxy in
 * front of s3rver) while uploads are ingested through S3Store: the retries with back-off leave
 * exactly the lake a run without faults leaves — same keys, same bytes, same rows read back.
 * When the faults outlast the retries, the message fails; running it again (SQS redelivery) still
 * converges to the same lake.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import { processIngestRecord, type IngestRecordDeps } from '../../functions/ingest/process-record.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import type { DatasetName } from '../../functions/lib/lake-layout.js';
import type { RetryOptions, S3Store } from '../../functions/lib/object-store/index.js';
import type { SQSRecord } from 'aws-lambda';
import { openDuck, tempDir } from '../ingest/helpers.js';
import { generateKukar, UPLOAD_KEYS } from '../integration/generated.js';
import { createdRecord, download, notification, startLocalS3, type LocalS3 } from '../integration/s3-harness.js';
import { randomFaults, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { lakeAnswers, objectDigests } from './lake-compare.js';

const NOW = Date.now();
const DATASETS: DatasetName[] = ['roster', 'monthly_report', 'activity_log', 'disbursement', 'kecamatan_profile'];
/** Small objects (1,500 rows), so an ingest makes many requests: several objects per partition. */
const TUNING = { bufferLimits: { maxObjectRows: 1500, maxBufferedBytes: 24 * 1024 * 1024 } };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let s3: LocalS3;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let messages: SQSRecord[];
let clean: S3Store;
const proxies: FaultProxy[] = [];

function deps(lake: S3Store, client: S3Client, retry?: RetryOptions): IngestRecordDeps {
  return {
    uploads: (bucket) => s3.store(bucket, { client, retry }),
    lake,
    now: () => NOW,
    logger: quiet,
    metrics: { publish: () => undefined },
    limits: DEFAULT_CONFIG.limits,
    tuning: TUNING,
  };
}

beforeAll(async () => {
  s3 = await startLocalS3(['uploads', 'lake']);
  tmp = await tempDir('pkh-faults-s3-');
  duck = await openDuck();
  const generated = await generateKukar(tmp.path('in'), { months: 2, invalidRate: 0.02, seed: 21, now: NOW });
  const client = s3.client();
  const uploads = s3.store('uploads');
  messages = [];
  for (const d of DATASETS) {
    await uploads.put(UPLOAD_KEYS[d], await readFile(generated.files[d]));
    messages.push(notification(`m-${d}`, await createdRecord(client, 'uploads', UPLOAD_KEYS[d])));
  }
  // The reference: the same messages with no fault at all.
  clean = s3.store('lake', { prefix: 'clean/', client });
  for (const m of messages) await processIngestRecord(m, deps(clean, client));
  await download(clean, '', tmp.path('clean'));
}, 120_000);

afterAll(async () => {
  for (const p of proxies) await p.close();
  duck?.close();
  await s3?.stop();
  await tmp?.cleanup();
});

/** Reads the lake written under `prefix` without faults and compares it with the clean one. */
async function expectSameLake(prefix: string): Promise<void> {
  const written = s3.store('lake', { prefix });
  expect(await objectDigests(written)).toEqual(await objectDigests(clean));
  const dir = prefix.replace(/\/$/, '');
  await download(written, '', tmp.path(dir));
  for (const d of DATASETS) {
    const got = await lakeAnswers(duck.con, tmp.path(dir), d);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(await lakeAnswers(duck.con, tmp.path('clean'), d));
  }
}

describe('S3 throttling and 500s during ingest', () => {
  it('30 % of requests failing (SlowDown, InternalError, some after the write): retried, same lake as without faults', async () => {
    // Prepare
    const proxy = await startFaultProxy(s3.port, randomFaults(0.3, 7));
    proxies.push(proxy);
    const client = s3.client(proxy.endpoint);
    // Only the proxy's faults are counted (their request id is FAULT…): s3rver itself answers 500
    // now and then when one request removes a folder another is writing into (its file store
    // deletes emptied folders; publishing copies and deletes in parallel). Real S3 has no folders.
    let retries = 0;
    const injected = (error: unknown) => String((error as { $metadata?: { requestId?: string } })?.$metadata?.requestId).startsWith('FAULT');
    const retry: RetryOptions = { attempts: 10, baseDelayMs: 2, maxDelayMs: 20, onRetry: ({ error }) => void (injected(error) && retries++) };
    const faulty = s3.store('lake', { prefix: 'faulty/', client, retry });
    // Act
    for (const m of messages) await processIngestRecord(m, deps(faulty, client, retry));
    // Assess
    const { stats } = proxy;
    const failed = stats.slowdown + stats.internal + stats.internalAfter;
    expect(stats.requests).toBeGreaterThan(60);
    expect(stats.slowdown).toBeGreaterThan(5);
    expect(stats.internal).toBeGreaterThan(0);
    expect(stats.internalAfter).toBeGreaterThan(0);
    expect(failed / stats.requests).toBeGreaterThan(0.2);
    expect(retries).toBe(failed);
    await expectSameLake('faulty/');
  });

  it('faults that outlast the retries fail the message; redelivered until done, the lake is still the clean one', async () => {
    // Prepare: a third of the requests fail and only 4 tries each, so whole messages fail. (Each
    // object now costs three requests: staged, copied, deleted; with 3 tries a message of ~100
    // requests would get through once in ~40 deliveries.)
    const proxy = await startFaultProxy(s3.port, randomFaults(0.33, 11));
    proxies.push(proxy);
    const client = s3.client(proxy.endpoint);
    const retry: RetryOptions = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };
    const faulty = s3.store('lake', { prefix: 'redelivered/', client, retry });
    // Act: what SQS does: deliver, and deliver again what failed.
    let pending = messages;
    let failures = 0;
    for (let round = 0; round < 60 && pending.length > 0; round++) {
      const next: SQSRecord[] = [];
      for (const m of pending) {
        try {
          await processIngestRecord(m, deps(faulty, client, retry));
        } catch {
          failures++;
          next.push(m);
        }
      }
      pending = next;
    }
    // Assess
    expect(pending).toEqual([]);
    expect(failures).toBeGreaterThan(0);
    await expectSameLake('redelivered/');
  });
});
