/**
 * The AWS ingest and report path on real parts, on loopback: s3rver speaks the S3 API, the real
 * ingest Lambda handler (its own S3Client, pointed at s3rver through AWS_ENDPOINT_URL_S3) takes
 * the SQS batch of S3 notifications S3 would send, and runReport writes the four report files to
 * the reports bucket through S3Store. Checks what lands in each bucket, byte for byte where it
 * matters, and that the S3 path lands the same rows as the local path.
 */
import { reportFileKey } from '../../functions/report/output-names.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// As Lambda sets them before the module loads (Powertools reads them at construction).
import './ingest-lambda-env.js';

import type { SQSBatchResponse } from 'aws-lambda';
import { handler } from '../../functions/ingest/handler.js';
import { ingestFile, type IngestSummary } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { PARTITION_KEYS, PERIOD_PARTITIONED, type DatasetName } from '../../functions/lib/lake-layout.js';
import { FolderStore, type S3Store } from '../../functions/lib/object-store/index.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { runReport, type RunReportResult } from '../../functions/report/run-report.js';
import type { GenerateResult } from '../../functions/generator/index.js';
import { getDataset, DUCKDB_TABLES } from '../../schemas/index.js';
import { captureOutput, lambdaContext, sqsEvent } from '../handlers/events.js';
import { lakeTable, openDuck, rows, tempDir } from '../ingest/helpers.js';
import { DATASET_NAMES, generateKukar, KAB, UPLOAD_KEYS } from './generated.js';
import { createdRecord, download, notification, startLocalS3, testEvent, type LocalS3 } from './s3-harness.js';

const NOW = Date.now();
const REPORTS = ['scorecard', 'sanctions', 'ranking'] as const;
const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;

let s3: LocalS3;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let generated: GenerateResult;
let lakeStore: S3Store;
let reportStore: S3Store;
let batch: SQSBatchResponse;
let logs: string[];
const eTags = {} as Record<DatasetName, string>;
const manifests = {} as Record<DatasetName, IngestSummary>;
const lakeDir = () => tmp.path('s3-lake');
const localDir = () => tmp.path('local-lake');
let period: string;

beforeAll(async () => {
  // Prepare: the server, three buckets, five generated uploads (3 months, 2 % bad rows).
  s3 = await startLocalS3(['uploads', 'lake', 'reports']);
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  tmp = await tempDir('pkh-s3-pipeline-');
  duck = await openDuck();
  generated = await generateKukar(tmp.path('in'), { months: 3, invalidRate: 0.02, seed: 5, now: NOW });
  period = generated.periods[generated.periods.length - 1];
  const uploads = s3.store('uploads');
  lakeStore = s3.store('lake');
  reportStore = s3.store('reports');
  const client = s3.client();
  const records = {} as Record<DatasetName, Awaited<ReturnType<typeof createdRecord>>>;
  for (const d of DATASET_NAMES) {
    await uploads.put(UPLOAD_KEYS[d], await readFile(generated.files[d]));
    records[d] = await createdRecord(client, 'uploads', UPLOAD_KEYS[d]);
    eTags[d] = records[d].s3.object.eTag;
  }
  const event = sqsEvent(
    testEvent('m-test', 'uploads'),
    notification('m-roster-monthly', records.roster, records.monthly_report),
    // The same record twice in one message, and the whole message delivered twice (at least once).
    notification('m-activity', records.activity_log, records.activity_log),
    notification('m-disbursement', records.disbursement),
    notification('m-profile', records.kecamatan_profile),
    notification('m-activity-again', records.activity_log),
  );

  // Act
  const out = await captureOutput(() => handler(event, lambdaContext()));
  batch = out.result as SQSBatchResponse;
  logs = out.lines;
  for (const d of DATASET_NAMES) {
    const [key] = (await lakeStore.list(`manifests/${d}/`)).map((o) => o.key);
    manifests[d] = JSON.parse(Buffer.from(await lakeStore.get(key)).toString('utf8'));
  }
  await download(lakeStore, '', lakeDir());
}, 120_000);

afterAll(async () => {
  duck?.close();
  await s3?.stop();
  await tmp?.cleanup();
  delete process.env.AWS_ENDPOINT_URL_S3;
});

describe('ingest Lambda on s3rver: SQS batch of S3 notifications', () => {
  it('reads every URL-encoded key and fails no message (test event, duplicate record, redelivery)', () => {
    expect(batch).toStrictEqual({ batchItemFailures: [] });
    // Five uploads, the activity log ingested twice (redelivered message), the duplicate record once.
    expect(logs.filter((l) => l.includes('"upload ingested"'))).toHaveLength(6);
    expect(logs.filter((l) => l.includes('"level":"ERROR"'))).toEqual([]);
    for (const d of DATASET_NAMES) expect(manifests[d].source).toBe(UPLOAD_KEYS[d]);
  });

  it('writes one manifest per upload with every row counted: read = accepted + rejected, rejected per code as generated', async () => {
    const keys = (await lakeStore.list('manifests/')).map((o) => o.key);
    expect(keys).toHaveLength(5);
    for (const d of DATASET_NAMES) {
      const m = manifests[d];
      expect(m.dataset).toBe(d);
      expect(m.rows_read).toBe(generated.rows[d]);
      expect(m.rows_accepted + m.rows_rejected).toBe(m.rows_read);
      expect(m.rows_rejected).toBe(generated.invalidRows[d]);
      expect(m.rejected_by_code).toEqual(generated.invalidByCode[d]);
    }
  });

  it('lays Parquet objects out as lake/<dataset>/[kabupaten_code=64.02/][period=YYYY-MM/]<id>.parquet, as the manifests list them', async () => {
    for (const d of DATASET_NAMES) {
      const objects = (await lakeStore.list(`lake/${d}/`)).map((o) => o.key);
      const folders = PARTITION_KEYS[d].map((k) => (k === 'period' ? 'period=\\d{4}-\\d{2}/' : `kabupaten_code=${KAB}/`)).join('');
      const pattern = new RegExp(`^lake/${d}/${folders}[0-9a-f]{16}(-\\d+)?\\.parquet$`);
      for (const key of objects) expect(key).toMatch(pattern);
      expect(objects).toHaveLength(manifests[d].partitions.reduce((n, p) => n + p.objects, 0));
    }
  });

  it('stores every accepted row once: DuckDB counts per partition equal the manifest, despite the duplicate and the redelivery', async () => {
    for (const d of DATASET_NAMES) {
      const byPart = PERIOD_PARTITIONED.has(d)
        ? `SELECT kabupaten_code, period, count(*) AS n FROM ${lakeTable(lakeDir(), d)} GROUP BY ALL ORDER BY ALL`
        : `SELECT kabupaten_code, count(*) AS n FROM ${lakeTable(lakeDir(), d)} GROUP BY ALL ORDER BY ALL`;
      const got = (await rows(duck.con, byPart)).map((r) => ({ ...r, n: Number(r.n) }));
      expect(got).toEqual(manifests[d].partitions.map(({ objects: _, rows: n, ...p }) => ({ ...p, n })));
      const [total] = await rows(duck.con, `SELECT count(*) AS n, count(DISTINCT _source) AS sources FROM ${lakeTable(lakeDir(), d)}`);
      expect(Number(total.n)).toBe(manifests[d].rows_accepted);
      expect(total.sources).toBe('1');
    }
  });

  it('quarantines each rejected row once, with its file, row number and reasons', async () => {
    for (const d of DATASET_NAMES) {
      const all = (await lakeStore.list(`quarantine/${d}/`)).map((o) => o.key);
      const keys = all.filter((k) => k.endsWith('.jsonl'));
      // No quarantine object for an upload without a rejected row; with one, its correction workbook beside it.
      expect(keys).toHaveLength(manifests[d].rows_rejected > 0 ? 1 : 0);
      expect(all).toEqual(keys.flatMap((k) => [k, k.replace(/\.jsonl$/, '.xlsx')]));
      if (keys.length === 0) continue;
      const lines = Buffer.from(await lakeStore.get(keys[0])).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(manifests[d].rows_rejected);
      expect(new Set(lines.map((l) => l.row)).size).toBe(lines.length);
      const byCode: Record<string, number> = {};
      for (const l of lines) {
        expect(l.source).toBe(UPLOAD_KEYS[d]);
        expect(l.errors.length).toBeGreaterThan(0);
        for (const e of l.errors) expect(e.message).toMatch(/^[^\n]+ \/ [^\n]+$/);
        for (const code of new Set<string>(l.errors.map((e: { code: string }) => e.code))) byCode[code] = (byCode[code] ?? 0) + 1;
      }
      expect(byCode).toEqual(manifests[d].rejected_by_code);
    }
  });

  it('lands the same rows and objects as pkh ingest of the same files into a folder', async () => {
    // Prepare: the local path, same key and content identity (ETag) as the S3 event gave.
    const local = new FolderStore(localDir());
    for (const d of DATASET_NAMES) {
      const bytes = await readFile(generated.files[d]);
      await ingestFile({
        dataset: getDataset(d),
        source: { key: UPLOAD_KEYS[d], size: bytes.length, contentId: `${eTags[d]}|`, open: () => Readable.from([bytes]) },
        store: local,
        now: NOW,
        limits: DEFAULT_CONFIG.limits,
      });
    }
    // Assess: same object keys, same stored rows (the moment of ingest aside).
    const s3Keys = (await lakeStore.list('')).map((o) => o.key);
    expect((await local.list('')).map((o) => o.key)).toEqual(s3Keys);
    for (const d of DATASET_NAMES) {
      const digest = (dir: string) =>
        rows(duck.con, `SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) AS h, count(*) AS n FROM (SELECT * EXCLUDE (_ingested_at) FROM ${lakeTable(dir, d)}) t`);
      expect(await digest(lakeDir())).toEqual(await digest(localDir()));
    }
  });
});

describe('reports from the S3 lake into the reports bucket', () => {
  const written = {} as Record<(typeof REPORTS)[number], RunReportResult>;

  beforeAll(async () => {
    const engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lakeDir() });
    try {
      for (const report of REPORTS) written[report] = await runReport({ report, kabupaten: KAB, period, engine, config, out: reportStore, now: NOW });
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('writes the six formats of each report under <report>/64.02/<P>/, named what-where-when, and index.html', async () => {
    const expected = [
      'index.html',
      ...REPORTS.flatMap((r) => ['csv', 'html', 'json', 'pdf', 'txt', 'xlsx'].map((ext) => reportFileKey(written[r].report, ext, 'id'))),
    ].sort();
    for (const key of expected.slice(1)) expect(key).toMatch(new RegExp(`^[a-z]+/${KAB}/${period}/[a-z-]+-${KAB}-${period}(-sementara-\\d{4}-\\d{2}-\\d{2})?\\.[a-z]+$`));
    expect((await reportStore.list('')).map((o) => o.key)).toEqual(expected);
  });

  it('stores the report JSON byte for byte, and the other formats with their signatures', async () => {
    for (const report of REPORTS) {
      const key = (ext: string) => reportFileKey(written[report].report, ext, 'id');
      const json = JSON.parse(Buffer.from(await reportStore.get(key('json'))).toString('utf8'));
      expect(json).toEqual(written[report].report);
      expect(json).toMatchObject({ report, kabupaten_code: KAB, period });
      const csv = Buffer.from(await reportStore.get(key('csv')));
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString('utf8').split('\n').length).toBeGreaterThan(2);
      expect(Buffer.from(await reportStore.get(key('xlsx'))).subarray(0, 2).toString('latin1')).toBe('PK');
      const html = Buffer.from(await reportStore.get(key('html'))).toString('utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).toMatch(/Kutai Kartanegara/i);
    }
  });

  it('gives the same reports as the lake ingested locally', async () => {
    const engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: localDir() });
    try {
      for (const report of REPORTS) {
        const local = await runReport({ report, kabupaten: KAB, period, formats: ['json'], engine, config, out: new FolderStore(tmp.path(`out-${report}`)), now: NOW });
        expect(local.report).toEqual(written[report].report);
        const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
        expect(sha(await readFile(path.join(tmp.path(`out-${report}`), local.keys[0])))).toBe(sha(await reportStore.get(local.keys[0])));
      }
    } finally {
      await engine.close();
    }
  });
});
