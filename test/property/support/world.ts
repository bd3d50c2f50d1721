/**
 * The fixed world every property runs in: a moment of ingest, real wilayah codes from the
 * reference (three kabupaten, one per time zone) and the time-zone table of DATA.md, written out
 * here on purpose so the tests do not trust the code they check.
 */
import { desaOf, getKabupaten, kecamatanOf } from '../../../functions/lib/wilayah.js';

/** Moment of ingest: 2026-06-15 03:00 UTC (10:00 WIB, 11:00 WITA, 12:00 WIT), the same local date everywhere. */
export const NOW = Date.UTC(2026, 5, 15, 3, 0, 0);
export const DAY_MS = 86_400_000;
/** Earliest date the valid-row arbitraries use. */
export const FIRST_DAY = Date.UTC(2025, 0, 1);
/** Last local date not in the future in every zone at NOW. */
export const LAST_DAY = Date.UTC(2026, 5, 15);

export interface Place {
  kabupaten: string;
  kecamatan: string;
  /** Desa inside `kecamatan`. */
  desa: string[];
  /** UTC offset of the kabupaten in minutes, from DATA.md's table. */
  offset: number;
}

const WITA = ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'];
const WIT = ['81', '82', '91', '92', '93', '94', '95', '96', '97'];

/** DATA.md "Time zones by province code", in minutes east of UTC. */
export function offsetOfCode(code: string): number {
  const province = code.slice(0, 2);
  return WITA.includes(province) ? 480 : WIT.includes(province) ? 540 : 420;
}

/** Kutai Kartanegara (WITA), Klaten (WIB), Jayapura (WIT). */
export const KABUPATEN = ['64.02', '33.10', '91.03'] as const;

function placesOf(kabupaten: string): Place[] {
  if (!getKabupaten(kabupaten)) throw new Error(`test world: kabupaten ${kabupaten} not in the reference`);
  return kecamatanOf(kabupaten)
    .slice(0, 3)
    .map((k) => ({ kabupaten, kecamatan: k.code, desa: desaOf(k.code).slice(0, 3).map((d) => d.code), offset: offsetOfCode(kabupaten) }));
}

let places: Place[] | undefined;

/** Kabupaten × a few of their kecamatan, each with a few of its desa. */
export function allPlaces(): Place[] {
  places ??= KABUPATEN.flatMap(placesOf);
  return places;
}

/** A kecamatan code of another kabupaten than `kabupaten` (for wilayah_mismatch). */
export function foreignKecamatan(kabupaten: string): string {
  return allPlaces().find((p) => p.kabupaten !== kabupaten)!.kecamatan;
}

/** A desa code of another kecamatan than `kecamatan`. */
export function foreignDesa(kecamatan: string): string {
  return allPlaces().find((p) => p.kecamatan !== kecamatan)!.desa[0];
}

/** `YYYY-MM-DD` of a UTC day start. */
export function ymdOf(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

/** Local calendar date of an instant at an offset. */
export function localYmd(utcMs: number, offsetMinutes: number): string {
  return ymdOf(utcMs + offsetMinutes * 60_000);
}

/**
 * A NIK as people write it (DATA.md "personal data"): one run, in groups of 4 with spaces, dots
 * or dashes, 6-6-4, or in full-width digits. Written independently of schemas/values.ts.
 */
export function writtenNik(nik: string, form: number): string {
  const g4 = [nik.slice(0, 4), nik.slice(4, 8), nik.slice(8, 12), nik.slice(12)];
  const wide = (t: string) => t.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
  const forms = [nik, g4.join(' '), g4.join('.'), g4.join('-'), [nik.slice(0, 6), nik.slice(6, 12), nik.slice(12)].join(' '), wide(nik), wide(g4.join(' '))];
  return forms[form % forms.length];
}

/** Standalone runs of exactly 16 digits, or 4 groups of 4 with one separator (full-width digits too). */
export const NIK_RUN = {
  test(text: string): boolean {
    return /(?<!\d)(?:\d{16}|\d{4}([ .-])\d{4}\1\d{4}\1\d{4})(?!\d)/.test(text.normalize('NFKC'));
  },
};

/** DATA.md: 16-digit runs in free text are stored masked to their last 4 digits. */
export function maskedText(text: string): string {
  // The forms `writtenNik` makes; ASCII or full-width digits.
  const D = '[0-9\uff10-\uff19]';
  const forms = new RegExp(`(?<!${D})(?:${D}{16}|${D}{4}([ .-])${D}{4}\\1${D}{4}\\1${D}{4}|${D}{6}( )${D}{6}\\2${D}{4})(?!${D})`, 'g');
  return text.replace(forms, (nik) => `************${nik.normalize('NFKC').replace(/[^0-9]/g, '').slice(12)}`);
}
