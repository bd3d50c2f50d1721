import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, S3Client, type GetObjectCommandInput, type ListObjectsV2CommandInput } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { encodeParquet } from '../../functions/lib/parquet/index.js';
import { eventAsOf, handler, kabupatenWithData, planRegionReports, planReports, previousPeriod, sendMessages, type ReportMessage } from '../../functions/report/planner.js';

const BUCKET = 'pkh-lake';
const QUEUE = 'https://sqs.ap-southeast-3.amazonaws.com/123456789012/report-queue';
const fast = { baseDelayMs: 0, random: () => 0 };

/**
 * A lake listing with real S3 semantics for Prefix, Delimiter, MaxKeys and paging (2 per page);
 * `objects` are the Parquet objects that can be read, each holding rows of these kabupaten.
 */
function lakeListing(s3: AwsClientStub<S3Client>, keys: string[], objects: Record<string, string[]> = {}): ListObjectsV2CommandInput[] {
  const calls: ListObjectsV2CommandInput[] = [];
  keys = [...keys, ...Object.keys(objects)];
  s3.on(GetObjectCommand).callsFake(async (input: GetObjectCommandInput) => {
    const codes = objects[input.Key!];
    if (!codes) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    const bytes = encodeParquet([{ name: 'kabupaten_code', type: 'string' }, { name: 'x', type: 'int32' }], codes.map((kabupaten_code, x) => ({ kabupaten_code, x })));
    return { Body: { transformToByteArray: async () => bytes } as never };
  });
  s3.on(ListObjectsV2Command).callsFake(async (input: ListObjectsV2CommandInput) => {
    calls.push(input);
    const prefix = input.Prefix ?? '';
    const matching = keys.filter((k) => k.startsWith(prefix)).sort();
    if (!input.Delimiter) {
      const Contents = matching.slice(0, input.MaxKeys ?? 1000).map((Key) => ({ Key }));
      return { Contents, KeyCount: Contents.length, IsTruncated: false };
    }
    const folders = [...new Set(matching.map((k) => k.slice(prefix.length)).filter((r) => r.includes('/')).map((r) => prefix + r.slice(0, r.indexOf('/') + 1)))];
    const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
    const page = folders.slice(start, start + 2);
    const more = start + 2 < folders.length;
    return { CommonPrefixes: page.map((Prefix) => ({ Prefix })), KeyCount: page.length, IsTruncated: more, NextContinuationToken: more ? String(start + 2) : undefined };
  });
  return calls;
}

/** The monthly schedule's time: 6 November 2026, 08:00 WIB. */
const SCHEDULED = Date.parse('2026-11-06T01:00:00Z');

describe('report planner', () => {
  it('bulan sebelumnya dihitung dalam WIB / the previous month is taken in WIB', () => {
    // 31 Oct 2026 18:00 UTC is already 1 November 01:00 WIB → previous month is October.
    expect(previousPeriod(Date.parse('2026-10-31T18:00:00Z'))).toBe('2026-10');
    expect(previousPeriod(Date.parse('2026-10-31T16:00:00Z'))).toBe('2026-09');
    expect(previousPeriod(Date.parse('2027-01-06T01:00:00Z'))).toBe('2026-12');
  });

  it('satu pesan per (laporan, kabupaten), urut dan tanpa ganda / one message per (report, kabupaten), sorted, no duplicates', () => {
    // Act
    const messages = planReports(['64.02', '33.10', '64.02'], '2026-10', SCHEDULED);
    // Assess
    const as_of = '2026-11-06T01:00:00.000Z';
    expect(messages).toEqual([
      { report: 'scorecard', kabupaten: '33.10', period: '2026-10', as_of },
      { report: 'sanctions', kabupaten: '33.10', period: '2026-10', as_of },
      { report: 'ranking', kabupaten: '33.10', period: '2026-10', as_of },
      { report: 'scorecard', kabupaten: '64.02', period: '2026-10', as_of },
      { report: 'sanctions', kabupaten: '64.02', period: '2026-10', as_of },
      { report: 'ranking', kabupaten: '64.02', period: '2026-10', as_of },
    ]);
    expect(planReports([], '2026-10', SCHEDULED)).toEqual([]);
  });

  it('waktu jadwal menjadi as_of setiap pesan / the schedule time becomes every message\'s as_of', () => {
    expect(eventAsOf({ as_of: '2026-11-06T01:00:00Z' }, 0)).toBe(SCHEDULED);
    expect(eventAsOf({}, 1234)).toBe(1234);
    expect(() => eventAsOf({ as_of: '2026-11-06T08:00' }, 0)).toThrow(/as_of/);
    expect(() => eventAsOf({ as_of: '<aws.scheduler.scheduled-time>' }, 0)).toThrow(/as_of/);
  });

  it('wilayah: scorecard dan sanksi per provinsi yang punya data, lalu nasional / regions: per province with data, then the nation', () => {
    const as_of = '2026-11-06T01:00:00.000Z';
    expect(planRegionReports(['64.03', '33.10', '64.02'], '2026-10', SCHEDULED)).toEqual([
      { report: 'scorecard', region: '33', period: '2026-10', as_of },
      { report: 'sanctions', region: '33', period: '2026-10', as_of },
      { report: 'scorecard', region: '64', period: '2026-10', as_of },
      { report: 'sanctions', region: '64', period: '2026-10', as_of },
      { report: 'scorecard', region: 'all', period: '2026-10', as_of },
      { report: 'sanctions', region: 'all', period: '2026-10', as_of },
    ]);
    expect(planRegionReports([], '2026-10', SCHEDULED)).toEqual([]);
  });

  describe('with S3 and SQS mocked', () => {
    let s3: AwsClientStub<S3Client>;
    let sqs: AwsClientStub<SQSClient>;

    beforeEach(() => {
      s3 = mockClient(S3Client);
      sqs = mockClient(SQSClient);
    });

    afterEach(() => {
      s3.restore();
      sqs.restore();
      vi.unstubAllEnvs();
    });

    it('kabupaten dengan data pada bulan itu di dataset mana pun / kabupaten with data that month in any dataset', async () => {
      // Prepare
      const calls = lakeListing(s3, [
        'lake/activity_log/kabupaten_code=64.02/period=2026-10/a.parquet',
        'lake/activity_log/kabupaten_code=64.03/period=2026-09/b.parquet', // other month only
        'lake/activity_log/kabupaten_code=73.01/period=2026-10/g.parquet', // on the second page of folders
        'lake/disbursement/kabupaten_code=33.10/period=2026-10/c.parquet',
        'lake/disbursement/kabupaten_code=64.02/period=2026-10/d.parquet',
        'lake/roster/f.parquet', // not period-partitioned: ignored
      ], {
        // Monthly reports: one folder per month for every kabupaten; 11.01 has nothing else.
        'lake/monthly_report/period=2026-10/e.parquet': ['11.01', '64.02', '11.01'],
        'lake/monthly_report/period=2026-09/h.parquet': ['99.02'], // other month
      });
      // Act
      const found = await kabupatenWithData(new S3Client({}), BUCKET, '2026-10', fast);
      // Assess
      expect(found).toEqual(['11.01', '33.10', '64.02', '73.01']);
      const delimited = calls.filter((c) => c.Delimiter === '/').map((c) => c.Prefix);
      expect(new Set(delimited)).toEqual(new Set(['lake/activity_log/', 'lake/disbursement/']));
      expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['lake/monthly_report/period=2026-10/e.parquet']);
      // 64.02 is known from activity_log, so disbursement checks only 33.10.
      const probes = calls.filter((c) => c.MaxKeys === 1).map((c) => c.Prefix);
      expect(probes.filter((p) => p?.includes('64.02'))).toEqual(['lake/activity_log/kabupaten_code=64.02/period=2026-10/']);
      expect(calls.every((c) => c.Bucket === BUCKET)).toBe(true);
    });

    it('kiriman batch 10 per permintaan, entri gagal dikirim ulang / batches of 10, failed entries sent again', async () => {
      // Prepare
      const messages: ReportMessage[] = planReports(['11.01', '33.10', '64.02', '64.03'], '2026-10', SCHEDULED); // 12 messages
      const batches: SendMessageBatchCommandInput[] = [];
      let first = true;
      sqs.on(SendMessageBatchCommand).callsFake(async (input: SendMessageBatchCommandInput) => {
        batches.push(input);
        if (first) {
          first = false;
          return { Successful: [], Failed: [{ Id: input.Entries![3].Id, Code: 'InternalError', SenderFault: false }] };
        }
        return { Successful: input.Entries!.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })), Failed: [] };
      });
      // Act
      await sendMessages(new SQSClient({}), QUEUE, messages, fast);
      // Assess
      expect(batches.map((b) => b.Entries!.length)).toEqual([10, 1, 2]);
      expect(batches[1].Entries![0].Id).toBe(batches[0].Entries![3].Id);
      const sent = [...batches[0].Entries!.filter((_, i) => i !== 3), ...batches[1].Entries!, ...batches[2].Entries!];
      expect(sent.map((e) => JSON.parse(e.MessageBody!)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
        [...messages].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
      expect(batches.every((b) => b.QueueUrl === QUEUE)).toBe(true);
    });

    it('entri yang terus gagal: galat dilempar / entries that keep failing: an error is thrown', async () => {
      // Prepare
      sqs.on(SendMessageBatchCommand).callsFake(async (input: SendMessageBatchCommandInput) => ({
        Successful: [],
        Failed: input.Entries!.map((e) => ({ Id: e.Id, Code: 'ServiceUnavailable', SenderFault: false })),
      }));
      // Act
      const run = sendMessages(new SQSClient({}), QUEUE, planReports(['64.02'], '2026-10', SCHEDULED), { ...fast, attempts: 3 });
      // Assess
      await expect(run).rejects.toThrow(/3 of the messages 0–9 not sent/);
      expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(3);
    });

    it('handler: bulan yang diminta, satu pesan per laporan dan kabupaten / handler: the month asked, one message per report and kabupaten', async () => {
      // Prepare
      vi.stubEnv('LAKE_BUCKET', BUCKET);
      vi.stubEnv('REPORT_QUEUE_URL', QUEUE);
      vi.stubEnv('AWS_REGION', 'ap-southeast-3');
      lakeListing(s3, [], { 'lake/monthly_report/period=2026-10/a.parquet': ['64.02'] });
      sqs.on(SendMessageBatchCommand).callsFake(async (input: SendMessageBatchCommandInput) => ({
        Successful: input.Entries!.map((e) => ({ Id: e.Id, MessageId: 'x' })),
        Failed: [],
      }));
      // Act
      const result = await handler({ period: '2026-10' });
      // Assess
      // 3 for the kabupaten, a scorecard and a sanctions list for its province (64) and for the nation.
      expect(result).toEqual({ period: '2026-10', kabupaten: 1, messages: 7 });
      const bodies = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!)));
      expect(bodies.map((b) => `${b.report}/${b.kabupaten ?? b.region}`)).toEqual([
        'scorecard/64.02', 'sanctions/64.02', 'ranking/64.02', 'scorecard/64', 'sanctions/64', 'scorecard/all', 'sanctions/all',
      ]);
      await expect(handler({ period: '2026-13' })).rejects.toThrow(/2026-13/);
    });

    it('handler dari jadwal: bulan lalu, as_of = waktu jadwal di setiap pesan / from the schedule: last month, as_of the schedule time', async () => {
      vi.stubEnv('LAKE_BUCKET', BUCKET);
      vi.stubEnv('REPORT_QUEUE_URL', QUEUE);
      vi.stubEnv('AWS_REGION', 'ap-southeast-3');
      lakeListing(s3, [], { 'lake/monthly_report/period=2026-10/a.parquet': ['64.02'] });
      sqs.on(SendMessageBatchCommand).callsFake(async (input: SendMessageBatchCommandInput) => ({
        Successful: input.Entries!.map((e) => ({ Id: e.Id, MessageId: 'x' })),
        Failed: [],
      }));
      const result = await handler({ source: 'schedule', as_of: '2026-11-06T01:00:00Z' } as { as_of: string });
      expect(result).toEqual({ period: '2026-10', kabupaten: 1, messages: 7 }); // 3 + province 64 and national pairs
      const bodies = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!)));
      expect(new Set(bodies.map((b) => b.as_of))).toEqual(new Set(['2026-11-06T01:00:00.000Z']));
    });
  });
});
