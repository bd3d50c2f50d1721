import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildRanking, type RankingKecamatan, type RankingReport } from '../../functions/report/reports/index.js';
import { TestLake } from './fixtures/test-lake.js';
import { AS_OF, KUKAR, profileRow } from './fixtures/rows.js';
import { failed, kec, pay, writeRankingScenario } from './fixtures/scenarios.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const opts = { kabupaten: KUKAR, period: '2026-10', config, asOf: AS_OF, generatedAt: '2026-12-05T00:00:00.000Z' };

describe('buildRanking — Kutai Kartanegara, Oktober 2026', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;
  let report: RankingReport;
  const at = (n: number): RankingKecamatan => report.kecamatan.find((k) => k.kecamatan_code === kec(n)) as RankingKecamatan;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeRankingScenario(lake);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    report = await buildRanking(engine, opts);
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('tahun profil, jendela, bobot; tanpa anggaran tidak ada alokasi / header without allocation', () => {
    expect(Object.keys(report)).toEqual([
      'report', 'kabupaten_code', 'kabupaten_name', 'period', 'as_of', 'final', 'generated_at', 'config', 'profile_year', 'window', 'weights', 'kecamatan',
    ]);
    expect(report.profile_year).toBe(2025);
    expect(report.window).toEqual({ from: '2025-11', to: '2026-10' });
    expect(report.weights).toEqual({ dtks_share: 0.25, extreme_poverty_share: 0.35, coverage_gap: 0.3, disbursement_failure_rate: 0.1 });
    expect(report.kecamatan.every((k) => !('allocation' in k))).toBe(true);
  });

  it('komponen dan skor min–maks / components and min–max scores', () => {
    expect(at(1).components).toEqual({
      dtks_share: { value: 0.5, score: 100 },
      extreme_poverty_share: { value: 0.125, score: 77.27 },
      coverage_gap: { value: 0.075, score: 50 },
      disbursement_failure_rate: { value: 0.1429, score: 0 },
    });
    expect(at(3).components.disbursement_failure_rate).toEqual({ value: 0.1667, score: 6.67 });
    expect(at(5).components).toEqual({
      dtks_share: { value: null, score: null },
      extreme_poverty_share: { value: null, score: null },
      coverage_gap: { value: null, score: null },
      disbursement_failure_rate: { value: 0.5, score: 100 },
    });
    expect(at(1)).toMatchObject({ extreme_poor_households: 10, pkh_families: 4, uncovered_households: 6 });
    expect(at(3)).toMatchObject({ pkh_families: 5, uncovered_households: 0 });
    expect(at(5)).toMatchObject({ extreme_poor_households: null, pkh_families: 1, uncovered_households: null });
  });

  it('indeks, peringkat dengan seri, tingkatan, urutan daftar / index, ties, tiers, order', () => {
    expect(report.kecamatan.slice(0, 5).map((k) => [k.kecamatan_code, k.rank, k.index, k.tier])).toEqual([
      [kec(5), 1, 100, 'prioritas_1'],
      [kec(2), 2, 72.22, 'prioritas_1'],
      [kec(4), 3, 72.22, 'prioritas_1'],
      [kec(1), 4, 67.05, 'prioritas_1'],
      [kec(3), 5, 25.67, 'prioritas_2'],
    ]);
    expect(report.kecamatan.slice(5).map((k) => [k.kecamatan_code, k.rank, k.index, k.tier])).toEqual(
      Array.from({ length: 15 }, (_, i) => [kec(i + 6), i + 6, null, 'tanpa_data']),
    );
    expect(Object.keys(at(1))).toEqual([
      'kecamatan_code', 'kecamatan_name', 'rank', 'index', 'tier', 'extreme_poor_households', 'pkh_families', 'uncovered_households', 'components',
    ]);
  });

  it('alokasi anggaran menurun menurut peringkat, sisa untuk CSR / allocation with CSR remainder', async () => {
    // Capacity floor(1,000,000 / 30,000) = 33: kec 05 needs 0 (no profile), 02 gets 15, 04 15, 01 3 of 6, 03 0.
    const r = await buildRanking(engine, opts, { budget: 1_000_000, unitCost: 30_000 });
    expect(r.kecamatan.slice(0, 6).map((k) => [k.kecamatan_code, k.allocation])).toEqual([
      [kec(5), { households: 0, rupiah: 0 }],
      [kec(2), { households: 15, rupiah: 450_000 }],
      [kec(4), { households: 15, rupiah: 450_000 }],
      [kec(1), { households: 3, rupiah: 90_000 }],
      [kec(3), { households: 0, rupiah: 0 }],
      [kec(6), { households: 0, rupiah: 0 }],
    ]);
    expect(r.allocation).toEqual({ budget: 1_000_000, unit_cost: 30_000, households_funded: 33, rupiah_used: 990_000, csr_households: 3 });
    expect(Object.keys(r).at(-1)).toBe('allocation');
  });

  it('anggaran tanpa biaya satuan ditolak dengan satu baris / budget without unit cost is a UserError', async () => {
    await expect(buildRanking(engine, opts, { budget: 1_000_000 })).rejects.toThrow(/--unit-cost/);
    await expect(buildRanking(engine, opts, { budget: 1_000_000, unitCost: 0 })).rejects.toThrow(/unit cost/);
  });
});

describe('buildRanking — komponen sama semua', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    lake = await TestLake.create();
    await lake.write('kecamatan_profile', [
      profileRow(kec(1), 2026, { extreme_poor_households: 1_000 }),
      profileRow(kec(2), 2026, { extreme_poor_households: 1_000 }),
    ]);
    await lake.write('disbursement', [pay('X1', 1, 'KPM-X', '2026-10', failed), pay('Y1', 2, 'KPM-Y', '2026-10', failed)]);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('maks = min: semua skor 0, indeks 0, seri diurutkan menurut kode / all scores 0 when max = min', async () => {
    const r = await buildRanking(engine, opts);
    expect(r.profile_year).toBe(2026);
    const [first, second, third] = r.kecamatan;
    expect([first.kecamatan_code, first.rank, first.index, first.tier]).toEqual([kec(1), 1, 0, 'prioritas_1']);
    expect([second.kecamatan_code, second.rank, second.index]).toEqual([kec(2), 2, 0]);
    expect(Object.values(first.components).map((c) => c.score)).toEqual([0, 0, 0, 0]);
    expect(first.components.disbursement_failure_rate.value).toBe(1);
    expect([third.kecamatan_code, third.index, third.tier]).toEqual([kec(3), null, 'tanpa_data']);
  });

  it('tanpa profil sama sekali: profile_year null / no profile at all', async () => {
    const empty = await TestLake.create();
    const e = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: empty.root });
    try {
      const r = await buildRanking(e, opts, { budget: 100, unitCost: 10 });
      expect(r.profile_year).toBeNull();
      expect(r.kecamatan.every((k) => k.tier === 'tanpa_data' && k.allocation?.households === 0)).toBe(true);
      expect(r.allocation).toEqual({ budget: 100, unit_cost: 10, households_funded: 0, rupiah_used: 0, csr_households: 0 });
    } finally {
      await e.close();
      await empty.dispose();
    }
  });
});
