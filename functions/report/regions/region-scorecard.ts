/**
 * Region scorecard (REPORTS.md §4): gathers the kabupaten's own scorecards. Pure: report JSON
 * in, report JSON out. Each kabupaten row is its scorecard's `total` as it is; the region
 * `total` sums numerators, denominators and counts and takes statuses and score from the same
 * functions as a kabupaten's total (functions/report/reports/scorecard.ts).
 */
import type { PkhConfig } from '../../lib/config.js';
import { rankBy } from '../reports/common.js';
import { addFigures, emptyFigures, score, toJson, type Figures, type MonthTotal, type ScorecardBody } from '../reports/scorecard.js';
import { COUNT_NAMES, INDICATOR_NAMES, type IndicatorName, type ScorecardReport, type ScorecardTotal } from '../reports/types.js';
import { inRegionOrder, regionHeader } from './region-header.js';
import type { ResolvedRegion } from './resolve.js';
import type { RegionScorecardKabupaten, RegionScorecardReport } from './types.js';

/** Indicators that follow the monthly report, and so can be `not_due` (REPORTS.md §1). */
const MONTHLY_INDICATORS: readonly IndicatorName[] = ['monthly_report_rate', 'monthly_report_on_time_rate'];

/** What a region keeps of a kabupaten's scorecard of an earlier month: its total's score and figures. */
export type PastTotal = MonthTotal;

/**
 * One kabupaten's own scorecard for P and the totals of its own scorecards for P−1 and P−12
 * (all as of the same instant), and whether P is final there.
 */
export interface KabupatenScorecards {
  now: ScorecardBody;
  prevMonth: PastTotal;
  prevYear: PastTotal;
  final: boolean;
}

export interface RegionReportOptions {
  period: string;
  config: PkhConfig;
  /** `A` in UTC, ISO with milliseconds. */
  asOf: string;
  generatedAt: string;
}

/** The numerators, denominators and counts of a scorecard `total`, back from its JSON. */
export function figuresOf(total: ScorecardTotal): Figures {
  const fig = emptyFigures();
  for (const i of INDICATOR_NAMES) fig.rates[i] = { num: total.indicators[i].numerator, den: total.indicators[i].denominator };
  for (const c of COUNT_NAMES) fig.counts[c] = total.counts[c].value;
  return fig;
}

/** The part of a scorecard a region keeps for P−1 and P−12. */
export function pastTotal(report: ScorecardReport): PastTotal {
  return { score: report.total.score, figures: figuresOf(report.total) };
}

function summed(figures: readonly Figures[]): Figures {
  const fig = emptyFigures();
  for (const f of figures) addFigures(fig, f);
  return fig;
}

const isNotDue = (total: ScorecardTotal, i: IndicatorName): boolean => total.indicators[i].status === 'not_due';

/**
 * The region's `total`: sums, then statuses and score by the kabupaten formulas. A monthly
 * indicator is `not_due` while it is not due in any kabupaten of the region (read literally:
 * while no kabupaten has it due); then, as in a kabupaten, it keeps its value and stays out of
 * `score`. Once it is due in one kabupaten, the total judges and scores it.
 */
export function regionTotal(
  now: readonly ScorecardTotal[],
  prevMonth: readonly Figures[],
  prevYear: readonly Figures[],
  period: string,
  config: PkhConfig,
): ScorecardTotal {
  const fig = summed(now.map(figuresOf));
  const due = !now.every((t) => MONTHLY_INDICATORS.every((i) => isNotDue(t, i)));
  const { indicators, counts } = toJson(fig, summed(prevMonth), summed(prevYear), period, due, config);
  return { score: score(fig, { due }), indicators, counts };
}

/** Region scorecard of `region` from its kabupaten's own scorecards (any order; one per kabupaten code). */
export function assembleRegionScorecard(
  region: ResolvedRegion,
  kabupaten: readonly KabupatenScorecards[],
  opts: RegionReportOptions,
): RegionScorecardReport {
  const ordered = inRegionOrder(region, kabupaten, (k) => k.now.kabupaten_code, 'scorecard');
  const rankNow = rankBy(
    ordered.map((k) => ({ code: k.now.kabupaten_code, score: k.now.total.score })),
    (i) => i.score,
  );
  const rankBefore = rankBy(
    ordered.map((k) => ({ code: k.now.kabupaten_code, score: k.prevMonth.score })),
    (i) => i.score,
  );
  const rows: RegionScorecardKabupaten[] = ordered.map(({ now }) => ({
    kabupaten_code: now.kabupaten_code,
    kabupaten_name: now.kabupaten_name,
    rank: rankNow.get(now.kabupaten_code) as number,
    rank_prev_month: rankBefore.get(now.kabupaten_code) as number,
    score: now.total.score,
    indicators: now.total.indicators,
    counts: now.total.counts,
    kecamatan_count: now.kecamatan.length,
    desa_not_covered_count: now.kecamatan.reduce((n, k) => n + k.desa_not_covered.length, 0),
  }));
  return {
    ...regionHeader('scorecard', region, ordered.map((k) => k.final), opts),
    kabupaten: rows,
    total: regionTotal(
      ordered.map((k) => k.now.total),
      ordered.map((k) => k.prevMonth.figures),
      ordered.map((k) => k.prevYear.figures),
      opts.period,
      opts.config,
    ),
  };
}
