/**
 * The JSON objects of the three reports, field for field as REPORTS.md "JSON layout" writes them.
 * Renderers (json/csv/xlsx/html) read these types; the builders in this folder produce them.
 * Key order in the objects the builders return follows the order declared here.
 */

import { COUNT_NAMES as CONFIG_COUNT_NAMES, RANKING_COMPONENTS, RATE_INDICATORS, type ReportConfig } from '../../lib/config.js';

/** The effective configuration echoed in every report: the 12 report keys, defaults merged. */
export type ReportConfigJson = ReportConfig;

// ---------------------------------------------------------------- scorecard

/** Rate indicators of the scorecard, in the order of REPORTS.md's table. */
export const INDICATOR_NAMES = RATE_INDICATORS;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** Count figures of the scorecard, in REPORTS.md order. */
export const COUNT_NAMES = CONFIG_COUNT_NAMES;
export type CountName = (typeof COUNT_NAMES)[number];

/** `not_due`: a monthly-report indicator while the report of P is not yet due (shown, not judged, not in the score). */
export type IndicatorStatus = 'green' | 'amber' | 'red' | 'none' | 'not_due';
export type CountStatus = 'green' | 'red' | 'none';

/** A rate: value rounded to 4 decimals, null when the denominator is 0. */
export interface IndicatorJson {
  value: number | null;
  numerator: number;
  denominator: number;
  status: IndicatorStatus;
  delta_prev_month: number | null;
  delta_prev_year: number | null;
}

/** A count: 0 (never null) without data. */
export interface CountJson {
  value: number;
  status: CountStatus;
  delta_prev_month: number | null;
  delta_prev_year: number | null;
}

export type IndicatorsJson = Record<IndicatorName, IndicatorJson>;
export type CountsJson = Record<CountName, CountJson>;

export interface DesaRef {
  desa_code: string;
  desa_name: string;
}

export interface ScorecardKecamatan {
  kecamatan_code: string;
  kecamatan_name: string;
  rank: number;
  rank_prev_month: number;
  /** 0–100, 1 decimal; null only when every rate is null. */
  score: number | null;
  indicators: IndicatorsJson;
  counts: CountsJson;
  desa_not_covered: DesaRef[];
}

export interface ScorecardTotal {
  score: number | null;
  indicators: IndicatorsJson;
  counts: CountsJson;
}

export interface ScorecardReport {
  report: 'scorecard';
  kabupaten_code: string;
  kabupaten_name: string;
  period: string;
  /** A in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  as_of: string;
  /** The monthly report of P is due and every working day of P is closed; else provisional (sementara). */
  final: boolean;
  generated_at: string;
  config: ReportConfigJson;
  kecamatan: ScorecardKecamatan[];
  total: ScorecardTotal;
  data_quality: { rows_in_period: RowsInPeriod; unrostered_facilitators: string[] };
}

/**
 * Rows of K for P that a report reads (latest per key, after the as-of cut; activities by
 * activity_date). All three 0: no data for K in P.
 */
export interface RowsInPeriod {
  monthly_report: number;
  activity_log: number;
  disbursement: number;
}

// ---------------------------------------------------------------- sanctions

export type MonthlyReportStatus = 'on_time' | 'late' | 'missing' | 'not_due';

export interface SanctionEntry {
  facilitator_id: string;
  full_name: string;
  role: string;
  /** Null only for an expected role without a kecamatan (korkab/korwil configured as expected). */
  kecamatan_code: string | null;
  kecamatan_name: string | null;
  supervisor_id: string | null;
  working_days: number;
  reported_days: number;
  daily_reporting_rate: number | null;
  monthly_report_status: MonthlyReportStatus;
  consecutive_low_months: number;
  sanction_level: string;
  missing_dates: string[];
}

export interface SanctionsReport {
  report: 'sanctions';
  kabupaten_code: string;
  kabupaten_name: string;
  period: string;
  /** A in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  as_of: string;
  /** The monthly report of P is due and every working day of P is closed; else provisional (sementara). */
  final: boolean;
  generated_at: string;
  config: ReportConfigJson;
  low_threshold: number;
  min_working_days: number;
  expected_count: number;
  low_count: number;
  facilitators: SanctionEntry[];
}

// ---------------------------------------------------------------- ranking

export const COMPONENT_NAMES = RANKING_COMPONENTS;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** First `tiers[0]` ranks, next `tiers[1]`, the rest; a null index is `tanpa_data`. */
export type RankingTier = 'prioritas_1' | 'prioritas_2' | 'reguler' | 'tanpa_data';

export interface ComponentJson {
  /** Rounded to 4 decimals; null without data. */
  value: number | null;
  /** 0–100, 2 decimals; null when value is null. */
  score: number | null;
}

export interface AllocationJson {
  households: number;
  rupiah: number;
}

export interface RankingKecamatan {
  kecamatan_code: string;
  kecamatan_name: string;
  rank: number;
  index: number | null;
  tier: RankingTier;
  extreme_poor_households: number | null;
  pkh_families: number;
  uncovered_households: number | null;
  components: Record<ComponentName, ComponentJson>;
  /** Present only when a budget and unit cost were given. */
  allocation?: AllocationJson;
}

export interface RankingAllocationSummary {
  budget: number;
  unit_cost: number;
  households_funded: number;
  rupiah_used: number;
  csr_households: number;
}

export interface RankingReport {
  report: 'ranking';
  kabupaten_code: string;
  kabupaten_name: string;
  period: string;
  /** A in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  as_of: string;
  /** The monthly report of P is due and every working day of P is closed; else provisional (sementara). */
  final: boolean;
  generated_at: string;
  config: ReportConfigJson;
  /** Null when K has no kecamatan_profile row in any year ≤ year(P). */
  profile_year: number | null;
  window: { from: string; to: string };
  weights: Record<ComponentName, number>;
  kecamatan: RankingKecamatan[];
  /** Present only when a budget and unit cost were given. */
  allocation?: RankingAllocationSummary;
}

export type AnyReport = ScorecardReport | SanctionsReport | RankingReport;
export type ReportName = AnyReport['report'];
export const REPORT_NAMES: readonly ReportName[] = ['scorecard', 'sanctions', 'ranking'];
