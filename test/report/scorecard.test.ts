import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildScorecard } from '../../functions/report/reports/index.js';
import type { ScorecardKecamatan, ScorecardReport } from '../../functions/report/reports/index.js';
import { TestLake } from './fixtures/test-lake.js';
import { KEC01, KEC02, KEC05, writeScorecardScenario } from './fixtures/scenarios.js';
import { AS_OF, KLATEN, KUKAR, activityRow, monthlyRow, rosterRow, wib } from './fixtures/rows.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;


describe('buildScorecard — Kutai Kartanegara, Oktober 2026', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;
  let report: ScorecardReport;
  const kec = (code: string): ScorecardKecamatan => report.kecamatan.find((k) => k.kecamatan_code === code) as ScorecardKecamatan;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeScorecardScenario(lake);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    report = await buildScorecard(engine, { kabupaten: KUKAR, period: '2026-10', config, asOf: AS_OF, generatedAt: '2026-12-05T01:02:03.000Z' });
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('kepala laporan dan urutan kolom sesuai REPORTS.md / header fields in layout order', () => {
    expect(Object.keys(report)).toEqual(['report', 'kabupaten_code', 'kabupaten_name', 'period', 'as_of', 'final', 'generated_at', 'config', 'kecamatan', 'total', 'data_quality']);
    expect(report.report).toBe('scorecard');
    expect(report.kabupaten_name).toBe('KABUPATEN KUTAI KARTANEGARA');
    expect(report.generated_at).toBe('2026-12-05T01:02:03.000Z');
    expect(Object.keys(report.config)).toHaveLength(12);
    expect(report.kecamatan.map((k) => k.kecamatan_code)).toEqual(Array.from({ length: 20 }, (_, i) => `${KUKAR}.${String(i + 1).padStart(2, '0')}`));
    expect(Object.keys(kec(KEC01))).toEqual(['kecamatan_code', 'kecamatan_name', 'rank', 'rank_prev_month', 'score', 'indicators', 'counts', 'desa_not_covered']);
    expect(Object.keys(kec(KEC01).indicators.daily_reporting_rate)).toEqual(['value', 'numerator', 'denominator', 'status', 'delta_prev_month', 'delta_prev_year']);
  });

  it('laporan bulanan 23:59 WITA hari ke-5 tepat waktu, 00:00 hari ke-6 terlambat, koreksi tidak mengubahnya / deadline at 23:59:59 local', () => {
    expect(kec(KEC01).indicators.monthly_report_on_time_rate).toMatchObject({ value: 1, numerator: 1, denominator: 1, status: 'green' });
    // F2 late, F3 missing.
    expect(kec(KEC02).indicators.monthly_report_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, status: 'red' });
    expect(kec(KEC02).indicators.monthly_report_on_time_rate).toMatchObject({ value: 0, numerator: 0, denominator: 2, status: 'red' });
  });

  it('hari lapor: akhir pekan tidak dihitung, tanggal dikoreksi pindah bulan, tepat waktu menurut tanggal WITA / reported days', () => {
    expect(kec(KEC01).indicators.daily_reporting_rate).toMatchObject({ value: 0.9545, numerator: 21, denominator: 22, status: 'green' });
    expect(kec(KEC01).indicators.daily_reporting_on_time_rate).toMatchObject({ value: 0.8636, numerator: 19, denominator: 22, status: 'amber' });
  });

  it('pendamping pindah kecamatan di tengah bulan dihitung di kecamatan barunya, termasuk aktivitas di kabupaten lain / moved facilitator', () => {
    // F2 16/22 (one day in Berau) + F3 2/5.
    expect(kec(KEC02).indicators.daily_reporting_rate).toMatchObject({ value: 0.6667, numerator: 18, denominator: 27, status: 'red' });
    expect(kec(KEC02).indicators.daily_reporting_on_time_rate).toMatchObject({ numerator: 18, denominator: 27 });
  });

  it('angka dari baris terbaru laporan bulanan; pengaduan boleh melebihi 1 / figures from the latest row', () => {
    const i = kec(KEC01).indicators;
    expect(i.kpm_verification_rate).toMatchObject({ value: 0.95, numerator: 95, denominator: 100, status: 'green', delta_prev_month: null, delta_prev_year: 0.45 });
    expect(i.p2k2_attendance_rate).toMatchObject({ value: 0.8, status: 'amber' });
    expect(i.complaint_resolution_rate).toMatchObject({ value: 1.25, numerator: 5, denominator: 4, status: 'green' });
    expect(kec(KEC02).indicators.complaint_resolution_rate).toEqual({ value: null, numerator: 0, denominator: 0, status: 'none', delta_prev_month: null, delta_prev_year: null });
  });

  it('cakupan desa sejak 1 Januari, target bulan/12, dan daftar desa belum tercakup / desa coverage', () => {
    expect(kec(KEC01).indicators.desa_coordination_coverage).toEqual({
      value: 0.1538, numerator: 2, denominator: 13, status: 'red', delta_prev_month: 0.0769, delta_prev_year: 0.1538,
    });
    expect(kec(KEC01).desa_not_covered.map((d) => d.desa_code)).toEqual(
      Array.from({ length: 13 }, (_, i) => `${KEC01}.${2001 + i}`).filter((c) => !c.endsWith('2001') && !c.endsWith('2002')),
    );
    expect(kec(KEC01).desa_not_covered[0]).toEqual({ desa_code: `${KEC01}.2003`, desa_name: 'Muara Aloh' });
  });

  it('penyaluran dari baris terbaru: realisasi, rekonsiliasi, verifikasi lapangan, kartu dipegang pihak lain / disbursement', () => {
    const k = kec(KEC01);
    expect(k.indicators.disbursement_rate).toMatchObject({ value: 0.75, numerator: 2_250_000, denominator: 3_000_000, status: 'amber' });
    expect(k.indicators.reconciliation_rate).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3, status: 'red' });
    expect(k.indicators.field_verification_rate).toMatchObject({ value: 0.3333, numerator: 1, denominator: 3, status: 'red' });
    expect(k.counts.card_custody_flags).toEqual({ value: 1, status: 'red', delta_prev_month: 1, delta_prev_year: 1 });
    expect(kec(KEC02).indicators.disbursement_rate.value).toBeNull();
    expect(kec(KEC02).counts.card_custody_flags.status).toBe('green');
  });

  it('hitungan: hari rapat kecamatan berbeda, usulan DTKS, graduasi / counts', () => {
    expect(kec(KEC01).counts.kecamatan_meeting_days).toEqual({ value: 2, status: 'none', delta_prev_month: 2, delta_prev_year: 2 });
    expect(kec(KEC01).counts.dtks_updates.value).toBe(3);
    expect(kec(KEC01).counts.graduations.value).toBe(1);
    expect(kec(KEC02).counts.dtks_updates.value).toBe(2);
  });

  it('selisih dengan bulan lalu dan tahun lalu / deltas against P−1 and P−12', () => {
    const i = kec(KEC01).indicators;
    // September: F1 and F2 in kec 01, no reports, no activities. October 2025: F1 reported, F2 not.
    expect(i.monthly_report_rate).toMatchObject({ delta_prev_month: 1, delta_prev_year: 0.5 });
    expect(i.daily_reporting_rate).toMatchObject({ delta_prev_month: 0.9545, delta_prev_year: 0.9545 });
  });

  it('skor dan peringkat, kecamatan tanpa data bernilai 0 / score and rank', () => {
    expect(kec(KEC01).score).toBe(77.0);
    expect(kec(KEC02).score).toBe(46.2);
    expect(kec(KEC05).score).toBe(7.7);
    expect(kec(`${KUKAR}.03`).score).toBe(0);
    expect(kec(`${KUKAR}.03`).indicators.desa_coordination_coverage).toMatchObject({ value: 0, status: 'red' });
    expect([kec(KEC01).rank, kec(KEC02).rank, kec(KEC05).rank, kec(`${KUKAR}.03`).rank, kec(`${KUKAR}.06`).rank]).toEqual([1, 2, 3, 4, 6]);
    // September: kec 05 covered 1/13 (7.7), kec 01 1/13 over 5 rates (1.5), the rest 0.
    expect([kec(KEC05).rank_prev_month, kec(KEC01).rank_prev_month, kec(KEC02).rank_prev_month, kec(`${KUKAR}.06`).rank_prev_month]).toEqual([1, 2, 3, 6]);
  });

  it('total kabupaten menjumlahkan pembilang dan penyebut / total', () => {
    const t = report.total;
    expect(Object.keys(t)).toEqual(['score', 'indicators', 'counts']);
    expect(t.indicators.monthly_report_rate).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3 });
    expect(t.indicators.daily_reporting_rate).toMatchObject({ value: 0.7959, numerator: 39, denominator: 49, status: 'red' });
    expect(t.indicators.daily_reporting_on_time_rate).toMatchObject({ value: 0.7551, numerator: 37, denominator: 49 });
    expect(t.indicators.kpm_verification_rate).toMatchObject({ value: 0.9, numerator: 135, denominator: 150, status: 'green' });
    expect(t.indicators.desa_coordination_coverage).toMatchObject({ value: 0.0127, numerator: 3, denominator: 237, status: 'red' });
    expect(t.counts.kecamatan_meeting_days.value).toBe(2);
    expect(t.counts.dtks_updates.value).toBe(5);
    expect(t.score).toBeTypeOf('number');
  });

  it('baris periode ini dan pendamping tanpa daftar SDM aktif / rows in period and unrostered facilitators', () => {
    // Rows of 64.02 for October, latest per key: reports F1, F2, X7; activities dated in October in 64.02
    // (F1 22 + meeting 1, K1 3, F2 15, F3 2, X8 1; F1's re-dated one and F2's Berau one are not); D1–D4.
    expect(report.data_quality.rows_in_period).toEqual({ monthly_report: 3, activity_log: 44, disbursement: 4 });
    expect(Object.keys(report.data_quality)).toEqual(['rows_in_period', 'unrostered_facilitators']);
    expect(report.data_quality.unrostered_facilitators).toEqual(['X7', 'X8']);
  });
});

describe('buildScorecard — Klaten (WIB)', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    lake = await TestLake.create();
    const kec = `${KLATEN}.01`;
    const at = { kabupaten_code: KLATEN, kecamatan_code: kec };
    await lake.write('roster', [rosterRow('W1', at), rosterRow('W2', at)]);
    await lake.write('monthly_report', [
      monthlyRow('W1', '2026-10', wib('2026-11-05T23:59'), at),
      monthlyRow('W2', '2026-10', wib('2026-11-06T00:00:30'), at),
    ]);
    // 23:30 WIB on Oct 3 is 00:30 WITA on Oct 4: on time for Oct 1 only in WIB.
    await lake.write('activity_log', [activityRow('W1-a', 'W1', '2026-10-01', wib('2026-10-03T23:30'), at)]);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('batas waktu dan tenggat harian memakai WIB / deadlines in WIB', async () => {
    // Act
    const report = await buildScorecard(engine, { kabupaten: KLATEN, period: '2026-10', config, asOf: AS_OF, generatedAt: '2026-12-01T00:00:00.000Z' });
    // Assess
    const k = report.kecamatan[0];
    expect(report.kecamatan).toHaveLength(26);
    expect(k.indicators.monthly_report_rate).toMatchObject({ numerator: 2, denominator: 2 });
    expect(k.indicators.monthly_report_on_time_rate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(k.indicators.daily_reporting_on_time_rate).toMatchObject({ numerator: 1, denominator: 44, value: 0.0227 });
  });

  it('kabupaten atau periode salah: satu baris UserError / bad kabupaten or period', async () => {
    await expect(buildScorecard(engine, { kabupaten: '99.99', period: '2026-10', config, asOf: AS_OF, generatedAt: 'x' })).rejects.toThrow(/99\.99.*\/ Kabupaten/);
    await expect(buildScorecard(engine, { kabupaten: KLATEN, period: '2026-13', config, asOf: AS_OF, generatedAt: 'x' })).rejects.toThrow(/2026-13/);
  });
});
