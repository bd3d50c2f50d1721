/**
 * Scorecard — kartu kinerja koordinasi (REPORTS.md §1), the compute step: rows, counts and sums
 * for P, P−1 and P−12 (read by build.ts) in, rates, statuses, deltas, scores and ranks out.
 * Pure: no engine, no I/O (test/report/purity.test.ts checks the imports).
 */
import type { PkhConfig } from '../../lib/config.js';
import { INDICATORS } from '../../lib/report-registry.js';
import { periodAdd, type TimeZoneName } from '../../lib/localtime.js';
import { reportTime, type ReportTime } from './as-of.js';
import { rankBy, reportHeader, type ComputeOptions } from './common.js';
import {
  compareText,
  dailyFigures,
  expectedFacilitators,
  indexActivityDays,
  monthlyStatus,
  rosteredIds,
  type ActivityDays,
  type ExpectedFacilitator,
} from './facilitators.js';
import type {
  ActivityDayRow,
  CoordinationRow,
  DisbursementMonthRow,
  KabupatenReference,
  MonthlyReportRow,
  RosterRow,
} from './rows.js';
import * as Q from './rational.js';
import {
  COUNT_NAMES,
  INDICATOR_NAMES,
  type CountName,
  type CountStatus,
  type CountsJson,
  type IndicatorName,
  type IndicatorStatus,
  type IndicatorsJson,
  type RowsInPeriod,
  type ScorecardKecamatan,
  type ScorecardReport,
} from './types.js';

/**
 * Everything the scorecard of K for P reads, as of A (rows submitted after A already cut):
 * the roster of K's facilitators, monthly reports of P, P−1 and P−12, activity days of those
 * months, coordination activities from January of P−12's year, disbursement sums of those months.
 */
export interface ScorecardRows {
  kabupaten: KabupatenReference;
  roster: RosterRow[];
  /** Latest monthly reports of P, P−1 and P−12 (P's from every kabupaten). */
  monthlyReports: MonthlyReportRow[];
  activityDays: ActivityDayRow[];
  coordination: CoordinationRow[];
  disbursement: DisbursementMonthRow[];
}

/** The rows plus the counts of `data_quality.rows_in_period` (a whole kabupaten scorecard). */
export interface ScorecardInputs extends ScorecardRows {
  rowsInPeriod: RowsInPeriod;
}

/** A scorecard without its `data_quality`: what a region keeps of each kabupaten's. */
export type ScorecardBody = Omit<ScorecardReport, 'data_quality'>;

export interface Fraction {
  num: number;
  den: number;
}

/** Numerators, denominators and counts of one kecamatan (or the total) in one month. */
export interface Figures {
  rates: Record<IndicatorName, Fraction>;
  counts: Record<CountName, number>;
}

interface Snapshot {
  period: string;
  /** The period's time facts as of A: while its report is not due the monthly indicators are not judged. */
  time: ReportTime;
  byKecamatan: Map<string, Figures>;
  covered: Set<string>;
}

/** The two indicators of the monthly report: `not_due` (shown, not judged, not scored) before its deadline. */
const MONTHLY_INDICATORS: ReadonlySet<IndicatorName> = new Set(INDICATORS.filter((i) => i.monthly).map((i) => i.name));

export function emptyFigures(): Figures {
  const rates = {} as Record<IndicatorName, Fraction>;
  for (const i of INDICATOR_NAMES) rates[i] = { num: 0, den: 0 };
  const counts = {} as Record<CountName, number>;
  for (const c of COUNT_NAMES) counts[c] = 0;
  return { rates, counts };
}

export function addFigures(into: Figures, from: Figures): void {
  for (const i of INDICATOR_NAMES) {
    into.rates[i].num += from.rates[i].num;
    into.rates[i].den += from.rates[i].den;
  }
  for (const c of COUNT_NAMES) into.counts[c] += from.counts[c];
}

function value(f: Fraction): Q.Rational | null {
  return Q.ratio(f.num, f.den);
}

/**
 * 100 × mean of min(1, value) over the non-null rates whose status is not `not_due`, rounded to
 * 1 decimal; null when all are null.
 */
export function score(fig: Figures, time: Pick<ReportTime, 'due'>): number | null {
  const values = INDICATOR_NAMES.filter((i) => time.due || !MONTHLY_INDICATORS.has(i))
    .map((i) => value(fig.rates[i]))
    .filter((v): v is Q.Rational => v !== null);
  if (values.length === 0) return null;
  const mean = Q.div(Q.sum(values.map((v) => Q.min(Q.ONE, v))), Q.int(values.length));
  return Q.round(Q.mul(mean, Q.int(100)), 1);
}

interface SnapshotInput {
  kabupaten: KabupatenReference;
  period: string;
  asOf: number;
  zone: TimeZoneName;
  cfg: PkhConfig;
  roster: readonly RosterRow[];
  days: ActivityDays;
  reports: readonly MonthlyReportRow[];
  coordination: readonly CoordinationRow[];
  disbursement: readonly DisbursementMonthRow[];
}

/** Every figure of every kecamatan of the kabupaten in one month. */
function snapshot(input: SnapshotInput): Snapshot {
  const { kabupaten, period, zone, cfg } = input;
  const time = reportTime(period, input.asOf, zone, cfg);
  const byKecamatan = new Map<string, Figures>(kabupaten.kecamatan.map((k) => [k.code, emptyFigures()]));
  const desaOf = new Map(kabupaten.kecamatan.map((k) => [k.code, k.desa]));
  const at = (code: string | null): Figures | undefined => (code === null ? undefined : byKecamatan.get(code));

  // Facilitator-based indicators, grouped by each facilitator's kecamatan in the period.
  const reports = new Map(input.reports.filter((r) => r.period === period).map((r) => [r.facilitator_id, r]));
  for (const f of expectedFacilitators(input.roster, kabupaten.code, period, cfg)) {
    const fig = at(f.kecamatan_code);
    if (!fig) continue;
    addFacilitator(fig, f, reports.get(f.facilitator_id), input.days.get(f.facilitator_id), time, zone, cfg);
  }

  // Desa coverage: koordinasi_desa dated from January of the period's year to the period's end.
  const from = yearStart(period);
  const covered = new Set(
    input.coordination
      .filter((r) => r.activity_type === 'koordinasi_desa' && r.desa_code !== null && r.period >= from && r.period <= period)
      .map((r) => r.desa_code as string),
  );
  // Kecamatan meetings: distinct days with a koordinasi_kecamatan in the period.
  const meetingDays = new Map<string, number>();
  for (const r of input.coordination) {
    if (r.activity_type !== 'koordinasi_kecamatan' || r.period !== period) continue;
    meetingDays.set(r.kecamatan_code, (meetingDays.get(r.kecamatan_code) ?? 0) + r.meeting_days);
  }
  for (const [code, fig] of byKecamatan) {
    const desa = desaOf.get(code) ?? [];
    fig.rates.desa_coordination_coverage = { num: desa.filter((d) => covered.has(d.code)).length, den: desa.length };
    fig.counts.kecamatan_meeting_days = meetingDays.get(code) ?? 0;
  }

  // Disbursement indicators, grouped by the rows' kecamatan.
  for (const r of input.disbursement) {
    const fig = r.period === period ? at(r.kecamatan_code) : undefined;
    if (!fig) continue;
    fig.rates.disbursement_rate.num += r.amount_disbursed;
    fig.rates.disbursement_rate.den += r.amount_allocated;
    fig.rates.reconciliation_rate.num += r.reconciled_rows;
    fig.rates.reconciliation_rate.den += r.salur_rows;
    fig.rates.field_verification_rate.num += r.field_verified_rows;
    fig.rates.field_verification_rate.den += r.salur_rows;
    fig.counts.card_custody_flags += r.card_custody_rows;
  }
  return { period, time, byKecamatan, covered };
}

function addFacilitator(
  fig: Figures,
  f: ExpectedFacilitator,
  report: MonthlyReportRow | undefined,
  days: ReadonlyMap<string, number> | undefined,
  time: ReportTime,
  zone: TimeZoneName,
  cfg: PkhConfig,
): void {
  const r = fig.rates;
  const status = monthlyStatus(report?.first_submitted_at, time);
  r.monthly_report_rate.den += 1;
  r.monthly_report_on_time_rate.den += 1;
  if (status === 'on_time' || status === 'late') r.monthly_report_rate.num += 1;
  if (status === 'on_time') r.monthly_report_on_time_rate.num += 1;

  const daily = dailyFigures(f, days, zone, cfg, time.today);
  r.daily_reporting_rate.num += daily.reported_days;
  r.daily_reporting_rate.den += daily.working_days;
  r.daily_reporting_on_time_rate.num += daily.on_time_days;
  r.daily_reporting_on_time_rate.den += daily.working_days;

  if (report) {
    r.kpm_verification_rate.num += report.kpm_verified;
    r.kpm_verification_rate.den += report.kpm_assigned;
    r.p2k2_attendance_rate.num += report.p2k2_kpm_attended;
    r.p2k2_attendance_rate.den += report.kpm_assigned;
    r.complaint_resolution_rate.num += report.complaints_resolved;
    r.complaint_resolution_rate.den += report.complaints_received;
    fig.counts.dtks_updates += report.dtks_updates;
    fig.counts.graduations += report.graduations;
  }
}

function indicatorStatus(name: IndicatorName, v: Q.Rational | null, period: string, due: boolean, cfg: PkhConfig): IndicatorStatus {
  if (!due && MONTHLY_INDICATORS.has(name)) return 'not_due';
  if (v === null) return 'none';
  let green: Q.Rational;
  let amber: Q.Rational;
  if (name === 'desa_coordination_coverage') {
    // Year-to-date target month/12; amber from 0.75 of it. Not configurable.
    green = Q.ratio(Number(period.slice(5, 7)), 12) as Q.Rational;
    amber = Q.mul(green, Q.ratio(3, 4) as Q.Rational);
  } else {
    const t = cfg.thresholds[name];
    green = Q.fromNumber(t.green);
    amber = Q.fromNumber(t.amber);
  }
  if (Q.cmp(v, green) >= 0) return 'green';
  if (Q.cmp(v, amber) >= 0) return 'amber';
  return 'red';
}

function delta(now: Q.Rational | null, before: Q.Rational | null): number | null {
  return now === null || before === null ? null : Q.round(Q.sub(now, before), 4);
}

function countStatus(name: CountName, v: number): CountStatus {
  if (name === 'card_custody_flags') return v === 0 ? 'green' : 'red';
  return 'none';
}

export function toJson(
  now: Figures,
  prevMonth: Figures,
  prevYear: Figures,
  period: string,
  due: boolean,
  cfg: PkhConfig,
): { indicators: IndicatorsJson; counts: CountsJson } {
  const indicators = {} as IndicatorsJson;
  for (const i of INDICATOR_NAMES) {
    const v = value(now.rates[i]);
    indicators[i] = {
      value: Q.roundOrNull(v, 4),
      numerator: now.rates[i].num,
      denominator: now.rates[i].den,
      status: indicatorStatus(i, v, period, due, cfg),
      delta_prev_month: delta(v, value(prevMonth.rates[i])),
      delta_prev_year: delta(v, value(prevYear.rates[i])),
    };
  }
  const counts = {} as CountsJson;
  for (const c of COUNT_NAMES) {
    const v = now.counts[c];
    counts[c] = {
      value: v,
      status: countStatus(c, v),
      delta_prev_month: v - prevMonth.counts[c],
      delta_prev_year: v - prevYear.counts[c],
    };
  }
  return { indicators, counts };
}

function total(s: Snapshot): Figures {
  const t = emptyFigures();
  for (const fig of s.byKecamatan.values()) addFigures(t, fig);
  return t;
}

function ranks(s: Snapshot): Map<string, number> {
  const items = [...s.byKecamatan].map(([code, fig]) => ({ code, score: score(fig, s.time) }));
  return rankBy(items, (i) => i.score);
}

/** January of the year of `period`. */
export function yearStart(period: string): string {
  return `${period.slice(0, 4)}-01`;
}

/** A month's `total` as figures (numerators, denominators, counts) and its score. */
export interface MonthTotal {
  score: number | null;
  figures: Figures;
}

/**
 * A scorecard without `data_quality`, with the totals of P−1 and P−12 its deltas and previous
 * ranks compare with: the figures and score those months' own scorecards give (their rows are
 * among P's). A region keeps these as its kabupaten's previous totals.
 */
export interface ScorecardParts {
  body: ScorecardBody;
  prevMonth: MonthTotal;
  prevYear: MonthTotal;
}

/**
 * The scorecard of one kabupaten and period from its rows, as of `opts.asOf`.
 *
 * @example
 * const report = computeScorecard(await readScorecardInputs(engine, '64.02', '2026-10', config, asOf),
 *   { period: '2026-10', config, asOf, generatedAt: new Date().toISOString() });
 */
export function computeScorecard(inputs: ScorecardInputs, opts: ComputeOptions): ScorecardReport {
  return {
    ...computeScorecardBody(inputs, opts),
    data_quality: {
      rows_in_period: { ...inputs.rowsInPeriod },
      unrostered_facilitators: unrostered(inputs.roster, inputs.kabupaten.code, opts.period, inputs.activityDays, inputs.monthlyReports),
    },
  };
}

/** The scorecard without `data_quality` (so without the rows_in_period counts), from its rows. */
export function computeScorecardBody(inputs: ScorecardRows, opts: ComputeOptions): ScorecardBody {
  return computeScorecardParts(inputs, opts).body;
}

/** The scorecard without `data_quality` and the totals of P−1 and P−12, from one set of snapshots. */
export function computeScorecardParts(inputs: ScorecardRows, opts: ComputeOptions): ScorecardParts {
  const { header, zone } = reportHeader('scorecard', inputs.kabupaten, opts);
  const K = inputs.kabupaten;
  const P = opts.period;
  const cfg = opts.config;
  const prevMonth = periodAdd(P, -1);
  const prevYear = periodAdd(P, -12);

  const shared = {
    kabupaten: K,
    asOf: opts.asOf,
    zone,
    cfg,
    roster: inputs.roster,
    days: indexActivityDays(inputs.activityDays),
    reports: inputs.monthlyReports,
    coordination: inputs.coordination,
    disbursement: inputs.disbursement,
  };
  const now = snapshot({ ...shared, period: P });
  const before = snapshot({ ...shared, period: prevMonth });
  const lastYear = snapshot({ ...shared, period: prevYear });

  const rankNow = ranks(now);
  const rankBefore = ranks(before);
  const kecamatan: ScorecardKecamatan[] = K.kecamatan.map((k) => {
    const fig = now.byKecamatan.get(k.code) as Figures;
    const prev = before.byKecamatan.get(k.code) as Figures;
    const { indicators, counts } = toJson(fig, prev, lastYear.byKecamatan.get(k.code) as Figures, P, now.time.due, cfg);
    return {
      kecamatan_code: k.code,
      kecamatan_name: k.name,
      rank: rankNow.get(k.code) as number,
      rank_prev_month: rankBefore.get(k.code) as number,
      score: score(fig, now.time),
      indicators,
      counts,
      desa_not_covered: k.desa.filter((d) => !now.covered.has(d.code)).map((d) => ({ desa_code: d.code, desa_name: d.name })),
    };
  });

  const totalNow = total(now);
  const totalBefore = total(before);
  const totalLastYear = total(lastYear);
  const totalJson = toJson(totalNow, totalBefore, totalLastYear, P, now.time.due, cfg);

  return {
    body: {
      ...header,
      kecamatan,
      total: { score: score(totalNow, now.time), indicators: totalJson.indicators, counts: totalJson.counts },
    },
    prevMonth: { score: score(totalBefore, before.time), figures: totalBefore },
    prevYear: { score: score(totalLastYear, lastYear.time), figures: totalLastYear },
  };
}

/** Ids with an activity dated in P in K, or whose latest report for P names K, but no roster row of K active in P. */
function unrostered(
  roster: readonly RosterRow[],
  K: string,
  P: string,
  days: readonly { facilitator_id: string; kabupaten_code: string; activity_date: string }[],
  reports: readonly MonthlyReportRow[],
): string[] {
  const rostered = rosteredIds(roster, K, P);
  const ids = new Set<string>();
  for (const d of days) if (d.kabupaten_code === K && d.activity_date.startsWith(`${P}-`)) ids.add(d.facilitator_id);
  for (const r of reports) if (r.period === P && r.kabupaten_code === K) ids.add(r.facilitator_id);
  return [...ids].filter((id) => !rostered.has(id)).sort(compareText);
}
