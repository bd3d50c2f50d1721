import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type PkhConfig } from '../../functions/lib/config.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildSanctions, type SanctionsReport } from '../../functions/report/reports/index.js';
import { TestLake } from './fixtures/test-lake.js';
import { AUG, OCT, writeSanctionsScenario } from './fixtures/scenarios.js';
import { AS_OF, KUKAR, dailyActivities, rosterRow } from './fixtures/rows.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;


describe('buildSanctions — Kutai Kartanegara, Oktober 2026', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;
  let report: SanctionsReport;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeSanctionsScenario(lake);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    report = await buildSanctions(engine, { kabupaten: KUKAR, period: '2026-10', config, asOf: AS_OF, generatedAt: '2026-12-05T00:00:00.000Z' });
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('kepala laporan sesuai tata letak / header in layout order', () => {
    expect(Object.keys(report)).toEqual([
      'report', 'kabupaten_code', 'kabupaten_name', 'period', 'as_of', 'final', 'generated_at', 'config',
      'low_threshold', 'min_working_days', 'expected_count', 'low_count', 'facilitators',
    ]);
    expect(report).toMatchObject({ report: 'sanctions', low_threshold: 0.8, min_working_days: 5, expected_count: 10, low_count: 6 });
  });

  it('urutan: bulan rendah berturut-turut turun, tingkat harian naik (null dulu), lalu id / listing order', () => {
    expect(report.facilitators.map((f) => [f.facilitator_id, f.consecutive_low_months, f.daily_reporting_rate])).toEqual([
      ['S5', 12, 0],
      ['S1', 2, 1],
      ['S7', 1, null],
      ['S4', 1, 0.6],
      ['S8', 1, 0.6],
      ['S2', 1, 0.6818],
    ]);
  });

  it('rentetan dipatahkan satu bulan baik; tingkat sanksi dari tangga / streak broken by a good month, ladder', () => {
    const s1 = report.facilitators.find((f) => f.facilitator_id === 'S1');
    expect(s1).toMatchObject({ monthly_report_status: 'missing', working_days: 22, reported_days: 22, sanction_level: 'sp1', missing_dates: [] });
    expect(report.facilitators.find((f) => f.facilitator_id === 'S5')).toMatchObject({ sanction_level: 'sp3', reported_days: 0, missing_dates: OCT });
    expect(report.facilitators.find((f) => f.facilitator_id === 'S2')?.sanction_level).toBe('teguran_lisan');
  });

  it('entri lengkap untuk pendamping yang baru mulai / a full entry', () => {
    expect(report.facilitators.find((f) => f.facilitator_id === 'S4')).toEqual({
      facilitator_id: 'S4',
      full_name: 'Pendamping S4',
      role: 'pendamping',
      kecamatan_code: `${KUKAR}.01`,
      kecamatan_name: 'Muara Muntai',
      supervisor_id: 'KORKAB-01',
      working_days: 5,
      reported_days: 3,
      daily_reporting_rate: 0.6,
      monthly_report_status: 'on_time',
      consecutive_low_months: 1,
      sanction_level: 'teguran_lisan',
      missing_dates: ['2026-10-29', '2026-10-30'],
    });
  });

  it('tidak terdaftar: hari kerja < minimum, tepat di ambang, laporan dari kabupaten lain, laporan terlambat / not listed', () => {
    const ids = report.facilitators.map((f) => f.facilitator_id);
    for (const id of ['S3', 'S6', 'S9', 'S10']) expect(ids).not.toContain(id);
  });

  it('tangga sanksi dari konfigurasi, entri terakhir berulang / configured ladder', async () => {
    const custom = parseConfig({ sanction_ladder: ['peringatan', 'skorsing'] }, 'test.json');
    const r = await buildSanctions(engine, { kabupaten: KUKAR, period: '2026-10', config: custom, asOf: AS_OF, generatedAt: 'x' });
    expect(r.facilitators.map((f) => f.sanction_level)).toEqual(['skorsing', 'skorsing', 'peringatan', 'peringatan', 'peringatan', 'peringatan']);
  });
});

describe('buildSanctions — hari libur dan hari kerja tambahan, Agustus 2026', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    lake = await TestLake.create();
    await lake.write('roster', [rosterRow('H1')]);
    // Every working day but Aug 3 and 4, plus the holidays Aug 17 and 25 and Saturday Aug 22.
    const days = [...AUG.filter((d) => d !== '2026-08-03' && d !== '2026-08-04'), '2026-08-17', '2026-08-22', '2026-08-25'];
    await lake.write('activity_log', dailyActivities('H1', days));
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('hari libur nasional dan akhir pekan bukan hari kerja / holidays and weekends do not count', async () => {
    const r = await buildSanctions(engine, { kabupaten: KUKAR, period: '2026-08', config, asOf: AS_OF, generatedAt: 'x' });
    expect(r.facilitators).toHaveLength(1);
    expect(r.facilitators[0]).toMatchObject({
      working_days: 19, reported_days: 17, daily_reporting_rate: 0.8947, monthly_report_status: 'missing',
      consecutive_low_months: 12, missing_dates: ['2026-08-03', '2026-08-04'],
    });
  });

  it('cuti bersama dan Sabtu pengganti dari konfigurasi / extra holidays and extra working days', async () => {
    const cfg = parseConfig({ extra_holidays: ['2026-08-04', '2026-08-18'], extra_working_days: ['2026-08-22'] }, 'test.json');
    const r = await buildSanctions(engine, { kabupaten: KUKAR, period: '2026-08', config: cfg, asOf: AS_OF, generatedAt: 'x' });
    // 19 − Aug 4 − Aug 18 + Aug 22 = 18 working days; reported: 17 − Aug 18 + Aug 22 = 17.
    expect(r.facilitators[0]).toMatchObject({ working_days: 18, reported_days: 17, missing_dates: ['2026-08-03'] });
  });
});
