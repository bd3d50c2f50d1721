/**
 * Report planner Lambda, run monthly (day 6, 08:00 WIB): for the previous month (in WIB) finds
 * every kabupaten with data in the lake and enqueues one report-queue message per
 * (report, kabupaten), each computed as of the schedule's time (`as_of`, so every report of the
 * run sees the same data), plus a region scorecard and sanctions list per province with data and
 * the national pair (`region: 'all'`), as of the same instant. Invoked with `{period: 'YYYY-MM'}`
 * it plans that month instead; `{as_of: ISO}` (the schedule passes its scheduled time) sets the
 * instant, default now.
 * Env: LAKE_BUCKET, REPORT_QUEUE_URL.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { UserError } from '../lib/errors.js';
import { datasetPrefix, partitionedByKabupaten, partitionPrefix, PERIOD_PARTITIONED, type DatasetName } from '../lib/lake-layout.js';
import { distinctStrings } from '../lib/parquet/read-column.js';
import { localDateOf, periodAdd } from '../lib/localtime.js';
import { withRetry, type RetryOptions } from '../lib/object-store/retry.js';
// From the types module, not run-report: the planner bundle needs no renderer or query code.
import { REPORT_NAMES, type ReportName } from './reports/types.js';
import { REGION_REPORTS, type RegionReportName } from './regions/types.js';

/** One report-queue message body. */
export interface ReportMessage {
  report: ReportName;
  kabupaten: string;
  period: string;
  /** The instant every report of the run is computed as of, UTC ISO. */
  as_of: string;
}

/** One region report-queue message body (REPORTS.md §4). */
export interface RegionMessage {
  report: RegionReportName;
  region: string;
  period: string;
  /** The run's instant, as for the kabupaten messages. */
  as_of: string;
}

const LISTING_CONCURRENCY = 16;
const SQS_BATCH = 10;

/** The month before the one `now` falls in, in WIB (the schedule's time zone). */
export function previousPeriod(now: number): string {
  return periodAdd(localDateOf(now, 'WIB').slice(0, 7), -1);
}

/**
 * The messages for a month: every report for every kabupaten, sorted by kabupaten then report.
 *
 * @example planReports(['64.02'], '2026-10', Date.parse('2026-11-06T01:00:00Z'))
 * // [{report:'scorecard',kabupaten:'64.02',period:'2026-10',as_of:'2026-11-06T01:00:00.000Z'}, …sanctions, …ranking]
 */
export function planReports(kabupatenWithData: Iterable<string>, period: string, asOf: number): ReportMessage[] {
  const as_of = new Date(asOf).toISOString();
  return [...new Set(kabupatenWithData)].sort().flatMap((kabupaten) => REPORT_NAMES.map((report) => ({ report, kabupaten, period, as_of })));
}

/** The run's as-of instant: the event's `as_of` (the schedule's time, ISO with an offset) or `now`. */
export function eventAsOf(event: { as_of?: unknown }, now: number): number {
  if (event.as_of === undefined) return now;
  const ms = typeof event.as_of === 'string' && /(Z|[+-]\d{2}:?\d{2})$/.test(event.as_of) ? Date.parse(event.as_of) : NaN;
  if (!Number.isFinite(ms)) {
    throw new UserError(`as_of "${String(event.as_of)}" bukan waktu ISO dengan zona / as_of "${String(event.as_of)}" is not an ISO timestamp with an offset`, 'invalid_as_of');
  }
  return ms;
}

/**
 * The region messages for a month: a scorecard and a sanctions list for every province with a
 * kabupaten with data, then the national ones (`all`), sorted by province.
 *
 * @example planRegionReports(['64.02', '33.10'], '2026-10', asOf) // 33 scorecard, 33 sanctions, 64 …, all scorecard, all sanctions
 */
export function planRegionReports(kabupatenWithData: Iterable<string>, period: string, asOf: number): RegionMessage[] {
  const as_of = new Date(asOf).toISOString();
  const provinces = [...new Set([...kabupatenWithData].map((k) => k.slice(0, 2)))].sort();
  if (provinces.length === 0) return [];
  return [...provinces, 'all'].flatMap((region) => REGION_REPORTS.map((report) => ({ report, region, period, as_of })));
}

/**
 * Kabupaten codes with data for the month in any period-partitioned dataset:
 * - a dataset with kabupaten folders (activities, disbursements): one delimiter listing for the
 *   kabupaten folders, then one one-key listing of `kabupaten_code=K/period=P/` per kabupaten not
 *   yet known to have data;
 * - a dataset whose month folder holds every kabupaten (the monthly reports): the kabupaten_code
 *   column of the month's objects, read from the data itself (so a kabupaten with only monthly
 *   reports is found, whatever ingest, compaction or migration wrote the objects); a month of
 *   monthly reports is about 36k rows, a few MB.
 */
export async function kabupatenWithData(s3: S3Client, bucket: string, period: string, retry: RetryOptions = {}): Promise<string[]> {
  const list = (Prefix: string, extra: { Delimiter?: string; MaxKeys?: number; ContinuationToken?: string }) =>
    withRetry(() => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix, ...extra })), retry);
  const found = new Set<string>();
  for (const dataset of [...PERIOD_PARTITIONED].sort() as DatasetName[]) {
    if (!partitionedByKabupaten(dataset)) {
      for (const code of await kabupatenInObjects(s3, bucket, partitionPrefix(dataset, { period }), retry)) found.add(code);
      continue;
    }
    const prefix = datasetPrefix(dataset);
    const codes: string[] = [];
    let token: string | undefined;
    do {
      const page = await list(prefix, { Delimiter: '/', ContinuationToken: token });
      for (const p of page.CommonPrefixes ?? []) {
        const m = /kabupaten_code=([^/]+)\/$/.exec(p.Prefix ?? '');
        if (m && !found.has(m[1])) codes.push(m[1]);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    const queue = [...codes];
    const worker = async () => {
      for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
        const page = await list(partitionPrefix(dataset, { kabupaten_code: code, period }), { MaxKeys: 1 });
        if ((page.KeyCount ?? page.Contents?.length ?? 0) > 0) found.add(code);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LISTING_CONCURRENCY, queue.length) }, worker));
  }
  return [...found].sort();
}

/** The kabupaten codes in the Parquet objects directly under `prefix` (names starting with `.` or `_` are not data). */
async function kabupatenInObjects(s3: S3Client, bucket: string, prefix: string, retry: RetryOptions): Promise<Set<string>> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await withRetry(() => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })), retry);
    for (const o of page.Contents ?? []) {
      const name = (o.Key ?? '').slice(prefix.length);
      if (name.endsWith('.parquet') && !name.includes('/') && !name.startsWith('.') && !name.startsWith('_')) keys.push(o.Key!);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const codes = new Set<string>();
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      const bytes = await withRetry(async () => {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return res.Body!.transformToByteArray();
      }, retry);
      for (const code of distinctStrings(bytes, 'kabupaten_code')) codes.add(code);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LISTING_CONCURRENCY, queue.length) }, worker));
  return codes;
}

/**
 * Sends the messages with SendMessageBatch, 10 per request. Entries SQS reports as failed are
 * sent again with back-off; when some still fail, throws naming how many.
 */
export async function sendMessages(sqs: SQSClient, queueUrl: string, messages: readonly (ReportMessage | RegionMessage)[], retry: RetryOptions = {}): Promise<void> {
  for (let i = 0; i < messages.length; i += SQS_BATCH) {
    let pending: SendMessageBatchRequestEntry[] = messages
      .slice(i, i + SQS_BATCH)
      .map((m, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(m) }));
    try {
      await withRetry(async () => {
        const res = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
        const failed = new Set((res.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((e) => failed.has(e.Id));
        // Every failed entry is retried (SenderFault included: they are our own well-formed messages).
        if (pending.length > 0) throw Object.assign(new Error(`${pending.length} entries failed`), { $retryable: true });
      }, retry);
    } catch (err) {
      throw new Error(`SQS SendMessageBatch to ${queueUrl}: ${pending.length} of the messages ${i}–${i + SQS_BATCH - 1} not sent: ${(err as Error).message}`, { cause: err });
    }
  }
}

const logger = new Logger();
let clients: { s3: S3Client; sqs: SQSClient } | undefined;

export const handler = async (event: { period?: unknown; as_of?: unknown } = {}): Promise<{ period: string; kabupaten: number; messages: number }> => {
  const bucket = process.env.LAKE_BUCKET;
  const queueUrl = process.env.REPORT_QUEUE_URL;
  if (!bucket || !queueUrl) throw new Error('LAKE_BUCKET and REPORT_QUEUE_URL must be set');
  const asOf = eventAsOf(event, Date.now());
  const period = event.period === undefined ? previousPeriod(asOf) : String(event.period);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    throw new UserError(`Periode "${period}" tidak valid; tulis YYYY-MM / Invalid period "${period}"; write YYYY-MM`, 'invalid_period');
  }
  clients ??= { s3: new S3Client({ maxAttempts: 1 }), sqs: new SQSClient({}) };
  const kabupaten = await kabupatenWithData(clients.s3, bucket, period);
  const messages = [...planReports(kabupaten, period, asOf), ...planRegionReports(kabupaten, period, asOf)];
  await sendMessages(clients.sqs, queueUrl, messages);
  logger.info('reports planned', { period, kabupaten: kabupaten.length, messages: messages.length });
  return { period, kabupaten: kabupaten.length, messages: messages.length };
};
