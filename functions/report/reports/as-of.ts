/**
 * REPORTS.md "Time of a report (as of)": what a report computed as of an instant A knows.
 * Pure functions of A, the kabupaten's time zone, the period and the config; no I/O.
 */
import { workingDays } from '../../lib/calendar.js';
import type { PkhConfig } from '../../lib/config.js';
import { UserError } from '../../lib/errors.js';
import { addDays, deadlineUtcMs, firstDay, localDateOf, offsetMinutes, periodAdd, type TimeZoneName } from '../../lib/localtime.js';
import { parseTimestamp } from '../../../schemas/values.js';

/** The parts of the config the time rules read. */
export type TimeConfig = Pick<PkhConfig, 'grace_days' | 'report_deadline_day' | 'extra_holidays' | 'extra_working_days'>;

/** What a report of one period knows at A, in its kabupaten's local time. */
export interface ReportTime {
  /** A, epoch ms UTC. */
  asOf: number;
  /** Calendar date of A in the kabupaten's local time. */
  today: string;
  /** UTC ms of the monthly report deadline of the period (day report_deadline_day of the next month, 23:59:59.000 local). */
  deadline: number;
  /** A is after the deadline: a facilitator without a monthly report is `missing`, not `not_due`. */
  due: boolean;
  /** Due, and every working day of the period closed. */
  final: boolean;
}

/** UTC ms of the monthly report deadline of `period`: day report_deadline_day of the next month, 23:59:59 local. */
export function monthlyDeadlineMs(period: string, zone: TimeZoneName, cfg: Pick<TimeConfig, 'report_deadline_day'>): number {
  const day = String(cfg.report_deadline_day).padStart(2, '0');
  return deadlineUtcMs(`${periodAdd(period, 1)}-${day}`, zone);
}

/** A working day whose on-time window has ended: `d + grace_days < today`. A day still open is neither counted nor missing. */
export function isClosed(day: string, today: string, cfg: Pick<TimeConfig, 'grace_days'>): boolean {
  return addDays(day, cfg.grace_days) < today;
}

/** The time facts of `period` as of `asOf` in `zone`. */
export function reportTime(period: string, asOf: number, zone: TimeZoneName, cfg: TimeConfig): ReportTime {
  const today = localDateOf(asOf, zone);
  const deadline = monthlyDeadlineMs(period, zone, cfg);
  const due = asOf > deadline;
  const final = due && workingDays(period, cfg).every((d) => isClosed(d, today, cfg));
  return { asOf, today, deadline, due, final };
}

/** True when the period's first day is after `today` (a report of it is refused). */
export function periodInFuture(period: string, asOf: number, zone: TimeZoneName): boolean {
  return firstDay(period) > localDateOf(asOf, zone);
}

/** The refusal of a period that starts after the as-of date, one line. */
export function futurePeriodError(period: string, asOf: number, zone: TimeZoneName): UserError {
  const today = localDateOf(asOf, zone);
  return new UserError(
    `Periode ${period} belum dimulai pada ${today} (waktu laporan); pilih bulan ${today.slice(0, 7)} atau sebelumnya / Period ${period} has not started on ${today} (the report's as-of date); choose ${today.slice(0, 7)} or an earlier month`,
    'future_period',
  );
}

/**
 * The latest period whose report is final as of `asOf` (what the demo shows by default): the
 * month before A's month when its deadline and grace have passed, else the one before that.
 */
export function latestFinalPeriod(asOf: number, zone: TimeZoneName, cfg: TimeConfig): string {
  let p = localDateOf(asOf, zone).slice(0, 7);
  for (let i = 0; i < 24 && !reportTime(p, asOf, zone, cfg).final; i++) p = periodAdd(p, -1);
  return p;
}

/** `as_of` in JSON: A in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function asOfJson(asOf: number): string {
  return new Date(asOf).toISOString();
}

/**
 * A as the SQL parameter of the cut (`submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)`):
 * `YYYY-MM-DD HH:MM:SS.sss UTC`, a literal both DuckDB and Trino read as that instant whatever
 * the session time zone.
 */
export function asOfParam(asOf: number): string {
  return new Date(asOf).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/**
 * An as-of timestamp typed by a person or sent in a message: `YYYY-MM-DDTHH:MM[:SS[.fff]]` with
 * an optional offset (`Z`, `+08:00`); without one it is the kabupaten's local time. Returns epoch
 * ms, or throws a one-line UserError.
 *
 * @example parseAsOf('2026-11-05T23:59:59', 'WITA') // Date.parse('2026-11-05T15:59:59Z')
 */
export function parseAsOf(text: string, zone: TimeZoneName): number {
  const parsed = parseTimestamp(text.trim(), offsetMinutes(zone));
  if (!parsed.ok) {
    throw new UserError(
      `Waktu --as-of "${text}" tidak valid; tulis YYYY-MM-DDTHH:MM[:SS], mis. 2026-11-06T08:00 (waktu setempat kabupaten) atau 2026-11-06T08:00+07:00 / Invalid --as-of "${text}"; write YYYY-MM-DDTHH:MM[:SS], e.g. 2026-11-06T08:00 (the kabupaten's local time) or 2026-11-06T08:00+07:00`,
      'invalid_as_of',
    );
  }
  return parsed.value;
}
