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
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
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
  const iso = isoDate(raw);
  if (iso !== undefined) return iso;
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

/** Value of the ASCII digits `raw[from, to)`, or -1 when one is not a digit. */
function asciiNumber(raw: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The common case of ISO_DATE_RE without a regular expression or a new string: `YYYY-MM-DD`
 * is already the stored form. Undefined when the text has another shape (the full rules decide).
 */
function isoDate(raw: string): Parsed<string> | undefined {
  if (raw.length !== 10 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45) return undefined;
  const year = asciiNumber(raw, 0, 4);
  const month = asciiNumber(raw, 5, 7);
  const day = asciiNumber(raw, 8, 10);
  if (year < 0 || month < 0 || day < 0) return undefined;
  return month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ? NO_DATE : ok(raw);
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
  const quick = commonTimestamp(raw, localOffsetMinutes);
  if (quick !== undefined) return quick;
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

/**
 * The common shapes of TS_RE without a regular expression: `YYYY-MM-DD[T ]HH:MM:SS` followed by
 * nothing, `Z`, `±HH:MM` or `±HHMM`, read exactly as `parseTimestamp` reads them. Undefined for
 * any other shape (fractions, no seconds, ...): the full rules decide those.
 */
function commonTimestamp(raw: string, localOffsetMinutes: number): Parsed<number> | undefined {
  const n = raw.length;
  if (n < 19 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45 || raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58) return undefined;
  const t = raw.charCodeAt(10);
  if (t !== 84 && t !== 32) return undefined;
  let offset = localOffsetMinutes;
  let badZone = false;
  if (n === 20) {
    if (raw.charCodeAt(19) !== 90) return undefined;
    offset = 0;
  } else if (n === 24 || n === 25) {
    const sign = raw.charCodeAt(19);
    if (sign !== 43 && sign !== 45) return undefined;
    if (n === 25 && raw.charCodeAt(22) !== 58) return undefined;
    const oh = asciiNumber(raw, 20, 22);
    const om = asciiNumber(raw, n - 2, n);
    if (oh < 0 || om < 0) return undefined;
    badZone = oh > 14 || om > 59;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else if (n !== 19) return undefined;
  const year = asciiNumber(raw, 0, 4);
  const month = asciiNumber(raw, 5, 7);
  const day = asciiNumber(raw, 8, 10);
  const hour = asciiNumber(raw, 11, 13);
  const minute = asciiNumber(raw, 14, 16);
  const second = asciiNumber(raw, 17, 19);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  // Same order as the full rules: a day that does not exist first, then the offset.
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return NO_DATE;
  if (badZone) return FORMAT;
  return ok(Date.UTC(year, month - 1, day, hour, minute, second, 0) - offset * 60_000);
}

/** Local calendar date (`YYYY-MM-DD`) of an instant at a fixed offset east of UTC. */
export function localDate(utcMs: number, offsetMinutes: number): string {
  // Integer arithmetic (Hinnant's civil_from_days) instead of a Date and an ISO string per row:
  // this runs once per timestamp cell on the ingest hot path.
  const days = Math.floor((utcMs + offsetMinutes * 60_000) / DAY_MS);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // Outside 0000–9999 (or not a finite instant) the ISO form is Date's own (`+010000-…`, or a throw).
  if (!(year >= 0 && year <= 9999)) return new Date(utcMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/*
 * NIK detection (DATA.md "personal data"). A NIK is 16 decimal digits (any Unicode digit, `\p{Nd}`:
 * ASCII, full-width, Arabic-Indic, ...), written either as one run or in groups laid out the way a
 * NIK is written, with ONE separator character, the same throughout, between the groups:
 * 4-4-4-4 (`3201 2345 6789 0001`), 6-6-4 (region, birth date, serial), 2-2-2-6-4 and
 * 2-2-2-2-2-2-4 (each field). Separators: space, no-break spaces, `.`, `-`, Unicode dashes and
 * their full-width forms. Neither end may touch another digit, so 15 and 17 digits are not a NIK.
 * Not counted, on purpose: thousands separators (`1.250.000`: groups of 3, and 16 digits of them
 * start with a 1-digit group), wilayah codes (2-2-2-4), dates and timestamps (4-2-2, mixed
 * separators), phone numbers (2-3-4-4).
 */
const ND = '\\p{Nd}';
const SEP = '[ \\u00a0\\u2007\\u2009\\u202f\\u3000.\\uff0e\\-\\u2010-\\u2015\\u2212\\uff0d]';
const LAYOUTS = [[16], [4, 4, 4, 4], [6, 6, 4], [2, 2, 2, 6, 4], [2, 2, 2, 2, 2, 2, 4]];
const NIK_RES = LAYOUTS.map((groups) => {
  const body = groups.map((n, i) => `${ND}{${n}}${i === 0 ? '' : ''}`).join(groups.length > 1 ? '\\k<sep>' : '');
  const first = groups.length > 1 ? `${ND}{${groups[0]}}(?<sep>${SEP})` : '';
  const rest = groups.length > 1 ? groups.slice(1).map((n) => `${ND}{${n}}`).join('\\k<sep>') : body;
  return new RegExp(`(?<!${ND})${first}${rest}(?!${ND})`, 'gu');
});
const ND_CHAR = /\p{Nd}/u;

/** Digit-group lengths a written NIK is made of (LAYOUTS), besides the one run of 16. */
const GROUP_LENGTHS = new Set(LAYOUTS.flat().filter((n) => n < 16));

/**
 * Cheap pre-check, a necessary condition for any NIK_RES match (most cells end here): each group
 * of a match is a maximal run of digits (no digit before it, a separator or no digit after), so
 * the text needs a run of exactly 16 digits, or runs of group lengths (2, 4, 6) one character
 * apart adding up to 16 digits or more. An id such as `PD-1104-0078-20260130-4` (17 digits, an
 * 8-digit run between) is no NIK and skips the five regular expressions.
 */
function mayHoldNik(text: string): boolean {
  const n = text.length;
  if (n < 16) return false;
  let run = 0;
  let chain = 0;
  /** Index just after the last run that ended, -2 when none. */
  let lastEnd = -2;
  for (let i = 0; i <= n; i++) {
    let digit = false;
    let width = 1;
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) digit = true;
      else if (c >= 0x80) {
        const cp = text.codePointAt(i)!;
        if (cp > 0xffff) width = 2;
        digit = ND_CHAR.test(String.fromCodePoint(cp));
      }
    }
    if (digit) {
      if (run === 0 && i !== lastEnd + 1) chain = 0;
      run++;
      i += width - 1;
      continue;
    }
    if (run > 0) {
      if (run === 16) return true;
      chain = GROUP_LENGTHS.has(run) ? chain + run : 0;
      if (chain >= 16) return true;
      run = 0;
      lastEnd = i;
    }
    i += width - 1;
  }
  return false;
}

/** `[start, end)` of each NIK in the text, in order, not overlapping. */
function nikSpans(text: string): [number, number][] {
  if (!mayHoldNik(text)) return [];
  const spans: [number, number][] = [];
  for (const re of NIK_RES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
  }
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const s of spans) if (out.length === 0 || s[0] >= out[out.length - 1][1]) out.push(s);
  return out;
}

/** The value 0-9 of a Unicode decimal digit: Nd digits come in runs of ten, zero first. */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  let back = 0;
  while (back < 10 && ND_CHAR.test(String.fromCodePoint(cp - 1))) {
    cp--;
    back++;
  }
  return String(back % 10);
}

/** `************` and the last 4 digits of a NIK as written, in ASCII. */
function masked(nik: string): string {
  const digits = [...nik].filter((ch) => ND_CHAR.test(ch));
  return `************${digits.slice(-4).map(digitValue).join('')}`;
}

/** True when the whole value is one NIK, in any written form. */
export function isNik(value: string): boolean {
  const spans = nikSpans(value);
  return spans.length === 1 && spans[0][0] === 0 && spans[0][1] === value.length;
}

/** True when the text holds a NIK anywhere, in any written form. */
export function containsNik(text: string): boolean {
  return nikSpans(text).length > 0;
}

/** Masks every NIK in the text, in any written form, to its last 4 digits (`************1234`). */
export function maskNik(text: string): string {
  const spans = nikSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + masked(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}
