/**
 * The JSON of the region reports, field for field as REPORTS.md "JSON layout" writes them
 * ("region scorecard", "region sanctions"). Key order in the objects follows the order here.
 */
import type { CountsJson, IndicatorsJson, ReportConfigJson, SanctionEntry, ScorecardTotal } from '../reports/types.js';

/** Reports a region can have: a ranking's budget is one kabupaten's, so it has none. */
export const REGION_REPORTS = ['scorecard', 'sanctions'] as const;
export type RegionReportName = (typeof REGION_REPORTS)[number];

/** What every region report starts with. */
export interface RegionHeader<R extends 'scorecard' | 'sanctions'> {
  report: R;
  region: string;
  region_name: string | null;
  kabupaten_codes: string[];
  period: string;
  /** `A` in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  as_of: string;
  /** True when every kabupaten of the region is final. */
  final: boolean;
  generated_at: string;
  config: ReportConfigJson;
}

/** One kabupaten of a region scorecard: its own scorecard's `total`, plus two counts. */
export interface RegionScorecardKabupaten {
  kabupaten_code: string;
  kabupaten_name: string;
  rank: number;
  rank_prev_month: number;
  score: number | null;
  indicators: IndicatorsJson;
  counts: CountsJson;
  kecamatan_count: number;
  desa_not_covered_count: number;
}

export interface RegionScorecardReport extends RegionHeader<'scorecard'> {
  kabupaten: RegionScorecardKabupaten[];
  total: ScorecardTotal;
}

/** A sanctions entry with the kabupaten it comes from, named first. */
export type RegionSanctionEntry = { kabupaten_code: string; kabupaten_name: string } & SanctionEntry;

export interface RegionSanctionsReport extends RegionHeader<'sanctions'> {
  low_threshold: number;
  min_working_days: number;
  expected_count: number;
  low_count: number;
  facilitators: RegionSanctionEntry[];
}

export type AnyRegionReport = RegionScorecardReport | RegionSanctionsReport;

/** True for a region report (it has `region`; a kabupaten report has `kabupaten_code` at the top). */
export function isRegionReport(report: object): report is AnyRegionReport {
  return Object.hasOwn(report, 'region');
}
