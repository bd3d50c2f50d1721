/**
 * The one place where a region gets its kabupaten's own reports. Each read is made once for
 * the region (region-reads.ts) and split per kabupaten (a kabupaten whose facilitators are
 * rostered elsewhere runs its own for the reads that depend on it); each kabupaten is then
 * computed by the single-kabupaten compute functions. Of P−1 and P−12 a region keeps only the
 * totals: they come from the rows read for P's scorecard (which covers those months for its
 * deltas), with those months' monthly reports read as their own scorecards read them.
 * `kabupatenReportsOneByOne` is the plain per-kabupaten path (whole scorecards of P, P−1 and
 * P−12), kept as the reference the one-pass path must equal.
 */
import type { PkhConfig } from '../../lib/config.js';
import { periodAdd } from '../../lib/localtime.js';
import type { QueryEngine } from '../../lib/query-engine/types.js';
import {
  buildSanctions,
  buildScorecard,
  computeSanctions,
  readSanctionsInputs,
  computeScorecardBody,
  monthTotals,
  readScorecardRows,
  type ScorecardBody,
} from '../reports/index.js';
import { regionReaders } from './region-reads.js';
import type { ReportOptions } from '../reports/common.js';
import { pastTotal, type KabupatenScorecards } from './region-scorecard.js';
import type { KabupatenSanctions } from './region-sanctions.js';

export interface KabupatenReportsOptions {
  period: string;
  config: PkhConfig;
  /** `A`, epoch ms: every kabupaten is computed as of this instant, in its own local time. */
  asOfMs: number;
  generatedAt: string;
}

/** Kabupaten built at once: the builders already run their own queries in parallel. */
const CONCURRENCY = 2;

async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function options(kabupaten: string, period: string, opts: KabupatenReportsOptions): ReportOptions {
  return { kabupaten, period, config: opts.config, asOf: opts.asOfMs, generatedAt: opts.generatedAt };
}

export function kabupatenReports(kind: 'scorecard', engine: QueryEngine, codes: readonly string[], opts: KabupatenReportsOptions): Promise<KabupatenScorecards[]>;
export function kabupatenReports(kind: 'sanctions', engine: QueryEngine, codes: readonly string[], opts: KabupatenReportsOptions): Promise<KabupatenSanctions[]>;
/**
 * Every kabupaten's own report for the region: the scorecard of P (without its data_quality,
 * which a region does not show, so rows_in_period is not read) and the totals of those of P−1
 * and P−12 (the region's previous rank and deltas come from them), or sanctions lists of P; in
 * `codes` order. Equal to `kabupatenReportsOneByOne`, with the region-wide reads made once.
 */
export async function kabupatenReports(
  kind: 'scorecard' | 'sanctions',
  engine: QueryEngine,
  codes: readonly string[],
  opts: KabupatenReportsOptions,
): Promise<KabupatenScorecards[] | KabupatenSanctions[]> {
  const P = opts.period;
  const A = opts.asOfMs;
  const read = regionReaders(engine, codes);
  if (kind === 'sanctions') {
    return eachLimited(codes, CONCURRENCY, async (code) => {
      const report = computeSanctions(await readSanctionsInputs(engine, code, P, opts.config, A, read), options(code, P, opts));
      return { report, final: report.final };
    });
  }
  const [prevMonth, prevYear] = [periodAdd(P, -1), periodAdd(P, -12)];
  return eachLimited(codes, CONCURRENCY, async (code) => {
    // P's rows hold P−1's and P−12's activities, coordination and disbursements; their monthly
    // reports there come from nearby kabupaten only, so those months' are read as their own
    // scorecards read them (from every kabupaten).
    const [inputs, reportsBefore, reportsYear] = await Promise.all([
      readScorecardRows(engine, code, P, opts.config, A, read),
      read.monthlyReports(code, prevMonth, A),
      read.monthlyReports(code, prevYear, A),
    ]);
    const now = computeScorecardBody(inputs, options(code, P, opts));
    const [before, lastYear] = monthTotals({ ...inputs, monthlyReports: [...reportsBefore, ...reportsYear] }, [prevMonth, prevYear], { asOf: A, config: opts.config });
    return { now, prevMonth: before, prevYear: lastYear, final: now.final };
  });
}

export function kabupatenReportsOneByOne(kind: 'scorecard', engine: QueryEngine, codes: readonly string[], opts: KabupatenReportsOptions): Promise<KabupatenScorecards[]>;
export function kabupatenReportsOneByOne(kind: 'sanctions', engine: QueryEngine, codes: readonly string[], opts: KabupatenReportsOptions): Promise<KabupatenSanctions[]>;
/** The same reports built kabupaten by kabupaten with the single-kabupaten builders (the reference). */
export async function kabupatenReportsOneByOne(
  kind: 'scorecard' | 'sanctions',
  engine: QueryEngine,
  codes: readonly string[],
  opts: KabupatenReportsOptions,
): Promise<KabupatenScorecards[] | KabupatenSanctions[]> {
  const P = opts.period;
  if (kind === 'sanctions') {
    return eachLimited(codes, CONCURRENCY, async (code) => {
      const report = await buildSanctions(engine, options(code, P, opts));
      return { report, final: report.final };
    });
  }
  const body = async (code: string, period: string): Promise<ScorecardBody> => {
    const { data_quality: _, ...rest } = await buildScorecard(engine, options(code, period, opts));
    return rest;
  };
  return eachLimited(codes, CONCURRENCY, async (code) => {
    const now = await body(code, P);
    const prevMonth = pastTotal(await buildScorecard(engine, options(code, periodAdd(P, -1), opts)));
    const prevYear = pastTotal(await buildScorecard(engine, options(code, periodAdd(P, -12), opts)));
    return { now, prevMonth, prevYear, final: now.final };
  });
}
