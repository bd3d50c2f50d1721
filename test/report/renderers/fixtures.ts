/**
 * Small hand-written report objects for the renderer tests: nulls, negative deltas, a
 * facilitator named like a script tag and one named like a formula.
 */
import { DEFAULT_CONFIG, reportConfig, type PkhConfig } from '../../../functions/lib/config.js';
import type {
  CountJson,
  IndicatorJson,
  RankingReport,
  SanctionsReport,
  ScorecardKecamatan,
  ScorecardReport,
} from '../../../functions/report/reports/types.js';
import { COUNT_NAMES, INDICATOR_NAMES } from '../../../functions/report/reports/types.js';

export const SCRIPT_NAME = '<script>alert(1)</script>';
export const FORMULA_NAME = '=HYPERLINK("http://x","y")';

const config = () => reportConfig(structuredClone(DEFAULT_CONFIG) as PkhConfig);

function indicator(value: number | null, status: IndicatorJson['status'], delta: number | null = null): IndicatorJson {
  return {
    value,
    numerator: value === null ? 0 : Math.round(value * 20),
    denominator: value === null ? 0 : 20,
    status,
    delta_prev_month: delta,
    delta_prev_year: null,
  };
}

function indicators(base: number | null, delta: number | null): ScorecardKecamatan['indicators'] {
  const out = {} as ScorecardKecamatan['indicators'];
  INDICATOR_NAMES.forEach((name, i) => {
    const v = base === null ? null : Math.max(0, Math.min(1, base - i * 0.02));
    out[name] = indicator(v, v === null ? 'none' : v >= 0.9 ? 'green' : v >= 0.75 ? 'amber' : 'red', delta);
  });
  out.desa_coordination_coverage = indicator(0.5, 'red', -0.05);
  return out;
}

function counts(custody: number): ScorecardKecamatan['counts'] {
  const out = {} as Record<(typeof COUNT_NAMES)[number], CountJson>;
  for (const name of COUNT_NAMES) out[name] = { value: 0, status: 'none', delta_prev_month: 0, delta_prev_year: null };
  out.card_custody_flags = { value: custody, status: custody > 0 ? 'red' : 'green', delta_prev_month: custody - 1, delta_prev_year: null };
  out.dtks_updates = { value: 1250, status: 'none', delta_prev_month: 3, delta_prev_year: -2 };
  return out;
}

/** Scorecard of 3 kecamatan: one good, one with a script-tag name and negative deltas, one without data. */
export function scorecardFixture(): ScorecardReport {
  return {
    report: 'scorecard',
    kabupaten_code: '33.10',
    kabupaten_name: 'KABUPATEN KLATEN',
    period: '2026-10',
    as_of: '2026-11-03T02:15:00.000Z',
    final: false,
    generated_at: '2026-11-03T02:15:00.000Z',
    config: config(),
    kecamatan: [
      {
        kecamatan_code: '33.10.01',
        kecamatan_name: 'Prambanan',
        rank: 1,
        rank_prev_month: 2,
        score: 85.3,
        indicators: indicators(0.95, 0.0312),
        counts: counts(0),
        desa_not_covered: [{ desa_code: '33.10.01.2001', desa_name: 'Desa Satu' }],
      },
      {
        kecamatan_code: '33.10.02',
        kecamatan_name: SCRIPT_NAME,
        rank: 2,
        rank_prev_month: 1,
        score: 60.25,
        indicators: indicators(0.8, -0.05),
        counts: counts(2),
        desa_not_covered: [
          { desa_code: '33.10.02.2001', desa_name: FORMULA_NAME },
          { desa_code: '33.10.02.2002', desa_name: 'Desa Dua' },
        ],
      },
      {
        kecamatan_code: '33.10.03',
        kecamatan_name: 'Wedi',
        rank: 3,
        rank_prev_month: 3,
        score: 0,
        indicators: indicators(null, null),
        counts: counts(0),
        desa_not_covered: [],
      },
    ],
    total: { score: 70.1, indicators: indicators(0.86, -0.012), counts: counts(2) },
    data_quality: { rows_in_period: { monthly_report: 3, activity_log: 40, disbursement: 12 }, unrostered_facilitators: ['PKH-9001', '=1+2'] },
  };
}

/** Sanctions list with a script-tag name, a formula name, a null rate. */
export function sanctionsFixture(): SanctionsReport {
  const base = {
    role: 'pendamping',
    kecamatan_code: '33.10.01',
    kecamatan_name: 'Prambanan',
    supervisor_id: 'KOR-01',
    working_days: 21,
    reported_days: 10,
    daily_reporting_rate: 0.4762,
    monthly_report_status: 'missing' as const,
    consecutive_low_months: 3,
    sanction_level: 'sp2',
    missing_dates: ['2026-10-01', '2026-10-02', '2026-10-05'],
  };
  return {
    report: 'sanctions',
    kabupaten_code: '33.10',
    kabupaten_name: 'KABUPATEN KLATEN',
    period: '2026-10',
    as_of: '2026-11-03T02:15:00.000Z',
    final: false,
    generated_at: '2026-11-03T02:15:00.000Z',
    config: config(),
    low_threshold: 0.8,
    min_working_days: 5,
    expected_count: 40,
    low_count: 3,
    facilitators: [
      { ...base, facilitator_id: '0012', full_name: SCRIPT_NAME },
      {
        ...base,
        facilitator_id: '-5',
        full_name: FORMULA_NAME,
        supervisor_id: null,
        daily_reporting_rate: null,
        working_days: 0,
        reported_days: 0,
        consecutive_low_months: 1,
        sanction_level: 'teguran_lisan',
        missing_dates: [],
      },
      {
        ...base,
        facilitator_id: 'PKH-0003',
        full_name: 'Siti, "Ani" Rahayu',
        role: 'apd',
        daily_reporting_rate: 0.95,
        monthly_report_status: 'late',
        consecutive_low_months: 5,
        sanction_level: 'sp3',
      },
    ],
  };
}

/** Ranking with and without a budget allocation; one kecamatan without a profile. */
export function rankingFixture(withAllocation: boolean): RankingReport {
  const comp = (v: number | null, s: number | null) => ({ value: v, score: s });
  const report: RankingReport = {
    report: 'ranking',
    kabupaten_code: '33.10',
    kabupaten_name: 'KABUPATEN KLATEN',
    period: '2026-10',
    as_of: '2026-11-03T02:15:00.000Z',
    final: false,
    generated_at: '2026-11-03T02:15:00.000Z',
    config: config(),
    profile_year: 2025,
    window: { from: '2025-11', to: '2026-10' },
    weights: { dtks_share: 0.25, extreme_poverty_share: 0.35, coverage_gap: 0.3, disbursement_failure_rate: 0.1 },
    kecamatan: [
      {
        kecamatan_code: '33.10.02',
        kecamatan_name: SCRIPT_NAME,
        rank: 1,
        index: 92.5,
        tier: 'prioritas_1',
        extreme_poor_households: 1200,
        pkh_families: 700,
        uncovered_households: 500,
        components: {
          dtks_share: comp(0.41, 100),
          extreme_poverty_share: comp(0.12, 90),
          coverage_gap: comp(0.05, 88.5),
          disbursement_failure_rate: comp(0.02, 50),
        },
      },
      {
        kecamatan_code: '33.10.01',
        kecamatan_name: 'Prambanan',
        rank: 2,
        index: 10.25,
        tier: 'prioritas_1',
        extreme_poor_households: 300,
        pkh_families: 350,
        uncovered_households: 0,
        components: {
          dtks_share: comp(0.2, 0),
          extreme_poverty_share: comp(0.03, 0),
          coverage_gap: comp(0, 0),
          disbursement_failure_rate: comp(0.01, 0),
        },
      },
      {
        kecamatan_code: '33.10.03',
        kecamatan_name: 'Wedi',
        rank: 3,
        index: null,
        tier: 'tanpa_data',
        extreme_poor_households: null,
        pkh_families: 12,
        uncovered_households: null,
        components: {
          dtks_share: comp(null, null),
          extreme_poverty_share: comp(null, null),
          coverage_gap: comp(null, null),
          disbursement_failure_rate: comp(null, null),
        },
      },
    ],
  };
  if (withAllocation) {
    const allocations = [
      { households: 400, rupiah: 500_000_000 },
      { households: 0, rupiah: 0 },
      { households: 0, rupiah: 0 },
    ];
    report.kecamatan.forEach((k, i) => (k.allocation = allocations[i]));
    report.allocation = { budget: 500_000_000, unit_cost: 1_250_000, households_funded: 400, rupiah_used: 500_000_000, csr_households: 100 };
  }
  return report;
}
