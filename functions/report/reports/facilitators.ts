/**
 * REPORTS.md "Shared definitions", as pure functions: expected facilitators, their working days,
 * reported days (on time or not) and monthly report status.
 */
import { workingDays } from '../../lib/calendar.js';
import type { PkhConfig } from '../../lib/config.js';
import { addDays, firstDay, lastDay, localDateOf, type TimeZoneName } from '../../lib/localtime.js';
import { isClosed, type ReportTime } from './as-of.js';
import type { MonthlyReportStatus } from './types.js';
import type { ActivityDayRow, ReportedDaysRow, RosterRow } from './queries.js';

/** The parts of the config the facilitator rules read. */
export type FacilitatorConfig = Pick<
  PkhConfig,
  'expected_roles' | 'grace_days' | 'report_deadline_day' | 'extra_holidays' | 'extra_working_days'
>;

export interface ExpectedFacilitator {
  facilitator_id: string;
  full_name: string;
  role: string;
  kecamatan_code: string | null;
  supervisor_id: string | null;
  /** Working days of the period inside at least one active expected-role row in the kabupaten, ascending. */
  working_days: string[];
}

function activeIn(row: RosterRow, period: string): boolean {
  return row.active_from <= lastDay(period) && (row.active_to === null || row.active_to >= firstDay(period));
}

/** `a < b` by UTF-16 code units, the order of ids everywhere in the reports. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Expected facilitators of `kabupaten` in `period`, sorted by id: roster rows of the kabupaten
 * with an expected role, active in the period; name, role, kecamatan and supervisor from the
 * active expected-role row with the greatest active_from.
 */
export function expectedFacilitators(
  roster: readonly RosterRow[],
  kabupaten: string,
  period: string,
  cfg: FacilitatorConfig,
): ExpectedFacilitator[] {
  const roles = new Set<string>(cfg.expected_roles);
  const byId = new Map<string, RosterRow[]>();
  for (const r of roster) {
    if (r.kabupaten_code !== kabupaten || !roles.has(r.role) || !activeIn(r, period)) continue;
    const list = byId.get(r.facilitator_id) ?? [];
    list.push(r);
    byId.set(r.facilitator_id, list);
  }
  const calendarDays = workingDays(period, cfg);
  const out: ExpectedFacilitator[] = [];
  for (const [id, rows] of byId) {
    const current = rows.reduce((a, b) => (b.active_from > a.active_from ? b : a));
    out.push({
      facilitator_id: id,
      full_name: current.full_name,
      role: current.role,
      kecamatan_code: current.kecamatan_code,
      supervisor_id: current.supervisor_id,
      working_days: calendarDays.filter((d) => rows.some((r) => r.active_from <= d && (r.active_to === null || d <= r.active_to))),
    });
  }
  return out.sort((a, b) => compareText(a.facilitator_id, b.facilitator_id));
}

/**
 * The kabupaten whose activity partitions hold the expected facilitators' activities: K, then
 * every other kabupaten where one of them has a roster row (normally none).
 */
export function activityKabupaten(roster: readonly RosterRow[], K: string, periods: readonly string[], cfg: FacilitatorConfig): string[] {
  const ids = new Set(periods.flatMap((p) => expectedFacilitators(roster, K, p, cfg).map((f) => f.facilitator_id)));
  const others = new Set(roster.filter((r) => ids.has(r.facilitator_id) && r.kabupaten_code !== K).map((r) => r.kabupaten_code));
  return [K, ...[...others].sort(compareText)];
}

/** Facilitators with any roster row of `kabupaten` active in `period`, whatever the role. */
export function rosteredIds(roster: readonly RosterRow[], kabupaten: string, period: string): Set<string> {
  return new Set(roster.filter((r) => r.kabupaten_code === kabupaten && activeIn(r, period)).map((r) => r.facilitator_id));
}

/** facilitator_id → activity date → earliest first submission (ms), over every kabupaten read. */
export type ActivityDays = Map<string, Map<string, number>>;

export function indexActivityDays(rows: readonly ActivityDayRow[]): ActivityDays {
  const out: ActivityDays = new Map();
  for (const r of rows) {
    let days = out.get(r.facilitator_id);
    if (!days) out.set(r.facilitator_id, (days = new Map()));
    const seen = days.get(r.activity_date);
    if (seen === undefined || r.first_submitted_at < seen) days.set(r.activity_date, r.first_submitted_at);
  }
  return out;
}

/** facilitator_id → month 'YYYY-MM' → the month's days with an activity as bits (bit d−1: day d). */
export type ReportedDays = Map<string, Map<string, number>>;

/** Reported days by facilitator and month, the bits of a month read twice (two kabupaten) joined. */
export function indexReportedDays(rows: readonly ReportedDaysRow[]): ReportedDays {
  const out: ReportedDays = new Map();
  for (const r of rows) {
    let months = out.get(r.facilitator_id);
    if (!months) out.set(r.facilitator_id, (months = new Map()));
    const month = r.month.slice(0, 7);
    months.set(month, ((months.get(month) ?? 0) | r.days) >>> 0);
  }
  return out;
}

/** Whether `date` ('YYYY-MM-DD') is among a facilitator's reported days. */
export function reportedOn(months: ReadonlyMap<string, number> | undefined, date: string): boolean {
  const bits = months?.get(date.slice(0, 7));
  return bits !== undefined && ((bits >>> (Number(date.slice(8, 10)) - 1)) & 1) === 1;
}

export interface ReportedFigures {
  /** Closed working days (REPORTS.md "Time of a report"): days still open are neither counted nor missing. */
  working_days: number;
  reported_days: number;
  /** Working days without a reported day, ascending. */
  missing_dates: string[];
}

export interface DailyFigures extends ReportedFigures {
  on_time_days: number;
}

/**
 * Reported days of one facilitator over the working days closed by `today`: a working day with
 * an activity of theirs dated that day (anywhere), as `reported` says.
 */
export function reportedFigures(
  f: ExpectedFacilitator,
  reported: (date: string) => boolean,
  cfg: Pick<FacilitatorConfig, 'grace_days'>,
  today: string,
): ReportedFigures {
  let count = 0;
  let closed = 0;
  const missing: string[] = [];
  for (const d of f.working_days) {
    if (!isClosed(d, today, cfg)) continue;
    closed++;
    if (reported(d)) count++;
    else missing.push(d);
  }
  return { working_days: closed, reported_days: count, missing_dates: missing };
}

/**
 * Reported and on-time days of one facilitator over the working days closed by `today`
 * (reportedFigures); a reported day is on time when the earliest first submission among that
 * day's activities, as a date in the kabupaten's zone, is on or before the day plus grace_days.
 */
export function dailyFigures(
  f: ExpectedFacilitator,
  days: ReadonlyMap<string, number> | undefined,
  zone: TimeZoneName,
  cfg: Pick<FacilitatorConfig, 'grace_days'>,
  today: string,
): DailyFigures {
  const figures = reportedFigures(f, (d) => days?.has(d) === true, cfg, today);
  let onTime = 0;
  for (const d of f.working_days) {
    const first = days?.get(d);
    if (first !== undefined && isClosed(d, today, cfg) && localDateOf(first, zone) <= addDays(d, cfg.grace_days)) onTime++;
  }
  return { ...figures, on_time_days: onTime };
}

/**
 * Without a report: `missing` once the report is due, `not_due` before. With one: `on_time` when
 * first submitted at or before the deadline, else `late`.
 */
export function monthlyStatus(firstSubmittedMs: number | undefined, time: Pick<ReportTime, 'deadline' | 'due'>): MonthlyReportStatus {
  if (firstSubmittedMs === undefined) return time.due ? 'missing' : 'not_due';
  return firstSubmittedMs <= time.deadline ? 'on_time' : 'late';
}
