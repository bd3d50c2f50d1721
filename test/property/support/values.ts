/**
 * Arbitraries for single cells: a canonical (stored) value and one of the many ways DATA.md lets
 * people write it. Each returns `{ text, value }`, where `value` is what the lake must hold.
 */
import fc from 'fast-check';
import { DAY_MS, maskedText, NIK_RUN, writtenNik, ymdOf } from './world.js';

export interface Cell<T> {
  text: string;
  value: T;
}

/** Where a text will be written: files limit which characters survive the trip. */
export type TextProfile = 'file' | 'xlsx' | 'any';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A random-case spelling of `word` (enums and booleans match case-insensitively). */
export function randomCase(word: string): fc.Arbitrary<string> {
  return fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((ups) =>
    [...word].map((ch, i) => (ups[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''),
  );
}

/** Every accepted way to write a date: ISO, DD/MM/YYYY, DD-MM-YYYY, day and month with or without a leading zero. */
export function dateText(ymd: string): fc.Arbitrary<string> {
  const [y, m, d] = ymd.split('-');
  const dd = [d, String(+d)];
  const mm = [m, String(+m)];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(ymd) },
    { weight: 2, arbitrary: fc.record({ d: fc.constantFrom(...dd), m: fc.constantFrom(...mm), sep: fc.constantFrom('/', '-') }).map(({ d: dx, m: mx, sep }) => `${dx}${sep}${mx}${sep}${y}`) },
  );
}

/** A date between two UTC day starts (inclusive). */
export function dateBetween(fromDay: number, toDay: number): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: Math.floor((toDay - fromDay) / DAY_MS) }).map((i) => ymdOf(fromDay + i * DAY_MS));
}

export function dateCell(ymd: string): fc.Arbitrary<Cell<string>> {
  return dateText(ymd).map((text) => ({ text, value: ymd }));
}

/** Explicit offsets a timestamp may carry (minutes east of UTC). */
const OFFSETS = [0, 420, 480, 540, 330, 345, -180, -600, 600, 840];

/**
 * A timestamp text for an instant: `T` or space, seconds and a fraction optional, then no
 * offset (local time of the row's kabupaten at `rowOffset`), `Z`, `±HH:MM` or `±HHMM`. The
 * value is the instant as far as the text tells it (no seconds → whole minute; a fraction is
 * cut to milliseconds).
 */
export function timestampCell(instant: number, rowOffset: number): fc.Arbitrary<Cell<number>> {
  return fc
    .record({
      sep: fc.constantFrom('T', ' '),
      seconds: fc.boolean(),
      frac: fc.integer({ min: 0, max: 6 }),
      fracSep: fc.constantFrom('.', '.', ','),
      zone: fc.constantFrom('local', 'local', 'Z', 'colon', 'plain'),
      offset: fc.constantFrom(...OFFSETS),
      extra: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ sep, seconds, frac, fracSep, zone, offset, extra }) => {
      const shown = zone === 'local' ? rowOffset : zone === 'Z' ? 0 : offset;
      let value = instant;
      if (!seconds) value = Math.floor(instant / 60_000) * 60_000;
      else if (frac < 3) value = Math.floor(instant / 10 ** (3 - frac)) * 10 ** (3 - frac);
      const local = new Date(value + shown * 60_000);
      let text = `${local.toISOString().slice(0, 10)}${sep}${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
      if (seconds) {
        text += `:${pad2(local.getUTCSeconds())}`;
        if (frac > 0) {
          const ms = String(local.getUTCMilliseconds()).padStart(3, '0');
          text += fracSep + (frac <= 3 ? ms.slice(0, frac) : ms + String(extra).padStart(3, '0').slice(0, frac - 3));
        }
      }
      if (zone === 'Z') text += 'Z';
      else if (zone !== 'local') {
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        text += `${sign}${pad2(Math.floor(abs / 60))}${zone === 'colon' ? ':' : ''}${pad2(abs % 60)}`;
      }
      return { text, value };
    });
}

/** Indonesian thousands separators: 1.250.000. */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** An integer cell: plain digits, sometimes with leading zeros, rupiah sometimes with thousands separators. */
export function intCell(n: number, thousands = false): fc.Arbitrary<Cell<number>> {
  const variants: fc.Arbitrary<string>[] = [fc.constant(String(n)), fc.constant(String(n))];
  if (n >= 0) variants.push(fc.integer({ min: 1, max: 2 }).map((z) => '0'.repeat(z) + String(n)));
  if (thousands && n >= 1000) variants.push(fc.constant(withThousands(n)), fc.constant(withThousands(n)));
  return fc.oneof(...variants).map((text) => ({ text, value: n }));
}

const TRUE_WORDS = ['true', 'ya', 'y', '1'];
const FALSE_WORDS = ['false', 'tidak', 'n', '0'];

export function boolCell(b: boolean): fc.Arbitrary<Cell<boolean>> {
  return fc
    .constantFrom(...(b ? TRUE_WORDS : FALSE_WORDS))
    .chain(randomCase)
    .map((text) => ({ text, value: b }));
}

export function enumCell(values: readonly string[]): fc.Arbitrary<Cell<string>> {
  return fc.constantFrom(...values).chain((v) => randomCase(v).map((text) => ({ text, value: v })));
}

export function fixedEnumCell(value: string): fc.Arbitrary<Cell<string>> {
  return randomCase(value).map((text) => ({ text, value }));
}

/** Pieces people put into free text, the nasty ones included (stored as text, never run). */
const PAYLOADS = [
  '=HYPERLINK("http://contoh.invalid","klik")',
  '<script>alert(1)</script>',
  '+62 812-3456-7890',
  '@SUM(A1:A9)',
  '-1+1',
  'a;b,c',
  'kata "kutip" di sini',
  'baris\npertama',
  'tab\tdi tengah',
  'Rp 1.250.000',
  "O'Brien",
  'Desa Sukamaju — RT 01/RW 02',
  'Pengaduan KKS 😀 dan 漢字',
  'Café naïve façade',
  '\\N',
  'NULL',
  ' ',
];

/** Graphemes that stress encodings, in every profile. */
const UNICODE_BITS = ['é', 'ñ', 'ü', '€', '–', '“', '”', '漢', '😀', '👩‍👩‍👧', 'ﷺ', '\u00a0', '\u200b', 'Ä', 'ß'];

function allowed(profile: TextProfile): (s: string) => boolean {
  if (profile === 'any') return () => true;
  // Files: no C0 controls but tab/newlines (a NUL marks a file binary); XLSX: no CR (XML turns it into LF), no non-characters.
  // eslint-disable-next-line no-control-regex
  if (profile === 'file') return (s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);
  // eslint-disable-next-line no-control-regex
  return (s) => !/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/.test(s);
}

/** Any text (may be blank), made of realistic words, payloads, unicode and random code points. */
export function rawText(profile: TextProfile, maxPieces = 6): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('Kunjungan', 'rumah', 'KPM', 'Ibu Siti', 'P2K2', 'kelompok', 'desa', 'ok', '12', ' ', ', ', '.') },
    { weight: 2, arbitrary: fc.constantFrom(...PAYLOADS) },
    { weight: 2, arbitrary: fc.constantFrom(...UNICODE_BITS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  );
  return fc
    .array(piece, { maxLength: maxPieces })
    .map((p) => p.join(''))
    .filter(allowed(profile));
}

/** Code-point length (the validators count characters, not UTF-16 units). */
export function codePoints(s: string): number {
  return [...s].length;
}

/**
 * Free text for a column: trimmed length within bounds; `mask` for notes/description (16-digit
 * runs stored masked), otherwise no 16-digit run at all (those columns store text as written).
 */
export function textCell(profile: TextProfile, opts: { min: number; max: number; mask: boolean; nik?: boolean }): fc.Arbitrary<Cell<string | null>> {
  const nik = fc.stringMatching(/^[1-9]\d{15}$/);
  // `plain` is the text with the NIK as one run: what the masking model reads.
  const base: fc.Arbitrary<{ text: string; plain: string }> = opts.mask && opts.nik !== false
    ? fc.oneof(
        { weight: 4, arbitrary: rawText(profile).map((t) => ({ text: t, plain: t })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(rawText(profile, 2), nik, fc.nat(), rawText(profile, 2))
            .map(([a, n, form, b]) => ({ text: `${a} NIK ${writtenNik(n, form)} ${b}`, plain: `${a} NIK ${n} ${b}` })),
        },
      )
    : rawText(profile).map((t) => ({ text: t, plain: t }));
  return base
    .filter(({ text: t, plain }) => {
      const len = codePoints(t.trim());
      return len >= opts.min && len <= opts.max && codePoints(plain.trim()) <= opts.max && (opts.mask || !NIK_RUN.test(t));
    })
    .map(({ text, plain }) => {
      const trimmed = text.trim();
      return { text, value: trimmed === '' ? null : opts.mask ? maskedText(plain.trim()) : trimmed };
    });
}

/** An id matching `pattern`, never exactly 16 digits (that would be a NIK). */
export function idCell(pattern: RegExp): fc.Arbitrary<Cell<string>> {
  return fc
    .stringMatching(pattern)
    .filter((s) => !NIK_RUN.test(s))
    .map((text) => ({ text, value: text }));
}

/** A realistic facilitator id (`PD-6402-00017`). */
export const facilitatorIdCell: fc.Arbitrary<Cell<string>> = fc
  .oneof(
    fc.tuple(fc.constantFrom('PD', 'APD', 'KORKAB', 'KORWIL', 'pd'), fc.integer({ min: 1, max: 99_999 })).map(([p, n]) => `${p}-${String(n).padStart(5, '0')}`),
    fc.stringMatching(/^[A-Za-z0-9._-]{3,40}$/).filter((s) => !NIK_RUN.test(s)),
  )
  .map((text) => ({ text, value: text }));
