/**
 * Indonesian local time and calendar-date arithmetic.
 *
 * Indonesia has three fixed-offset zones and no daylight saving, so every conversion here is
 * plain integer arithmetic on epoch milliseconds — no Intl, no tz database, same result on
 * every machine.
 */

export type TimeZoneName = 'WIB' | 'WITA' | 'WIT';

/** Every zone with its UTC offset in minutes. */
export const ZONE_OFFSET_MINUTES: Readonly<Record<TimeZoneName, number>> = Object.freeze({
  WIB: 7 * 60,
  WITA: 8 * 60,
  WIT: 9 * 60,
});

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// DATA.md "Time zones by province code".
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

/**
 * Time zone of a province, by the first two digits of any wilayah code
 * ('64', '64.02', '64.02.01.2001' all work). Unknown provinces are WIB, as DATA.md says.
 */
export function zoneOfProvince(code: string): TimeZoneName {
  const province = code.slice(0, 2);
  if (WITA_PROVINCES.has(province)) return 'WITA';
  if (WIT_PROVINCES.has(province)) return 'WIT';
  return 'WIB';
}

/** UTC offset of a zone in minutes (WIB 420, WITA 480, WIT 540). */
export function offsetMinutes(zone: TimeZoneName): number {
  const offset = ZONE_OFFSET_MINUTES[zone];
  if (offset === undefined) throw new Error(`Unknown time zone: ${String(zone)}`);
  return offset;
}

/** Date text per day number: reports and query results hold the same few hundred days very often. */
const dayTexts = new Map<number, string>();
/** Answers each memo below keeps at most (then it starts again): far more than a report asks. */
const MEMO_MAX = 100_000;

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01, as a DuckDB DATE holds it), remembered. */
export function dayText(day: number): string {
  let out = dayTexts.get(day);
  if (out === undefined) {
    out = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size >= MEMO_MAX) dayTexts.clear();
    dayTexts.set(day, out);
  }
  return out;
}

/** The calendar date 'YYYY-MM-DD' that a UTC instant falls on in the given zone. */
export function localDateOf(utcMs: number, zone: TimeZoneName): string {
  return dayText(Math.floor((utcMs + offsetMinutes(zone) * MINUTE_MS) / DAY_MS));
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * UTC epoch ms of a local wall-clock time 'YYYY-MM-DD[THH:MM[:SS[.fff]]]' in the given zone.
 * A bare date means 00:00 local. Throws on a malformed or impossible value (e.g. 2026-02-30, 24:00).
 */
export function localToUtcMs(localIso: string, zone: TimeZoneName): number {
  const m = LOCAL_ISO.exec(localIso);
  if (!m) throw new Error(`Not a local date-time (YYYY-MM-DDTHH:MM[:SS[.fff]]): ${localIso}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // Fraction beyond milliseconds is truncated, not rounded, so it never rolls into the next second.
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(`${m[1]}-${m[2]}`) || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`Impossible local date-time: ${localIso}`);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes(zone) * MINUTE_MS;
}

/** UTC epoch ms of 23:59:59.000 local time on the given date — a report deadline. */
export function deadlineUtcMs(dateYmd: string, zone: TimeZoneName): number {
  return localToUtcMs(`${dateYmd}T23:59:59`, zone);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const YM = /^(\d{4})-(\d{2})$/;

function ymdToUtcMs(date: string): number {
  const m = YMD.exec(date);
  if (!m) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function utcMsToYmd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parsePeriod(period: string): { year: number; month: number } {
  const m = YM.exec(period);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`Not a period (YYYY-MM): ${period}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

function formatPeriod(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Answers of addDays: reports ask it for the same few hundred dates millions of times. */
const addDaysMemo = new Map<string, string>();

/** The date n calendar days after (n < 0: before) 'YYYY-MM-DD'. */
export function addDays(date: string, n: number): string {
  const key = `${date}|${n}`;
  let out = addDaysMemo.get(key);
  if (out === undefined) {
    out = utcMsToYmd(ymdToUtcMs(date) + n * DAY_MS);
    if (addDaysMemo.size >= MEMO_MAX) addDaysMemo.clear();
    addDaysMemo.set(key, out);
  }
  return out;
}

/** Day of week of 'YYYY-MM-DD': 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(ymdToUtcMs(date)).getUTCDay();
}

/** True when 'YYYY-MM-DD' is a real calendar date (rejects 2026-02-30). */
export function isValidDate(date: string): boolean {
  const m = YMD.exec(date);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(`${m[1]}-${m[2]}`);
}

/** The period 'YYYY-MM' of a date 'YYYY-MM-DD'. */
export function monthOf(date: string): string {
  if (!YMD.test(date)) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  return date.slice(0, 7);
}

/** The period n months after (n < 0: before) 'YYYY-MM'; periodAdd('2026-01', -1) = '2025-12'. */
export function periodAdd(period: string, n: number): string {
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + n;
  return formatPeriod(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1);
}

/** Number of days in the month 'YYYY-MM'. */
export function daysInMonth(period: string): number {
  const { year, month } = parsePeriod(period);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day 'YYYY-MM-01' of a period. */
export function firstDay(period: string): string {
  parsePeriod(period);
  return `${period}-01`;
}

/** Last day 'YYYY-MM-DD' of a period. */
export function lastDay(period: string): string {
  return `${period}-${String(daysInMonth(period)).padStart(2, '0')}`;
}

/** Every date of a period, ascending. */
export function datesOf(period: string): string[] {
  const n = daysInMonth(period);
  const out: string[] = [];
  for (let d = 1; d <= n; d++) out.push(`${period}-${String(d).padStart(2, '0')}`);
  return out;
}
