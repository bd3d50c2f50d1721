/**
 * The one place where a region gets its kabupaten's own reports. Each read is made once for
 * the region (region-reads.ts) and split per kabupaten (a kabupaten whose facilitators are
 * rostered elsewhere runs its own for the reads that depend on it); each kabupaten is then
 * computed by the single-kabupaten compute functions. Of P−1 and P−12 a region keeps only the
 * totals, read with the month-only scope. `kabupatenReportsOneByOne` is the plain per-kabupaten
 * path, kept as the reference the one-pass path must equal.
 */
import type { PkhConfig } from '../../lib/config.js';
import { periodAdd } from '../../lib/localtime.js';
import type { QueryEngine } from '../../lib/query-engine/types.js';
import {
  buildSanctions,
  buildScorecard,
  computeSanctions,
  computeScorecard,
  readSanctionsInputs,
  readScorecardInputs,
  type ScorecardScope,
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
 * Every kabupaten's own report for the region: the scorecard of P and the totals of those of
 * P−1 and P−12 (the region's previous rank and deltas come from them), or sanctions lists of P;
 * in `codes` order. Equal to `kabupatenReportsOneByOne`, with the region-wide reads made once.
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
  // P−1 and P−12 give the region only their totals: read just what those months' own figures need.
  const scorecard = async (code: string, period: string, scope: ScorecardScope) =>
    computeScorecard(await readScorecardInputs(engine, code, period, opts.config, A, read, scope), options(code, period, opts));
  return eachLimited(codes, CONCURRENCY, async (code) => {
    const now = await scorecard(code, P, 'full');
    const prevMonth = pastTotal(await scorecard(code, periodAdd(P, -1), 'month'));
    const prevYear = pastTotal(await scorecard(code, periodAdd(P, -12), 'month'));
    return { now, prevMonth, prevYear, final: now.final };
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
  return eachLimited(codes, CONCURRENCY, async (code) => {
    const now = await buildScorecard(engine, options(code, P, opts));
    const prevMonth = pastTotal(await buildScorecard(engine, options(code, periodAdd(P, -1), opts)));
    const prevYear = pastTotal(await buildScorecard(engine, options(code, periodAdd(P, -12), opts)));
    return { now, prevMonth, prevYear, final: now.final };
  });
}
