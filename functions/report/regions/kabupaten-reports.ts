/**
 * The one place where a region gets its kabupaten's own reports. Today it calls the
 * single-kabupaten builders one kabupaten at a time; when a reader of several kabupaten in one
 * pass exists, only this file changes (the assembly takes report JSON and does not care).
 */
import { workingDays } from '../../lib/calendar.js';
import type { PkhConfig } from '../../lib/config.js';
import { addDays, localDateOf, periodAdd } from '../../lib/localtime.js';
import type { QueryEngine } from '../../lib/query-engine/types.js';
import { timeZoneOf } from '../../lib/wilayah.js';
import { monthlyDeadlineMs } from '../reports/facilitators.js';
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

/**
 * Whether the builders cut the data at `A` (REPORTS.md "Time of a report"). Until they do, a
 * region is computed on all stored data, so an explicit past `--as-of` is refused rather than
 * printed over figures that are not as of it.
 */
export const BUILDERS_READ_AS_OF = false;

/** Kabupaten built at once: the builders already run their own queries in parallel. */
const CONCURRENCY = 2;

/**
 * `final` of kabupaten K for P as of A (REPORTS.md "Time of a report"): the monthly report is due
 * (A after its deadline in K's local time) and every working day of P is closed
 * (d + grace_days < today in K). Used while a builder's report carries no `final` of its own.
 */
export function finalAt(kabupaten: string, period: string, asOfMs: number, cfg: PkhConfig): boolean {
  const zone = timeZoneOf(kabupaten);
  if (!(asOfMs > monthlyDeadlineMs(period, zone, cfg))) return false;
  const today = localDateOf(asOfMs, zone);
  return workingDays(period, cfg).every((d) => addDays(d, cfg.grace_days) < today);
}

/** The report's own `final` when its builder gives one, else {@link finalAt}. */
function finalOf(report: object, kabupaten: string, opts: KabupatenReportsOptions): boolean {
  const own = (report as { final?: unknown }).final;
  return typeof own === 'boolean' ? own : finalAt(kabupaten, opts.period, opts.asOfMs, opts.config);
}

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
  // `asOf` is handed on for builders that read it; builders without it compute on all data.
  const o = { kabupaten, period, config: opts.config, generatedAt: opts.generatedAt, asOf: new Date(opts.asOfMs).toISOString() };
  return o;
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
      return { report, final: finalOf(report, code, opts) };
    });
  }
  return eachLimited(codes, CONCURRENCY, async (code) => {
    const now = await buildScorecard(engine, options(code, P, opts));
    const prevMonth = await buildScorecard(engine, options(code, periodAdd(P, -1), opts));
    const prevYear = await buildScorecard(engine, options(code, periodAdd(P, -12), opts));
    return { now, prevMonth, prevYear, final: finalOf(now, code, opts) };
  });
}
