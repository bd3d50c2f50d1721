import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { AthenaEngine, DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildRanking, buildSanctions, buildScorecard } from '../../functions/report/reports/index.js';
import { athenaBackedByDuckDb, type AthenaFromDuckDb } from '../lib/query-engine/athena-mock.js';
import { TestLake } from './fixtures/test-lake.js';
import { writeRankingScenario, writeSanctionsScenario, writeScorecardScenario } from './fixtures/scenarios.js';
import { KUKAR } from './fixtures/rows.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const opts = { kabupaten: KUKAR, period: '2026-10', config, asOf: Date.parse('2026-12-05T00:00:00Z'), generatedAt: '2026-12-05T00:00:00.000Z' };

describe('DuckDB dan Athena memberi JSON laporan yang sama / both engines give the same report JSON', () => {
  let lake: TestLake | undefined;
  let duck: DuckDbEngine | undefined;
  let mock: AthenaFromDuckDb | undefined;

  /** A DuckDB engine over the scenario's lake, and an Athena engine whose every answer comes from it. */
  async function engines(write: (l: TestLake) => Promise<void>, pageSize: number): Promise<[DuckDbEngine, AthenaEngine]> {
    lake = await TestLake.create();
    await write(lake);
    duck = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    mock = athenaBackedByDuckDb(duck, pageSize);
    return [duck, new AthenaEngine({ client: mock.client, workgroup: 'pkh', database: 'pkh_lake', sleep: async () => undefined })];
  }

  afterEach(async () => {
    mock?.restore();
    await duck?.close();
    await lake?.dispose();
  });

  it('kartu kinerja, halaman 1000 baris / scorecard, pages of 1000', async () => {
    // Prepare
    const [d, a] = await engines(writeScorecardScenario, 1000);
    // Act
    const expected = await buildScorecard(d, opts);
    const actual = await buildScorecard(a, opts);
    // Assess
    expect(expected.kecamatan[0].score).toBe(77);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    expect(new Set(mock?.started.map((s) => s.file))).toEqual(
      new Set(['roster_facilitators', 'monthly_report_latest', 'activity_days', 'activity_coordination', 'disbursement_kecamatan_month', 'rows_in_period']),
    );
  });

  it('daftar sanksi, halaman kecil agar banyak halaman / sanctions, many small pages', async () => {
    const [d, a] = await engines(writeSanctionsScenario, 7);
    const expected = await buildSanctions(d, opts);
    const actual = await buildSanctions(a, opts);
    expect(expected.facilitators).toHaveLength(6);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });

  it('peringkat dengan alokasi / ranking with allocation', async () => {
    const [d, a] = await engines(writeRankingScenario, 3);
    const expected = await buildRanking(d, opts, { budget: 1_000_000, unitCost: 30_000 });
    const actual = await buildRanking(a, opts, { budget: 1_000_000, unitCost: 30_000 });
    expect(expected.allocation?.households_funded).toBe(33);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });
});
