/**
 * What every report shares: its options, the check on the period, the JSON header, and ranking
 * by a rounded figure. Pure: the kabupaten comes in as reference data.
 */
import { reportConfig, type PkhConfig } from '../../lib/config.js';
import { UserError } from '../../lib/errors.js';
import type { TimeZoneName } from '../../lib/localtime.js';
import { asOfJson, futurePeriodError, periodInFuture, reportTime, type ReportTime } from './as-of.js';
import type { KabupatenReference } from './rows.js';
import type { ReportConfigJson } from './types.js';

export interface ReportOptions {
  /** Kabupaten code 'NN.NN'. */
  kabupaten: string;
  /** Period 'YYYY-MM'. */
  period: string;
  config: PkhConfig;
  /** The instant A the report is computed as of, epoch ms (REPORTS.md "Time of a report"). */
  asOf: number;
  /** ISO UTC timestamp printed as `generated_at`. */
  generatedAt: string;
}

/** What a compute step needs besides its rows: the options without the kabupaten (that is in the reference). */
export type ComputeOptions = Omit<ReportOptions, 'kabupaten'>;

export interface ReportHeader<R extends string> {
  report: R;
  kabupaten_code: string;
  kabupaten_name: string;
  period: string;
  as_of: string;
  final: boolean;
  generated_at: string;
  config: ReportConfigJson;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Checks the period: `YYYY-MM` (one-line UserError). */
export function checkPeriod(period: string): void {
  if (!PERIOD.test(period)) {
    throw new UserError(
      `Periode "${period}" tidak valid; tulis sebagai YYYY-MM, mis. 2026-10 / Invalid period "${period}"; write it as YYYY-MM, e.g. 2026-10`,
      'invalid_period',
    );
  }
}

/**
 * Checks the period (one-line UserError; a period that starts after the as-of date is refused)
 * and returns the report's header fields, time zone and the time facts of P.
 */
export function reportHeader<R extends string>(
  report: R,
  kab: KabupatenReference,
  opts: ComputeOptions,
): { header: ReportHeader<R>; zone: TimeZoneName; time: ReportTime } {
  checkPeriod(opts.period);
  const zone = kab.zone;
  if (!Number.isFinite(opts.asOf)) throw new Error(`reportHeader: asOf must be epoch ms, got ${String(opts.asOf)}`);
  if (periodInFuture(opts.period, opts.asOf, zone)) throw futurePeriodError(opts.period, opts.asOf, zone);
  const time = reportTime(opts.period, opts.asOf, zone, opts.config);
  return {
    header: {
      report,
      kabupaten_code: kab.code,
      kabupaten_name: kab.name,
      period: opts.period,
      as_of: asOfJson(opts.asOf),
      final: time.final,
      generated_at: opts.generatedAt,
      config: reportConfig(opts.config),
    },
    zone,
    time,
  };
}

/**
 * Ranks 1..n by a rounded figure descending, null last, then by the tie-breakers in order.
 * Returns code → rank.
 */
export function rankBy<T extends { code: string }>(
  items: readonly T[],
  figure: (t: T) => number | null,
  ...tieBreakers: ((a: T, b: T) => number)[]
): Map<string, number> {
  const sorted = [...items].sort((a, b) => {
    const fa = figure(a);
    const fb = figure(b);
    if (fa !== fb) {
      if (fa === null) return 1;
      if (fb === null) return -1;
      return fb - fa;
    }
    for (const t of tieBreakers) {
      const c = t(a, b);
      if (c !== 0) return c;
    }
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  return new Map(sorted.map((t, i) => [t.code, i + 1]));
}
