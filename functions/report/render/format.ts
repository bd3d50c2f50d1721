/**
 * Number and date formatting for people: Indonesian style in `id` (85,0% · Rp 1.250.000),
 * English style in `en` (85.0% · Rp 1,250,000). Written by hand rather than with Intl so the
 * output does not depend on the ICU data a Node build ships with.
 */
import { zoneOfProvince, offsetMinutes } from '../../lib/localtime.js';
import { monthName, type Lang } from './labels.js';

/** Shown for a missing value. */
export const DASH = '–';

function separators(lang: Lang): { group: string; decimal: string } {
  return lang === 'id' ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

/** A number with fixed decimals and digit grouping: 1250000.5 → "1.250.000,5" (id). */
export function formatNumber(value: number, decimals: number, lang: Lang): string {
  const { group, decimal } = separators(lang);
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

/** A rate as a percentage with one decimal: 0.85 → "85,0%"; null → "–". */
export function formatPercent(value: number | null, lang: Lang): string {
  return value === null ? DASH : `${formatNumber(value * 100, 1, lang)}%`;
}

/** A change of a rate in percentage points, unsigned (the arrow gives the direction): -0.05 → "5,0". */
export function formatPoints(delta: number, lang: Lang): string {
  return formatNumber(Math.abs(delta) * 100, 1, lang);
}

/** Whole number with grouping; null → "–". */
export function formatInt(value: number | null, lang: Lang): string {
  return value === null ? DASH : formatNumber(value, 0, lang);
}

/** Fixed decimals; null → "–". */
export function formatDecimal(value: number | null, decimals: number, lang: Lang): string {
  return value === null ? DASH : formatNumber(value, decimals, lang);
}

/** Between "Rp" and its amount: a no-break space, so a narrow column never parts them. */
export const RP_SPACE = '\u00a0';

/**
 * Rupiah: 1250000 → "Rp 1.250.000" (id) / "Rp 1,250,000" (en), the space a no-break space
 * (U+00A0) so "Rp" and the amount stay on one line.
 */
export function formatRupiah(value: number | null, lang: Lang): string {
  return value === null ? DASH : `Rp${RP_SPACE}${formatNumber(value, 0, lang)}`;
}

/**
 * The report's `generated_at` (an ISO instant) in the kabupaten's local time:
 * "3 November 2026 09.15 WIB" (id) / "3 November 2026 09:15 WIB" (en).
 * Text that is not a valid instant is returned unchanged.
 */
export function formatGeneratedAt(iso: string, kabupatenCode: string, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const zone = zoneOfProvince(kabupatenCode);
  const local = new Date(ms + offsetMinutes(zone) * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  const date = `${local.getUTCDate()} ${monthName(local.getUTCMonth() + 1, lang)} ${local.getUTCFullYear()}`;
  return `${date} ${hh}${lang === 'id' ? '.' : ':'}${mm} ${zone}`;
}

/** 'YYYY-MM-DD' → "3 Oktober 2026". */
export function formatDate(ymd: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${Number(m[3])} ${monthName(Number(m[2]), lang)} ${m[1]}` : ymd;
}
