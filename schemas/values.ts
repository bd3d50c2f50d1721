/**
 * Parsers for single cell values in the formats DATA.md accepts. Each returns the typed value or
 * the error code it earns (`invalid_format` for a malformed value, `invalid_date` for a
 * well-formed one that does not exist). Pure and allocation-light: they run once per cell on
 * millions of rows.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: 'invalid_format' | 'invalid_date' };

const FORMAT = { ok: false, code: 'invalid_format' } as const;
const NO_DATE = { ok: false, code: 'invalid_date' } as const;

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

const INT_RE = /^-?\d+$/;
/** Indonesian thousands separators: `1.250.000` (dots every three digits). */
const THOUSANDS_RE = /^-?\d{1,3}(\.\d{3})+$/;

/** Plain integer (`-5` is a number; range checks come later). */
export function parseInteger(raw: string, allowThousands = false): Parsed<number> {
  let text = raw;
  if (!INT_RE.test(text)) {
    if (!(allowThousands && THOUSANDS_RE.test(text))) return FORMAT;
    text = text.replaceAll('.', '');
  }
  const n = Number(text);
  return Number.isSafeInteger(n) ? ok(n) : FORMAT;
}

const BOOLS: Record<string, boolean> = { true: true, false: false, ya: true, tidak: false, y: true, n: false, '1': true, '0': false };

export function parseBoolean(raw: string): Parsed<boolean> {
  const v = BOOLS[raw.toLowerCase()];
  return v === undefined ? FORMAT : ok(v);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` from parts, or invalid_date when the day does not exist. */
function ymd(year: number, month: number, day: number): Parsed<string> {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NO_DATE;
  return ok(`${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`);
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `DD/MM/YYYY` or `DD-MM-YYYY`: one separator, the same twice (`09/02-2026` is no date). */
const ID_DATE_RE = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/;
const SERIAL_RE = /^-?\d{1,7}(\.\d+)?$/;

/** From serial 61 (1900-03-01) on, Excel's day 0 is 1899-12-30. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Day 0 of a workbook in the 1904 date system (`<workbookPr date1904="1"/>`). */
const EXCEL_1904_EPOCH_MS = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;
/** Excel's last day, 9999-12-31. */
const EXCEL_MAX_SERIAL = 2_958_466;

/**
 * The UTC instant an Excel serial (1900 date system) names, or null for no day. Excel counts
 * 1900 as a leap year (Lotus's bug): serials 1–59 are 1900-01-01 to 1900-02-28, 60 is the
 * 1900-02-29 that never was, 61 is 1900-03-01; 0 ("1900-01-00") and below are no date.
 */
export function excelSerialMs(serial: number, date1904 = false): number | null {
  // The 1904 system has no such bug: day 0 is 1904-01-01, and there are no negative days.
  if (date1904) return serial >= 0 && serial < EXCEL_MAX_SERIAL - 1462 ? Math.round(EXCEL_1904_EPOCH_MS + serial * DAY_MS) : null;
  if (!(serial >= 1 && serial < EXCEL_MAX_SERIAL) || Math.floor(serial) === 60) return null;
  // Round to the millisecond: serials carry binary-fraction noise.
  return Math.round(EXCEL_EPOCH_MS + (serial < 60 ? serial + 1 : serial) * DAY_MS);
}

/** Excel serial date (fraction = time of day) to `YYYY-MM-DD`, or null for no day. */
export function excelSerialToDate(serial: number, date1904 = false): string | null {
  const ms = excelSerialMs(Math.floor(serial), date1904);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

/**
 * A calendar date: `YYYY-MM-DD`, `DD/MM/YYYY`, `DD-MM-YYYY` (never `MM/DD`), and Excel serial
 * numbers when the file is XLSX. An XLSX date cell read with a time of day of 00:00 also passes.
 */
export function parseDate(raw: string, fromXlsx = false, date1904 = false): Parsed<string> {
  let m = ISO_DATE_RE.exec(raw);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = ID_DATE_RE.exec(raw);
  if (m) return ymd(+m[4], +m[3], +m[1]);
  if (fromXlsx) {
    if (SERIAL_RE.test(raw)) {
      const date = excelSerialToDate(Number(raw), date1904);
      return date === null ? NO_DATE : ok(date);
    }
    // An ISO date cell (`t="d"`) holds a date-time; midnight is a date.
    const t = /^(\d{4}-\d{2}-\d{2})T00:00(:00(\.0+)?)?Z?$/.exec(raw);
    if (t) return parseDate(t[1]);
  }
  return FORMAT;
}

const PERIOD_RE = /^(\d{4})-(\d{2})$/;

/** A calendar month `YYYY-MM` (`2026-13` is invalid_date). */
export function parsePeriod(raw: string): Parsed<string> {
  const m = PERIOD_RE.exec(raw);
  if (!m) return FORMAT;
  const month = +m[2];
  return month >= 1 && month <= 12 ? ok(raw) : NO_DATE;
}

const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A timestamp (DATA.md "timestamps") to epoch milliseconds UTC. Without an offset it is local
 * time at `localOffsetMinutes` east of UTC (the row's kabupaten: WIB 420, WITA 480, WIT 540).
 * In XLSX an Excel serial date-time is local time too.
 */
export function parseTimestamp(raw: string, localOffsetMinutes: number, fromXlsx = false, date1904 = false): Parsed<number> {
  const m = TS_RE.exec(raw);
  if (!m) {
    if (fromXlsx && SERIAL_RE.test(raw)) {
      const ms = excelSerialMs(Number(raw), date1904);
      return ms === null ? NO_DATE : ok(ms - localOffsetMinutes * 60_000);
    }
    return FORMAT;
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = +y;
  const month = +mo;
  const day = +d;
  const hour = +h;
  const minute = +mi;
  const second = s === undefined ? 0 : +s;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return NO_DATE;
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offset = localOffsetMinutes;
  if (zone !== undefined) {
    if (zone === 'Z') offset = 0;
    else {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const oh = +digits.slice(0, 2);
      const om = +digits.slice(2);
      if (oh > 14 || om > 59) return FORMAT;
      offset = sign * (oh * 60 + om);
    }
  }
  return ok(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
}

/** Local calendar date (`YYYY-MM-DD`) of an instant at a fixed offset east of UTC. */
export function localDate(utcMs: number, offsetMinutes: number): string {
  return new Date(utcMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

const NIK_RE = /(?<!\d)\d{16}(?!\d)/g;
const NIK_EXACT_RE = /^\d{16}$/;
const HAS_16_DIGITS_RE = /\d{16}/;

/** True when the value is exactly a 16-digit NIK. */
export function isNik(value: string): boolean {
  return NIK_EXACT_RE.test(value);
}

/** True when the text holds a standalone run of exactly 16 digits (a NIK). */
export function containsNik(text: string): boolean {
  if (!HAS_16_DIGITS_RE.test(text)) return false;
  NIK_RE.lastIndex = 0;
  return NIK_RE.test(text);
}

/** Masks every standalone run of exactly 16 digits to its last 4 (`************1234`). */
export function maskNik(text: string): string {
  return HAS_16_DIGITS_RE.test(text) ? text.replace(NIK_RE, (nik) => `************${nik.slice(12)}`) : text;
}
