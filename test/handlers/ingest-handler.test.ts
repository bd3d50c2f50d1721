import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Set before the handler module loads, as Lambda does (Powertools reads them at construction).
vi.hoisted(() => {
  process.env.LAKE_BUCKET = 'pkh-lake';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'PantauPKH';
  process.env.POWERTOOLS_SERVICE_NAME = 'pantau-pkh-ingest';
});

import type { handler as Handler } from '../../functions/ingest/handler.js';
import { captureOutput, lambdaContext, s3Created, s3Message, sqsEvent, sqsRecord } from './events.js';
import { fakeS3, type FakeS3 } from './fake-s3.js';

const UPLOADS = 'pkh-uploads';
const LAKE = 'pkh-lake';
const HEADER = 'facilitator_id,full_name,role,kabupaten_code,kecamatan_code,supervisor_id,active_from,active_to';
/** Row values that must never reach a log line. */
const SECRETS = ['PND-RAHASIA-01', 'Budi Santoso Rahasia', 'PND-RAHASIA-02', 'Siti Nurhaliza Rahasia', 'Joko Tanpa Header', 'PND-RAHASIA-03'];

const GOOD = `${HEADER}\nPND-RAHASIA-01,Budi Santoso Rahasia,pendamping,64.02,64.02.01,KORKAB-01,2025-01-01,\n`;
const BAD_ROWS =
  `${HEADER}\nPND-RAHASIA-02,Siti Nurhaliza Rahasia,pendamping,64.02,64.02.01,KORKAB-01,2025-01-01,\n` +
  `PND-RAHASIA-03,Agus Rahasia,pendamping,64.02,99.99.99,KORKAB-01,2025-01-01,\n`;
/** No header row: the first data row is read as the header, so required columns are missing. */
const HEADERLESS = 'PND-RAHASIA-09,Joko Tanpa Header,pendamping,64.02,64.02.01,KORKAB-01,2025-01-01,\n';

function lakeKeys(s3: FakeS3, prefix: string): string[] {
  return s3.keys(LAKE).filter((k) => k.startsWith(prefix));
}

// Loaded anew: the handler builds its S3 stores from the environment on first use, and another
// test file in the same thread may have loaded it with its own.
let handler: typeof Handler;
beforeAll(async () => {
  vi.resetModules();
  ({ handler } = await import('../../functions/ingest/handler.js'));
});

describe('ingest Lambda: SQS batch of S3 notifications', () => {
  let s3: FakeS3;

  beforeEach(() => {
    s3 = fakeS3();
  });

  afterEach(() => s3.restore());

  it('gagal hanya pesan yang S3-nya terus 503; berkas rusak permanen tidak diulang / only the throttled message fails; an unreadable file is permanent', async () => {
    // Prepare
    s3.add(UPLOADS, 'incoming/roster/good.csv', GOOD);
    s3.add(UPLOADS, 'incoming/roster/bad-rows.csv', BAD_ROWS);
    s3.add(UPLOADS, 'incoming/roster/headerless.csv', HEADERLESS);
    s3.add(UPLOADS, 'incoming/roster/throttled.csv', GOOD);
    s3.throttled.add(`${UPLOADS}/incoming/roster/throttled.csv`);
    const event = sqsEvent(
      s3Message('m-good', s3Created(UPLOADS, 'incoming/roster/good.csv')),
      s3Message('m-bad-rows', s3Created(UPLOADS, 'incoming/roster/bad-rows.csv')),
      s3Message('m-unreadable', s3Created(UPLOADS, 'incoming/roster/headerless.csv')),
      s3Message('m-throttled', s3Created(UPLOADS, 'incoming/roster/throttled.csv')),
    );

    // Act
    const { result, lines } = await captureOutput(() => handler(event, lambdaContext()));

    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-throttled' }] });
    // good + bad-rows: a manifest each; the unreadable file: an error record; the throttled one: nothing.
    const manifests = lakeKeys(s3, 'manifests/roster/');
    expect(manifests.filter((k) => k.endsWith('.error.json'))).toHaveLength(1);
    expect(manifests.filter((k) => !k.endsWith('.error.json'))).toHaveLength(2);
    const sources = manifests.map((k) => JSON.parse(s3.text(LAKE, k)).source).sort();
    expect(sources).toEqual(['incoming/roster/bad-rows.csv', 'incoming/roster/good.csv', 'incoming/roster/headerless.csv']);
    const errorRecord = JSON.parse(s3.text(LAKE, manifests.find((k) => k.endsWith('.error.json'))!));
    expect(errorRecord.error.code).toBe('missing_column');
    // the bad rows' quarantine and, beside it, their correction workbook (written by the Lambda too)
    expect(lakeKeys(s3, 'quarantine/roster/').map((k) => k.slice(k.lastIndexOf('.')))).toEqual(['.jsonl', '.xlsx']);
    expect(lakeKeys(s3, 'lake/roster/')).toHaveLength(2); // unpartitioned: one object per ingest
    // The throttled object was tried five times (S3Store's retries), then left for SQS to redeliver.
    expect(s3.gets.filter((g) => g.endsWith('throttled.csv'))).toHaveLength(5);
    // Logs: outcomes by ids and counts, never a cell value.
    const logs = lines.join('\n');
    expect(logs).toContain('upload ingested');
    expect(logs).toContain('upload rejected');
    expect(logs).toContain('"rows_rejected":1');
    expect(logs).toContain('"FilesRejected"');
    expect(logs).toContain('"cause_name":"SlowDown"');
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });

  it('pesan bukan JSON gagal sendiri / a non-JSON message fails alone', async () => {
    // Prepare
    s3.add(UPLOADS, 'incoming/roster/good.csv', GOOD);
    const event = sqsEvent(sqsRecord('m-poison', 'this is {not json'), s3Message('m-good', s3Created(UPLOADS, 'incoming/roster/good.csv')));
    // Act
    const { result } = await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-poison' }] });
    expect(lakeKeys(s3, 'manifests/roster/')).toHaveLength(1);
  });

  it('s3:TestEvent berhasil tanpa menulis apa pun / the s3:TestEvent succeeds and writes nothing', async () => {
    // Prepare
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2026-11-01T00:00:00.000Z', Bucket: UPLOADS });
    // Act
    const { result } = await captureOutput(() => handler(sqsEvent(sqsRecord('m-test', body)), lambdaContext()));
    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [] });
    expect(s3.puts).toEqual([]);
    expect(s3.gets).toEqual([]);
  });

  it('kunci ter-URL-encode dibaca dengan nama aslinya / URL-encoded keys are read by their real name', async () => {
    // Prepare
    const key = 'incoming/roster/Daftar SDM Okt (2026)+rev.csv';
    s3.add(UPLOADS, key, GOOD);
    const encoded = 'incoming/roster/Daftar+SDM+Okt+%282026%29%2Brev.csv';
    // Act
    const { result } = await captureOutput(() => handler(sqsEvent(s3Message('m-1', s3Created(UPLOADS, encoded))), lambdaContext()));
    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [] });
    expect(s3.gets[0]).toBe(`${UPLOADS}/${key}`);
    const [manifest] = lakeKeys(s3, 'manifests/roster/');
    expect(JSON.parse(s3.text(LAKE, manifest)).source).toBe(key);
  });

  it('rekaman ganda dalam satu pesan diproses sekali / duplicate records in one message ingest once', async () => {
    // Prepare
    s3.add(UPLOADS, 'incoming/roster/good.csv', GOOD);
    const record = s3Created(UPLOADS, 'incoming/roster/good.csv');
    // Act
    const { result } = await captureOutput(() => handler(sqsEvent(s3Message('m-1', record, record)), lambdaContext()));
    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [] });
    expect(s3.gets.filter((g) => g.startsWith(UPLOADS))).toHaveLength(1);
    expect(lakeKeys(s3, 'manifests/roster/')).toHaveLength(1);
  });

  it('unggahan di folder yang salah dilewati tanpa gagal / an upload in the wrong folder is skipped, not failed', async () => {
    // Prepare
    s3.add(UPLOADS, 'incoming/rosterr/x.csv', GOOD);
    s3.add(UPLOADS, 'x.csv', GOOD);
    const event = sqsEvent(s3Message('m-1', s3Created(UPLOADS, 'incoming/rosterr/x.csv'), s3Created(UPLOADS, 'x.csv')));
    // Act
    const { result, lines } = await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    expect(result).toStrictEqual({ batchItemFailures: [] });
    expect(s3.keys(LAKE)).toEqual([]);
    expect(lines.join('\n')).toContain('"FilesSkipped"');
  });

  it('pesan yang sama dikirim ulang menimpa, bukan menggandakan / a redelivered message overwrites, never duplicates', async () => {
    // Prepare
    s3.add(UPLOADS, 'incoming/roster/bad-rows.csv', BAD_ROWS);
    const event = sqsEvent(s3Message('m-1', s3Created(UPLOADS, 'incoming/roster/bad-rows.csv')));
    await captureOutput(() => handler(event, lambdaContext()));
    const first = s3.keys(LAKE);
    // Act
    await captureOutput(() => handler(event, lambdaContext()));
    // Assess
    expect(s3.keys(LAKE)).toEqual(first);
    expect(first).toHaveLength(4); // one data object, the quarantine, its correction workbook, the manifest
  });
});
