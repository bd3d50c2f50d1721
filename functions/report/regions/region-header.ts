/**
 * What the region scorecard and the region sanctions list share (REPORTS.md §4): their
 * kabupaten in the region's order, and the header fields of the JSON layouts.
 */
import { reportConfig } from '../../lib/config.js';
import type { RegionReportOptions } from './region-scorecard.js';
import type { ResolvedRegion } from './resolve.js';

/** `items` (one per kabupaten) in the order of `region.kabupaten_codes`; a missing kabupaten is a bug. */
export function inRegionOrder<T>(region: ResolvedRegion, items: readonly T[], codeOf: (item: T) => string, what: string): T[] {
  const byCode = new Map(items.map((item) => [codeOf(item), item]));
  return region.kabupaten_codes.map((code) => {
    const item = byCode.get(code);
    if (!item) throw new Error(`region ${region.region}: no ${what} of kabupaten ${code}`);
    return item;
  });
}

/** The header of a region report: `final` when every kabupaten's own report is final. */
export function regionHeader<R extends 'scorecard' | 'sanctions'>(report: R, region: ResolvedRegion, finals: readonly boolean[], opts: RegionReportOptions) {
  return {
    report,
    region: region.region,
    region_name: region.region_name,
    kabupaten_codes: [...region.kabupaten_codes],
    period: opts.period,
    as_of: opts.asOf,
    final: finals.every((f) => f),
    generated_at: opts.generatedAt,
    config: reportConfig(opts.config),
  };
}
