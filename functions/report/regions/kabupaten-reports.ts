/**
 * The one place where a region gets its kabupaten's own reports. Today it calls the
 * single-kabupaten builders one kabupaten at a time; when a reader of several kabupaten in one
 * pass exists, only this file changes (the assembly takes report JSON and does not care).
 */
import type { PkhConfig } from '../../lib/config.js';
import { periodAdd } from '../../lib/localtime.js';
import type { QueryEngine } from '../../lib/query-engine/types.js';
import { buildSanctions, buildScorecard } from '../reports/index.js';
import type { ReportOptions } from '../reports/common.js';
import type { KabupatenScorecards } from './region-scorecard.js';
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
 * Every kabupaten's own report for the region: scorecards of P, P−1 and P−12 (the region's
 * previous rank and deltas come from them), or sanctions lists of P; in `codes` order.
 */
export async function kabupatenReports(
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
    const prevMonth = await buildScorecard(engine, options(code, periodAdd(P, -1), opts));
    const prevYear = await buildScorecard(engine, options(code, periodAdd(P, -12), opts));
    return { now, prevMonth, prevYear, final: now.final };
  });
}
