/**
 * Region sanctions list (REPORTS.md §4): the facilitators each kabupaten's own list names,
 * with the kabupaten on each row, in the region's order. Pure: report JSON in, JSON out.
 */
import { compareText } from '../reports/facilitators.js';
import * as Q from '../reports/rational.js';
import type { SanctionsReport } from '../reports/types.js';
import { inRegionOrder, regionHeader } from './region-header.js';
import type { RegionReportOptions } from './region-scorecard.js';
import type { ResolvedRegion } from './resolve.js';
import type { RegionSanctionEntry, RegionSanctionsReport } from './types.js';

/** One kabupaten's own sanctions list for P and whether P is final there. */
export interface KabupatenSanctions {
  report: SanctionsReport;
  final: boolean;
}

/** The unrounded daily rate of an entry (reported / working days), null at 0 working days. */
function exactRate(e: RegionSanctionEntry): Q.Rational | null {
  return Q.ratio(e.reported_days, e.working_days);
}

/**
 * consecutive_low_months descending, then the daily rate ascending (null first; compared
 * unrounded, as every comparison in REPORTS.md), then kabupaten_code, then facilitator_id.
 */
export function compareRegionEntries(a: RegionSanctionEntry, b: RegionSanctionEntry): number {
  if (a.consecutive_low_months !== b.consecutive_low_months) return b.consecutive_low_months - a.consecutive_low_months;
  const ra = exactRate(a);
  const rb = exactRate(b);
  if (ra === null || rb === null) {
    if (ra !== rb) return ra === null ? -1 : 1;
  } else {
    const c = Q.cmp(ra, rb);
    if (c !== 0) return c;
  }
  return compareText(a.kabupaten_code, b.kabupaten_code) || compareText(a.facilitator_id, b.facilitator_id);
}

/** Region sanctions list of `region` from its kabupaten's own lists (one per kabupaten code). */
export function assembleRegionSanctions(
  region: ResolvedRegion,
  kabupaten: readonly KabupatenSanctions[],
  opts: RegionReportOptions,
): RegionSanctionsReport {
  const ordered = inRegionOrder(region, kabupaten, (k) => k.report.kabupaten_code, 'sanctions list');
  const facilitators: RegionSanctionEntry[] = ordered
    .flatMap(({ report }) => report.facilitators.map((f) => ({ kabupaten_code: report.kabupaten_code, kabupaten_name: report.kabupaten_name, ...f })))
    .sort(compareRegionEntries);
  return {
    ...regionHeader('sanctions', region, ordered.map((k) => k.final), opts),
    low_threshold: opts.config.low_threshold,
    min_working_days: opts.config.min_working_days,
    expected_count: ordered.reduce((n, k) => n + k.report.expected_count, 0),
    low_count: ordered.reduce((n, k) => n + k.report.low_count, 0),
    facilitators,
  };
}
