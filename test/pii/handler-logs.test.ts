/**
 * Logs carry ids and counts, never row contents: the real ingest Lambda handler (over s3rver)
 * ingests all five generated datasets with NIKs and marked text planted in them, plus uploads it
 * must reject (no header row, a NIK-bearing duplicated header, over MAX_FILE_BYTES, over
 * MAX_ROWS) and one that fails for good (missing bucket). Every line it writes is captured;
 * none holds a name, id, description, note or NIK from the files, and every field is a count,
 * a code, an id or an upload key.
 *
 * Also proven elsewhere: test/handlers/ingest-handler.test.ts (mocked S3, a few roster rows and a
 * header-less file), test/ingest/bad-inputs.test.ts ("limits from --config": pkh ingest with tiny
 * max_file_bytes / max_rows → exit 1, one line per file over a limit, the other files stored).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import '../integration/ingest-lambda-env.js';

import type { SQSBatchResponse } from 'aws-lambda';
import { handler } from '../../functions/ingest/handler.js';
import { csvLine } from '../../functions/generator/index.js';
import { captureOutput, lambdaContext, sqsEvent } from '../handlers/events.js';
import { tempDir } from '../ingest/helpers.js';
import { DATASET_NAMES, generateKukar, UPLOAD_KEYS } from '../integration/generated.js';
import { createdRecord, notification, startLocalS3, type LocalS3 } from '../integration/s3-harness.js';
import { freeTexts, NIKS, plantInCsv } from './planted.js';

const NOW = Date.now();
const REJECTED = {
  headerless: 'incoming/roster/tanpa header.csv',
  duplicated: 'incoming/activity_log/header ganda (nik).csv',
  tooBig: 'incoming/activity_log/terlalu besar.csv',
  tooManyRows: 'incoming/kecamatan_profile/terlalu banyak baris.csv',
};

let s3: LocalS3;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let batch: SQSBatchResponse;
let lines: string[];
/** Cell values that must never reach a log line. */
const secrets = new Set<string>();

/** Text cells of a CSV worth looking for in logs: names, ids, free text (not codes or numbers). */
function collectSecrets(records: string[][], header: string[], columns: string[], every = 1): void {
  for (const c of columns) {
    const i = header.indexOf(c);
    if (i < 0) continue;
    records.forEach((r, n) => {
      const v = r[i]?.trim();
      if (n % every === 0 && v && v.length >= 6) secrets.add(v);
    });
  }
}

beforeAll(async () => {
  // Prepare
  s3 = await startLocalS3(['uploads', 'lake']);
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  tmp = await tempDir('pkh-pii-logs-');
  const generated = await generateKukar(tmp.path('in'), { months: 2, invalidRate: 0.05, seed: 23, now: NOW });
  const files: Record<string, string> = { ...generated.files };
  await plantInCsv(generated.files.activity_log, 'description', 50, (files.activity_log = tmp.path('aktivitas.csv')));
  await plantInCsv(generated.files.monthly_report, 'notes', 7, (files.monthly_report = tmp.path('laporan.csv')));
  for (const t of freeTexts()) secrets.add(t);
  for (const n of NIKS) secrets.add(n);
  const uploads = s3.store('uploads');
  const sizes: number[] = [];
  const rowCounts: number[] = [];
  for (const d of DATASET_NAMES) {
    const bytes = await readFile(files[d]);
    const [header, ...records] = parse(bytes) as string[][];
    collectSecrets(records, header, ['full_name', 'facilitator_id', 'supervisor_id', 'activity_id', 'description', 'notes', 'kpm_id', 'disbursement_id', 'reconciled_by'], 3);
    sizes.push(bytes.length);
    rowCounts.push(records.length);
    await uploads.put(UPLOAD_KEYS[d], bytes);
  }
  // The uploads to reject: limits just above the good files.
  const maxBytes = Math.max(...sizes) + 1;
  const maxRows = Math.max(...rowCounts) + 1;
  process.env.MAX_FILE_BYTES = String(maxBytes);
  process.env.MAX_ROWS = String(maxRows);
  const roster = await readFile(generated.files.roster, 'utf8');
  await uploads.put(REJECTED.headerless, roster.slice(roster.indexOf('\n') + 1));
  await uploads.put(REJECTED.duplicated, `ACT-RAHASIA-1,${NIKS[0]},${NIKS[0]},Ibu Rahasia Sekali\nACT-RAHASIA-2,PD-1,PD-1,x\n`);
  secrets.add('ACT-RAHASIA-1').add('Ibu Rahasia Sekali');
  const activity = await readFile(files.activity_log, 'utf8');
  await uploads.put(REJECTED.tooBig, activity + activity.slice(activity.indexOf('\n') + 1).repeat(Math.ceil(maxBytes / activity.length)));
  const [profileHeader, profileRow] = parse(await readFile(generated.files.kecamatan_profile)) as string[][];
  await uploads.put(REJECTED.tooManyRows, csvLine(profileHeader) + csvLine(profileRow).repeat(maxRows + 5));
  const client = s3.client();
  const record = (key: string) => createdRecord(client, 'uploads', key);
  const gone = await record(UPLOAD_KEYS.roster);
  gone.s3.bucket.name = 'bucket-yang-tidak-ada';
  const event = sqsEvent(
    ...(await Promise.all(DATASET_NAMES.map(async (d) => notification(`m-${d}`, await record(UPLOAD_KEYS[d]))))),
    notification('m-headerless', await record(REJECTED.headerless)),
    notification('m-duplicated', await record(REJECTED.duplicated)),
    notification('m-too-big', await record(REJECTED.tooBig)),
    notification('m-too-many-rows', await record(REJECTED.tooManyRows)),
    notification('m-gone', gone),
  );

  // Act
  const out = await captureOutput(() => handler(event, lambdaContext()));
  batch = out.result as SQSBatchResponse;
  lines = out.lines;
}, 180_000);

afterAll(async () => {
  await s3?.stop();
  await tmp?.cleanup();
  for (const v of ['AWS_ENDPOINT_URL_S3', 'MAX_FILE_BYTES', 'MAX_ROWS']) delete process.env[v];
});

describe('ingest Lambda logs', () => {
  it('ingest five uploads, reject four for good with error records, fail only the one it cannot reach', async () => {
    expect(batch).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-gone' }] });
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.filter((e) => e.message === 'upload ingested')).toHaveLength(5);
    const rejected = events.filter((e) => e.message === 'upload rejected: the file cannot be read; see its error record');
    expect(Object.fromEntries(rejected.map((e) => [e.source_key, e.error_code]))).toEqual({
      [REJECTED.headerless]: 'missing_column',
      [REJECTED.duplicated]: 'duplicated_column',
      [REJECTED.tooBig]: 'file_too_large',
      [REJECTED.tooManyRows]: 'too_many_rows',
    });
    expect(events.filter((e) => e.level === 'ERROR').map((e) => e.cause_name)).toEqual(['NoSuchBucket']);
    const records = (await s3.store('lake').list('manifests/')).filter((o) => o.key.endsWith('.error.json'));
    expect(records).toHaveLength(4);
  });

  it('hold no cell value of any file: no name, id, description, note or NIK', () => {
    const text = lines.join('\n');
    expect(secrets.size).toBeGreaterThan(1000);
    const leaked = [...secrets].filter((s) => text.includes(s));
    expect(leaked).toEqual([]);
  });

  it('carry only counts, codes, ids and upload keys in their own fields', () => {
    const keys = new Set<string>([...Object.values(UPLOAD_KEYS), ...Object.values(REJECTED)]);
    const allowedText = (v: string) => keys.has(v) || /^[a-z0-9_.:/-]+$/i.test(v) && !/\d{6,}/.test(v.replace(/[0-9a-f]{16}/g, ''));
    for (const line of lines) {
      const e = JSON.parse(line) as Record<string, unknown>;
      const own = ['source_key', 'dataset', 'id', 'rows_read', 'rows_accepted', 'rows_rejected', 'rejected_by_code', 'unknown_column_count', 'partitions', 'objects', 'manifest_key', 'error_code', 'error_key', 'error_name', 'cause_name', 'bucket', 'reason', 'message_id'];
      for (const k of own) {
        const v = e[k];
        if (v === undefined || typeof v === 'number') continue;
        if (k === 'rejected_by_code') {
          expect(Object.values(v as object).every((n) => typeof n === 'number')).toBe(true);
          continue;
        }
        expect(typeof v === 'string' && allowedText(v), `${k}=${JSON.stringify(v)}`).toBe(true);
      }
    }
  });
});
