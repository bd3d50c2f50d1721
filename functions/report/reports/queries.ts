/**
 * The reads the reports make, one function per `.sql` file: bind the parameters, type the rows.
 * Each read prunes by kabupaten_code and period (bound parameters), so Athena scans only the
 * partitions a report needs. Reads of monthly_report and activity_log take the as-of instant A
 * (epoch ms): rows submitted after A are cut in the SQL, before the latest row is chosen.
 */
import type { QueryEngine, SqlRow, SqlValue } from '../../lib/query-engine/index.js';
import { lastDay, periodAdd } from '../../lib/localtime.js';
import { asOfParam } from './as-of.js';
import type { RowsInPeriod } from './types.js';

export type {
  ActivityDayRow,
  CoordinationRow,
  DisbursementMonthRow,
  DisbursementWindowRow,
  FirstSubmissionRow,
  MonthlyReportRow,
  ProfileRow,
  ReportedDaysRow,
  RosterRow,
} from './rows.js';
import type {
  ActivityDayRow,
  CoordinationRow,
  DisbursementMonthRow,
  DisbursementWindowRow,
  FirstSubmissionRow,
  MonthlyReportRow,
  ProfileRow,
  ReportedDaysRow,
  RosterRow,
} from './rows.js';

/** Kabupaten slots of the `…_nearby`/`activity_days` queries (an IN list; Athena's partition projection prunes on it). */
export const KABUPATEN_SLOTS = 8;

async function rows<T>(engine: QueryEngine, file: string, params: SqlValue[]): Promise<T[]> {
  return (await engine.run(file, params)) as SqlRow[] as unknown as T[];
}

/** Latest roster rows (deduplicated nationally) of every facilitator with a latest row in `kabupaten`. */
export function readRoster(engine: QueryEngine, kabupaten: string): Promise<RosterRow[]> {
  return rows(engine, 'roster_facilitators', [kabupaten]);
}

/**
 * Latest monthly reports of `periods` (one to three) from every kabupaten, kept when they name
 * `kabupaten` or belong to a facilitator with a roster row there.
 */
export function readMonthlyReports(engine: QueryEngine, kabupaten: string, periods: readonly string[], asOf: number): Promise<MonthlyReportRow[]> {
  return rows(engine, 'monthly_report_latest', [...padPeriods(periods), asOfParam(asOf), kabupaten, kabupaten]);
}

/** The three period slots of monthly_report_latest: `periods` (one to three), the last repeated. */
export function padPeriods(periods: readonly string[]): [string, string, string] {
  if (periods.length < 1 || periods.length > 3) throw new Error(`monthly_report_latest reads one to three periods, got ${periods.length}`);
  const last = periods[periods.length - 1];
  return [periods[0], periods[1] ?? last, periods[2] ?? last];
}

/**
 * Earliest submission per (facilitator, period) in `from..to`, from every kabupaten, for
 * facilitators with a roster row in `kabupaten`.
 */
export function readFirstSubmissions(
  engine: QueryEngine,
  kabupaten: string,
  from: string,
  to: string,
  asOf: number,
): Promise<FirstSubmissionRow[]> {
  return rows(engine, 'monthly_report_first_submission', [from, to, asOfParam(asOf), kabupaten]);
}

/**
 * Like readFirstSubmissions, but only from the partitions of `kabupatenCodes` (the first is the
 * report's kabupaten): for the months before P, where a national read would cost too much.
 */
export async function readFirstSubmissionsNearby(
  engine: QueryEngine,
  kabupatenCodes: readonly string[],
  from: string,
  to: string,
  asOf: number,
): Promise<FirstSubmissionRow[]> {
  const results = await inSlots(kabupatenCodes, (slots) =>
    rows<FirstSubmissionRow>(engine, 'monthly_report_first_submission_nearby', [...slots, from, to, asOfParam(asOf), kabupatenCodes[0]]),
  );
  const merged = new Map<string, FirstSubmissionRow>();
  for (const r of results) {
    const key = `${r.facilitator_id}|${r.period}`;
    const seen = merged.get(key);
    if (!seen || r.first_submitted_at < seen.first_submitted_at) merged.set(key, r);
  }
  return [...merged.values()];
}

/**
 * Runs a query taking eight kabupaten slots once per group of eight (the first code in every
 * group, the list padded by repeating it) and concatenates the rows.
 */
async function inSlots<T>(kabupatenCodes: readonly string[], run: (slots: string[]) => Promise<T[]>): Promise<T[]> {
  const [home, ...others] = [...new Set(kabupatenCodes)];
  const per = KABUPATEN_SLOTS - 1;
  const groups: string[][] = [];
  for (let i = 0; i === 0 || i < others.length; i += per) groups.push([home, ...others.slice(i, i + per)]);
  const results = await Promise.all(
    groups.map((g) => run([...g, ...Array<string>(KABUPATEN_SLOTS - g.length).fill(home)])),
  );
  return results.flat();
}

/**
 * Activity days dated in the months `from..to`, deduplicated over one month more on each side
 * (a correction may re-date an activity into the neighbouring month), from the partitions of
 * `kabupatenCodes` (the first is the report's kabupaten). More than eight kabupaten are read in
 * groups of eight, each with the first; rows of a day seen twice keep the earliest submission.
 */
export async function readActivityDays(
  engine: QueryEngine,
  kabupatenCodes: readonly string[],
  from: string,
  to: string,
  asOf: number,
): Promise<ActivityDayRow[]> {
  const results = await inSlots(kabupatenCodes, (slots) =>
    rows<ActivityDayRow>(engine, 'activity_days', [...slots, periodAdd(from, -1), periodAdd(to, 1), asOfParam(asOf), `${from}-01`, lastDay(to)]),
  );
  const merged = new Map<string, ActivityDayRow>();
  for (const r of results) {
    const key = `${r.facilitator_id}|${r.kabupaten_code}|${r.activity_date}`;
    const seen = merged.get(key);
    if (!seen || r.first_submitted_at < seen.first_submitted_at) merged.set(key, r);
  }
  return [...merged.values()];
}

/**
 * The days with activities of facilitators, as activity_days reads them but per month as bits
 * (the sanctions list needs only whether a day was reported). Groups of eight kabupaten as in
 * readActivityDays; a month seen twice keeps the days of both.
 */
export async function readReportedDays(
  engine: QueryEngine,
  kabupatenCodes: readonly string[],
  from: string,
  to: string,
  asOf: number,
): Promise<ReportedDaysRow[]> {
  const results = await inSlots(kabupatenCodes, (slots) =>
    rows<ReportedDaysRow>(engine, 'activity_reported_days', [...slots, periodAdd(from, -1), periodAdd(to, 1), asOfParam(asOf), `${from}-01`, lastDay(to)]),
  );
  const merged = new Map<string, ReportedDaysRow>();
  for (const r of results) {
    const key = `${r.facilitator_id}|${r.kabupaten_code}|${r.month}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...r, days: (seen.days | r.days) >>> 0 } : r);
  }
  return [...merged.values()];
}

/**
 * Coordination facts (koordinasi_desa by desa and month, koordinasi_kecamatan by date) of
 * `kabupaten` dated in `from..to`, deduplicated over one month more on each side.
 */
export async function readCoordination(
  engine: QueryEngine,
  kabupaten: string,
  from: string,
  to: string,
  asOf: number,
): Promise<CoordinationRow[]> {
  const range = [kabupaten, periodAdd(from, -1), periodAdd(to, 1)];
  const all = await rows<CoordinationRow>(engine, 'activity_coordination', [...range, ...range, asOfParam(asOf)]);
  return all.filter((r) => r.period >= from && r.period <= to);
}

/** Disbursement sums per (period, kecamatan) of `from..to`, deduplicated over one month more on each side. */
export function readDisbursementMonths(
  engine: QueryEngine,
  kabupaten: string,
  from: string,
  to: string,
): Promise<DisbursementMonthRow[]> {
  return rows(engine, 'disbursement_kecamatan_month', [kabupaten, periodAdd(from, -1), periodAdd(to, 1), from, to]);
}

/** Disbursement figures per kecamatan over `from..to`, deduplicated over one month more on each side. */
export function readDisbursementWindow(
  engine: QueryEngine,
  kabupaten: string,
  from: string,
  to: string,
): Promise<DisbursementWindowRow[]> {
  return rows(engine, 'disbursement_kecamatan_window', [kabupaten, periodAdd(from, -1), periodAdd(to, 1), from, to]);
}

/** Latest kecamatan profiles of `kabupaten` with year ≤ `maxYear`. */
export function readProfiles(engine: QueryEngine, kabupaten: string, maxYear: number): Promise<ProfileRow[]> {
  return rows(engine, 'kecamatan_profile_latest', [kabupaten, maxYear]);
}

/**
 * data_quality.rows_in_period of `kabupaten` for `period` as of `asOf`: latest monthly reports
 * of P naming K, latest activities of K dated in P, latest disbursement rows of K for P.
 */
export async function readRowsInPeriod(engine: QueryEngine, kabupaten: string, period: string, asOf: number): Promise<RowsInPeriod> {
  const cut = asOfParam(asOf);
  const from = periodAdd(period, -1);
  const to = periodAdd(period, 1);
  const counts = await rows<{ dataset: keyof RowsInPeriod; row_count: number }>(engine, 'rows_in_period', [
    period, cut,
    kabupaten, from, to, cut,
    kabupaten, from, to,
    kabupaten,
    `${period}-01`, lastDay(period),
    period,
  ]);
  const out: RowsInPeriod = { monthly_report: 0, activity_log: 0, disbursement: 0 };
  for (const c of counts) out[c.dataset] = Number(c.row_count);
  return out;
}
