/**
 * Sanctions list — daftar sanksi pelaporan (REPORTS.md §2): expected facilitators who are low in
 * P, with how many months in a row (up to 12) they have been low.
 */
import type { PkhConfig } from '../../lib/config.js';
import { periodAdd, type TimeZoneName } from '../../lib/localtime.js';
import type { QueryEngine } from '../../lib/query-engine/index.js';
import { getKecamatan } from '../../lib/wilayah.js';
import { reportTime, type ReportTime } from './as-of.js';
import { reportHeader, type ReportOptions } from './common.js';
import {
  activityKabupaten,
  compareText,
  dailyFigures,
  expectedFacilitators,
  indexActivityDays,
  monthlyStatus,
  type ActivityDays,
  type DailyFigures,
  type ExpectedFacilitator,
} from './facilitators.js';
import { readActivityDays, readFirstSubmissions, readFirstSubmissionsNearby, readRoster, type RosterRow } from './queries.js';
import * as Q from './rational.js';
import type { MonthlyReportStatus, SanctionEntry, SanctionsReport } from './types.js';

/** Months looked at for a streak, P included. */
export const STREAK_MONTHS = 12;

interface MonthFacts {
  expected: Map<string, ExpectedFacilitator>;
  /** The month's time facts as of the report's A. */
  time: ReportTime;
}

interface Assessment {
  daily: DailyFigures;
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
  days: ActivityDays,
  firstSubmitted: number | undefined,
  time: ReportTime,
  zone: TimeZoneName,
  cfg: PkhConfig,
): Assessment {
  const daily = dailyFigures(f, days.get(f.facilitator_id), zone, cfg, time.today);
  const rate = Q.ratio(daily.reported_days, daily.working_days);
  const status = monthlyStatus(firstSubmitted, time);
  const low =
    status === 'missing' ||
    (daily.working_days >= cfg.min_working_days && rate !== null && Q.cmp(rate, Q.fromNumber(cfg.low_threshold)) < 0);
  return { daily, rate, status, low };
}

/**
 * Builds the sanctions list of one kabupaten and period.
 *
 * @example
 * const report = await buildSanctions(engine, { kabupaten: '64.02', period: '2026-10', config, generatedAt });
 */
export async function buildSanctions(engine: QueryEngine, opts: ReportOptions): Promise<SanctionsReport> {
  const { header, zone } = reportHeader('sanctions', opts);
  const asOf = opts.asOf;
  const K = header.kabupaten_code;
  const P = opts.period;
  const cfg = opts.config;
  const months = Array.from({ length: STREAK_MONTHS }, (_, i) => periodAdd(P, -i)); // P, P−1, …, P−11
  const first = months[months.length - 1];

  const roster: RosterRow[] = await readRoster(engine, K);
  const nearby = activityKabupaten(roster, K, months, cfg);
  // The month asked is read from every kabupaten (a report counts whatever its kabupaten_code);
  // the eleven months before it only from K and where its facilitators are rostered.
  const [dayRows, submissionsNow, submissionsBefore] = await Promise.all([
    readActivityDays(engine, nearby, first, P, asOf),
    readFirstSubmissions(engine, K, P, P, asOf),
    readFirstSubmissionsNearby(engine, nearby, first, periodAdd(P, -1), asOf),
  ]);
  const submissions = [...submissionsNow, ...submissionsBefore];
  const days = indexActivityDays(dayRows);
  const submitted = new Map(submissions.map((s) => [`${s.facilitator_id}|${s.period}`, s.first_submitted_at]));

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
    assess(f, days, submitted.get(`${f.facilitator_id}|${m}`), monthFacts(m).time, zone, cfg);

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
      kecamatan_name: f.kecamatan_code === null ? null : (getKecamatan(f.kecamatan_code)?.name ?? null),
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
