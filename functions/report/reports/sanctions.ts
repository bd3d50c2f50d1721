/**
 * Sanctions list — daftar sanksi pelaporan (REPORTS.md §2), the compute step: expected
 * facilitators who are low in P, with how many months in a row (up to 12) they have been low.
 * Pure: no engine, no I/O.
 */
import type { PkhConfig } from '../../lib/config.js';
import { periodAdd } from '../../lib/localtime.js';
import { reportTime, type ReportTime } from './as-of.js';
import { reportHeader, type ComputeOptions } from './common.js';
import {
  compareText,
  expectedFacilitators,
  indexReportedDays,
  monthlyStatus,
  reportedFigures,
  reportedOn,
  type ExpectedFacilitator,
  type ReportedDays,
  type ReportedFigures,
} from './facilitators.js';
import type { FirstSubmissionRow, KabupatenReference, ReportedDaysRow, RosterRow } from './rows.js';
import * as Q from './rational.js';
import type { MonthlyReportStatus, SanctionEntry, SanctionsReport } from './types.js';

/** Months looked at for a streak, P included. */
export const STREAK_MONTHS = 12;

/** The months a sanctions list of P looks at: P, P−1, …, P−11. */
export function streakMonths(period: string): string[] {
  return Array.from({ length: STREAK_MONTHS }, (_, i) => periodAdd(period, -i));
}

/**
 * Everything the sanctions list of K for P reads, as of A (rows submitted after A already cut):
 * the roster of K's facilitators, activity days and earliest monthly report submissions of the
 * twelve months P−11 … P.
 */
export interface SanctionsInputs {
  kabupaten: KabupatenReference;
  roster: RosterRow[];
  /** The days with activities (only whether a day was reported counts here, not when). */
  reportedDays: ReportedDaysRow[];
  firstSubmissions: FirstSubmissionRow[];
}

interface MonthFacts {
  expected: Map<string, ExpectedFacilitator>;
  /** The month's time facts as of the report's A. */
  time: ReportTime;
}

interface Assessment {
  daily: ReportedFigures;
  rate: Q.Rational | null;
  status: MonthlyReportStatus;
  low: boolean;
}

/**
 * Low in a month: monthly report `missing` (never `not_due`), or at least min_working_days closed
 * working days and a daily reporting rate under low_threshold (fewer working days are too few to
 * judge the daily rate). Everything as of the report's A.
 */
function assess(
  f: ExpectedFacilitator,
  days: ReportedDays,
  firstSubmitted: number | undefined,
  time: ReportTime,
  cfg: PkhConfig,
): Assessment {
  const months = days.get(f.facilitator_id);
  const daily = reportedFigures(f, (d) => reportedOn(months, d), cfg, time.today);
  const rate = Q.ratio(daily.reported_days, daily.working_days);
  const status = monthlyStatus(firstSubmitted, time);
  const low =
    status === 'missing' ||
    (daily.working_days >= cfg.min_working_days && rate !== null && Q.cmp(rate, Q.fromNumber(cfg.low_threshold)) < 0);
  return { daily, rate, status, low };
}

/**
 * The sanctions list of one kabupaten and period from its rows, as of `opts.asOf`.
 *
 * @example
 * const report = computeSanctions(await readSanctionsInputs(engine, '64.02', '2026-10', config, asOf),
 *   { period: '2026-10', config, asOf, generatedAt });
 */
export function computeSanctions(inputs: SanctionsInputs, opts: ComputeOptions): SanctionsReport {
  const { header, zone } = reportHeader('sanctions', inputs.kabupaten, opts);
  const K = inputs.kabupaten.code;
  const P = opts.period;
  const cfg = opts.config;
  const asOf = opts.asOf;
  const months = streakMonths(P);
  const { roster } = inputs;
  const days = indexReportedDays(inputs.reportedDays);
  const submitted = new Map<string, number>();
  for (const s of inputs.firstSubmissions) {
    const key = `${s.facilitator_id}|${s.period}`;
    const seen = submitted.get(key);
    if (seen === undefined || s.first_submitted_at < seen) submitted.set(key, s.first_submitted_at);
  }
  const kecamatanName = new Map(inputs.kabupaten.kecamatan.map((k) => [k.code, k.name]));

  const facts = new Map<string, MonthFacts>();
  const monthFacts = (m: string): MonthFacts => {
    let mf = facts.get(m);
    if (!mf) {
      const expected = new Map(expectedFacilitators(roster, K, m, cfg).map((f) => [f.facilitator_id, f]));
      mf = { expected, time: reportTime(m, asOf, zone, cfg) };
      facts.set(m, mf);
    }
    return mf;
  };
  const assessIn = (f: ExpectedFacilitator, m: string): Assessment =>
    assess(f, days, submitted.get(`${f.facilitator_id}|${m}`), monthFacts(m).time, cfg);

  const now = monthFacts(P);
  const entries: (SanctionEntry & { exactRate: Q.Rational | null })[] = [];
  for (const f of now.expected.values()) {
    const a = assessIn(f, P);
    if (!a.low) continue;
    let streak = 1;
    for (const m of months.slice(1)) {
      const earlier = monthFacts(m).expected.get(f.facilitator_id);
      if (!earlier || !assessIn(earlier, m).low) break;
      streak++;
    }
    const ladder = cfg.sanction_ladder;
    entries.push({
      facilitator_id: f.facilitator_id,
      full_name: f.full_name,
      role: f.role,
      kecamatan_code: f.kecamatan_code,
      kecamatan_name: f.kecamatan_code === null ? null : (kecamatanName.get(f.kecamatan_code) ?? null),
      supervisor_id: f.supervisor_id,
      working_days: a.daily.working_days,
      reported_days: a.daily.reported_days,
      daily_reporting_rate: Q.roundOrNull(a.rate, 4),
      monthly_report_status: a.status,
      consecutive_low_months: streak,
      sanction_level: ladder[Math.min(streak, ladder.length) - 1],
      missing_dates: a.daily.missing_dates,
      exactRate: a.rate,
    });
  }

  // consecutive_low_months descending, then the (unrounded) daily rate ascending with null first, then id.
  entries.sort((a, b) => {
    if (a.consecutive_low_months !== b.consecutive_low_months) return b.consecutive_low_months - a.consecutive_low_months;
    if (a.exactRate === null || b.exactRate === null) {
      if (a.exactRate !== b.exactRate) return a.exactRate === null ? -1 : 1;
    } else {
      const c = Q.cmp(a.exactRate, b.exactRate);
      if (c !== 0) return c;
    }
    return compareText(a.facilitator_id, b.facilitator_id);
  });

  return {
    ...header,
    low_threshold: cfg.low_threshold,
    min_working_days: cfg.min_working_days,
    expected_count: now.expected.size,
    low_count: entries.length,
    facilitators: entries.map(({ exactRate: _exactRate, ...entry }) => entry),
  };
}
