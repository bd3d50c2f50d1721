import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Set before the handler module loads, as Lambda does.
vi.hoisted(() => {
  process.env.REPORTS_BUCKET = 'pkh-reports';
  process.env.ATHENA_WORKGROUP = 'pkh';
  process.env.GLUE_DATABASE = 'pkh_lake';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.POWERTOOLS_SERVICE_NAME = 'pantau-pkh-report';
});

import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { handler } from '../../functions/report/handler.js';
import { buildScorecard } from '../../functions/report/reports/index.js';
import { athenaBackedByDuckDb, type AthenaFromDuckDb } from '../lib/query-engine/athena-mock.js';
import { KUKAR } from '../report/fixtures/rows.js';
import { writeScorecardScenario } from '../report/fixtures/scenarios.js';
import { TestLake } from '../report/fixtures/test-lake.js';
import { captureOutput, lambdaContext, sqsEvent, sqsRecord } from './events.js';
import { fakeS3, type FakeS3 } from './fake-s3.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const REPORTS = 'pkh-reports';

describe('report Lambda: a region request {report, region, period, as_of}', () => {
  let lake: TestLake;
  let duck: DuckDbEngine;
  let s3: FakeS3;
  let athena: AthenaFromDuckDb;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeScorecardScenario(lake);
    duck = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });
  afterAll(async () => {
    await duck.close();
    await lake.dispose();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T01:00:00Z'));
    s3 = fakeS3();
    athena = athenaBackedByDuckDb(duck);
  });
  afterEach(() => {
    athena.restore();
    s3.restore();
    vi.useRealTimers();
  });

  it('pesan SQS wilayah: berkas di <laporan>/<wilayah>/<P>/, baris kabupaten = totalnya / files under <report>/<region>/<P>/', async () => {
    const body = JSON.stringify({ report: 'scorecard', region: `${KUKAR},64.03`, period: '2026-10', formats: ['json', 'html'] });
    const { result } = await captureOutput(() => handler(sqsEvent(sqsRecord('m-1', body)), lambdaContext()));
    expect(result).toStrictEqual({ batchItemFailures: [] });
    // Final (2026-10 is long past): the name has no "sementara"; a list of codes is joined by "+".
    const base = `scorecard/${KUKAR},64.03/2026-10/kartu-kinerja-${KUKAR}+64.03-2026-10`;
    expect(s3.keys(REPORTS)).toEqual(['index.html', `${base}.html`, `${base}.json`]);
    const json = JSON.parse(s3.text(REPORTS, `${base}.json`));
    expect(json).toMatchObject({ report: 'scorecard', region: `${KUKAR},64.03`, kabupaten_codes: [KUKAR, '64.03'], final: true });
    const own = await buildScorecard(duck, { kabupaten: KUKAR, period: '2026-10', config: structuredClone(DEFAULT_CONFIG) as PkhConfig, asOf: Date.parse(json.as_of), generatedAt: json.generated_at });
    expect(json.kabupaten[0]).toMatchObject({ score: own.total.score, indicators: own.total.indicators, counts: own.total.counts });
    expect(athena.started.length).toBeGreaterThan(0);
  }, 60_000);

  it('permintaan wilayah salah dibuang tanpa kueri / a wrong region request is dropped, no query', async () => {
    const event = sqsEvent(
      sqsRecord('m-rank', JSON.stringify({ report: 'ranking', region: '64', period: '2026-10' })),
      sqsRecord('m-local', JSON.stringify({ report: 'scorecard', region: '64', period: '2026-10', as_of: '2026-11-05T10:00:00' })),
      sqsRecord('m-name', JSON.stringify({ report: 'scorecard', region: 'kaltim-9', period: '2026-10' })),
    );
    const { result, lines } = await captureOutput(() => handler(event, lambdaContext()));
    expect(result).toStrictEqual({ batchItemFailures: [] });
    expect(athena.started).toEqual([]);
    expect(s3.puts).toEqual([]);
    const dropped = lines.filter((l) => l.includes('report request dropped')).map((l) => JSON.parse(l).error_code);
    expect(dropped).toEqual(['ranking_region', 'invalid_as_of', 'invalid_region']);
  });

  it('dipanggil langsung: mengembalikan kunci / invoked directly: returns the keys', async () => {
    const { result } = await captureOutput(() => handler({ report: 'sanctions', region: KUKAR, period: '2026-10', formats: 'json' }, lambdaContext()));
    expect(result).toEqual({ keys: [expect.stringMatching(new RegExp(`^sanctions/${KUKAR}/2026-10/daftar-sanksi-${KUKAR}-2026-10(-sementara-\\d{4}-\\d{2}-\\d{2})?\\.json$`))] });
  }, 60_000);
});
