/**
 * Working-day calendar (DATA.md "Reference data"): Monday–Friday, minus Indonesian public
 * holidays from `date-holidays` (country ID, type `public`), minus the config's `extra_holidays`
 * (cuti bersama); the config's `extra_working_days` are working days whatever else holds.
 */
import { addDays, datesOf, dayOfWeek, isValidDate } from './localtime.js';
import { computePublicHolidays, type HolidayTable } from './public-holidays.js';

/** The part of the config the calendar needs (a full PkhConfig fits). */
export interface CalendarConfig {
  extra_holidays: readonly string[];
  extra_working_days: readonly string[];
}

/** A calendar with no extra holidays or working days (public holidays only). */
export const NO_EXTRA_DAYS: CalendarConfig = Object.freeze({ extra_holidays: [], extra_working_days: [] });

/**
 * Years computed when the CLI was compiled (scripts/build.ts replaces this name with the table);
 * from the sources it is not defined and every year is computed on first use.
 */
declare const PKH_BUILT_HOLIDAYS: HolidayTable | undefined;
const BUILT: HolidayTable | undefined = typeof PKH_BUILT_HOLIDAYS === 'undefined' ? undefined : PKH_BUILT_HOLIDAYS;

const holidaysByYear = new Map<number, ReadonlyMap<string, string>>();

/**
 * Public holidays of Indonesia in a year, as 'YYYY-MM-DD' → name, ascending by date.
 * Two holidays on one date share the entry, names joined with " / ".
 */
export function publicHolidays(year: number): Map<string, string> {
  return new Map(holidayMap(year));
}

/** True when 'YYYY-MM-DD' is a working day under the given config. */
export function isWorkingDay(date: string, cfg: CalendarConfig): boolean {
  if (!isValidDate(date)) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  if (cfg.extra_working_days.includes(date)) return true;
  if (cfg.extra_holidays.includes(date)) return false;
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  return !holidayMap(Number(date.slice(0, 4))).has(date);
}

/** The working days of a period 'YYYY-MM', ascending 'YYYY-MM-DD'. */
export function workingDays(period: string, cfg: CalendarConfig): string[] {
  return datesOf(period).filter((d) => isWorkingDay(d, cfg));
}

/** The working days from `from` to `to` inclusive, ascending; empty when `to` < `from`. */
export function workingDaysBetween(from: string, to: string, cfg: CalendarConfig): string[] {
  if (!isValidDate(from) || !isValidDate(to)) throw new Error(`Not a date range (YYYY-MM-DD): ${from}..${to}`);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cfg)) out.push(d);
  return out;
}

function holidayMap(year: number): ReadonlyMap<string, string> {
  let map = holidaysByYear.get(year);
  if (!map) {
    const built = BUILT?.[year];
    map = built ? new Map(built) : computePublicHolidays(year);
    holidaysByYear.set(year, map);
  }
  return map;
}
