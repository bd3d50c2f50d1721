/**
 * The one place where a region gets its kabupaten's own reports. Each read is made once for
 * the region (region-reads.ts) and split per kabupaten (a kabupaten whose facilitators are
 * rostered elsewhere runs its own for the reads that depend on it); each kabupaten is then
 * computed by the single-kabupaten compute functions. Of P−1 and P−12 a region keeps only the
 * totals: they come from the rows read for P's scorecard, which covers those months for its
 * deltas.
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
  computeScorecardParts,
  readSanctionsInputs,
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
    return provinceByProvince(
      codes,
      (code) => readSanctionsInputs(engine, code, P, opts.config, A, read),
      (code, inputs) => {
        const report = computeSanctions(inputs, options(code, P, opts));
        return { report, final: report.final };
      },
    );
  }
  return provinceByProvince(
    codes,
    (code) => readScorecardRows(engine, code, P, opts.config, A, read),
    (code, inputs) => {
      // P's rows cover P−1 and P−12 (its deltas and previous ranks read them): their totals as
      // those months' own scorecards would give them.
      const { body: now, prevMonth, prevYear } = computeScorecardParts(inputs, options(code, P, opts));
      return { now, prevMonth, prevYear, final: now.final };
    },
  );
}

/**
 * Reads and computes each kabupaten of `codes` (ascending, so a province's kabupaten are
 * together), CONCURRENCY at a time. A region's reads run once per province: when a province's
 * first kabupaten starts, the next province's first kabupaten starts reading too, so DuckDB
 * reads the next province while this one is computed.
 */
async function provinceByProvince<I, R>(codes: readonly string[], read: (code: string) => Promise<I>, compute: (code: string, inputs: I) => R): Promise<R[]> {
  const started = new Map<string, Promise<I>>();
  const inputsOf = (code: string): Promise<I> => {
    let p = started.get(code);
    if (!p) started.set(code, (p = read(code)));
    return p;
  };
  const firsts = codes.filter((c, i) => i === 0 || codes[i - 1].slice(0, 2) !== c.slice(0, 2));
  const nextFirst = new Map(firsts.slice(0, -1).map((c, i) => [c, firsts[i + 1]]));
  return eachLimited(codes, CONCURRENCY, async (code) => {
    const ahead = nextFirst.get(code);
    // Awaited when its turn comes; a failure is reported there, not here.
    if (ahead) inputsOf(ahead).catch(() => undefined);
    const inputs = await inputsOf(code);
    started.delete(code);
    return compute(code, inputs);
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
