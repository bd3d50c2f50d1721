import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Set before the handler module loads, as Lambda does.
vi.hoisted(() => {
  process.env.REPORTS_BUCKET = 'pkh-reports';
  process.env.ATHENA_WORKGROUP = 'pkh';
  process.env.GLUE_DATABASE = 'pkh_lake';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.POWERTOOLS_SERVICE_NAME = 'pantau-pkh-report';
});

import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildScorecard } from '../../functions/report/reports/index.js';
import { handler } from '../../functions/report/handler.js';
import { athenaBackedByDuckDb, type AthenaFromDuckDb } from '../lib/query-engine/athena-mock.js';
import { TestLake } from '../report/fixtures/test-lake.js';
import { writeSanctionsScenario, writeScorecardScenario } from '../report/fixtures/scenarios.js';
import { KUKAR } from '../report/fixtures/rows.js';
import { captureOutput, lambdaContext, sqsEvent, sqsRecord } from './events.js';
import { fakeS3, type FakeS3 } from './fake-s3.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const REPORTS = 'pkh-reports';
const request = (over: Record<string, unknown> = {}) => JSON.stringify({ report: 'scorecard', kabupaten: KUKAR, period: '2026-10', ...over });

describe('report Lambda: Athena → reports bucket', () => {
  let lake: TestLake;
  let duck: DuckDbEngine;
  let s3: FakeS3;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeScorecardScenario(lake);
    await writeSanctionsScenario(lake);
    duck = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });

  afterAll(async () => {
    await duck.close();
    await lake.dispose();
  });

  beforeEach(() => {
    // Only the clock: "period not in the future" is checked against 5 December 2026.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T01:00:00Z'));
    s3 = fakeS3();
  });

  afterEach(() => {
    s3.restore();
    vi.useRealTimers();
  });

  describe('with Athena answering from the test lake', () => {
    let athena: AthenaFromDuckDb;
    beforeEach(() => {
      athena = athenaBackedByDuckDb(duck);
    });
    afterEach(() => athena.restore());

    it('pesan SQS: keenam berkas (PDF dicetak Chromium) dan index.html di bucket laporan / an SQS message: all six files (the PDF printed by Chromium) and index.html in the reports bucket', async () => {
      // Act
      const { result } = await captureOutput(() => handler(sqsEvent(sqsRecord('m-1', request())), lambdaContext()));
      // Assess
      expect(result).toStrictEqual({ batchItemFailures: [] });
      const base = s3.keys(REPORTS).find((k) => k.endsWith('.json'))!.replace(/\.json$/, '');
      expect(base).toMatch(new RegExp(`^scorecard/${KUKAR}/2026-10/kartu-kinerja-${KUKAR}-2026-10(-sementara-\\d{4}-\\d{2}-\\d{2})?$`));
      expect(s3.keys(REPORTS)).toEqual(['index.html', ...['csv', 'html', 'json', 'pdf', 'txt', 'xlsx'].map((ext) => `${base}.${ext}`)]);
      expect(s3.objects.get(`${REPORTS}/${base}.html`)?.contentType).toBe('text/html; charset=utf-8');
      expect(s3.objects.get(`${REPORTS}/${base}.pdf`)?.contentType).toBe('application/pdf');
      expect(s3.text(REPORTS, 'index.html')).toContain(`href="${base}.pdf"`);
      const json = JSON.parse(s3.text(REPORTS, `${base}.json`));
      expect(json).toMatchObject({ report: 'scorecard', kabupaten_code: KUKAR, period: '2026-10' });
      const direct = await buildScorecard(duck, { kabupaten: KUKAR, period: '2026-10', config: structuredClone(DEFAULT_CONFIG) as PkhConfig, asOf: Date.parse(json.as_of), generatedAt: json.generated_at });
      expect(json).toEqual(direct);
      expect(athena.started.length).toBeGreaterThan(0);
    });

    it('dipanggil langsung: mengembalikan kunci / invoked directly: returns the keys', async () => {
      // Act
      const { result } = await captureOutput(() =>
        handler({ report: 'sanctions', kabupaten: KUKAR, period: '2026-10', formats: ['json', 'csv'], lang: 'en' }, lambdaContext()),
      );
      // Assess
      const name = `sanctions/${KUKAR}/2026-10/sanctions-list-${KUKAR}-2026-10(-provisional-\\d{4}-\\d{2}-\\d{2})?`;
      expect((result as { keys: string[] }).keys).toEqual([expect.stringMatching(new RegExp(`^${name}\\.json$`)), expect.stringMatching(new RegExp(`^${name}\\.csv$`))]);
      // The two files and the index of all reports.
      expect(s3.keys(REPORTS)).toHaveLength(3);
      expect(s3.keys(REPORTS)).toContain('index.html');
    });

    it('permintaan salah dibuang tanpa kueri dan tanpa diulang / a wrong request is dropped: no query, no retry', async () => {
      // Prepare
      const event = sqsEvent(
        sqsRecord('m-json', '{not json'),
        sqsRecord('m-kab', request({ kabupaten: '99.99' })),
        sqsRecord('m-report', request({ report: 'rapor' })),
        sqsRecord('m-future', request({ period: '2027-01' })),
      );
      // Act
      const { result, lines } = await captureOutput(() => handler(event, lambdaContext()));
      // Assess
      expect(result).toStrictEqual({ batchItemFailures: [] });
      expect(athena.started).toEqual([]);
      expect(s3.puts).toEqual([]);
      const dropped = lines.filter((l) => l.includes('report request dropped')).map((l) => JSON.parse(l).error_code);
      expect(dropped).toEqual(['invalid_json', 'unknown_kabupaten', 'unknown_report', 'future_period']);
    });
  });

  it('kueri Athena gagal: tidak ada PutObject dan pesannya gagal / an Athena query fails: no PutObject and the message fails', async () => {
    // Prepare
    const athena = mockClient(AthenaClient);
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'FAILED', StateChangeReason: 'HIVE_CURSOR_ERROR: boom' } },
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    const event = sqsEvent(sqsRecord('m-ok-shape', request()), sqsRecord('m-bad', request({ kabupaten: '99.99' })));
    try {
      // Act
      const { result, lines } = await captureOutput(() => handler(event, lambdaContext()));
      // Assess
      expect(result).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-ok-shape' }] });
      expect(s3.puts).toEqual([]);
      expect(lines.some((l) => l.includes('report failed') && l.includes('athena_query_failed'))).toBe(true);
    } finally {
      athena.restore();
    }
  });
});
