/**
 * The cell parsers' fast paths (plain integer arithmetic and character checks for the common
 * shapes, used once per cell on ingest) give exactly what the general rules give: `localDate`
 * what a Date's ISO string gives, `parseTimestamp` and `parseDate` what their regular
 * expressions give, and the NIK pre-check never hides a NIK written in one of its layouts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsNik, localDate, maskNik, parseDate, parseTimestamp } from '../../schemas/values.js';
import { runs } from './support/runs.js';

const RUNS = runs(2000);

/** TS_RE of schemas/values.ts, read the way parseTimestamp read it before its fast path. */
function timestampByRegex(raw: string, localOffset: number): number | 'invalid_format' | 'invalid_date' {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(raw);
  if (!m) return 'invalid_format';
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const [year, month, day, hour, minute] = [+y, +mo, +d, +h, +mi];
  const second = s === undefined ? 0 : +s;
  const days = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return 'invalid_date';
  let offset = localOffset;
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [+digits.slice(0, 2), +digits.slice(2)];
    if (oh > 14 || om > 59) return 'invalid_format';
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000)) - offset * 60_000;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));

/** Timestamps near the common shape: right-length fields, sometimes out of range, sometimes a character off. */
const nearTimestamp = fc
  .tuple(digits(4), digits(2), digits(2), fc.constantFrom('T', ' ', 't'), digits(2), digits(2), digits(2), fc.constantFrom('', 'Z', '+07:00', '-0930', '+15:00', '+0760', '+07:0', 'z'))
  .map(([y, mo, d, t, h, mi, s, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${z}`);

describe('cell parser fast paths', () => {
  it('localDate is the ISO date of the instant shifted by the offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), fc.constantFrom(0, 420, 480, 540, -300), (ms, offset) => {
        expect(localDate(ms, offset)).toBe(new Date(ms + offset * 60_000).toISOString().slice(0, 10));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseTimestamp reads every near-common shape as its regular expression does', () => {
    fc.assert(
      fc.property(fc.oneof(nearTimestamp, fc.string({ maxLength: 26 })), fc.constantFrom(420, 480, 540), (raw, offset) => {
        const p = parseTimestamp(raw, offset);
        expect(p.ok ? p.value : p.code).toBe(timestampByRegex(raw, offset));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseDate returns a valid ISO date as written and rejects days that do not exist', () => {
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), (y, m, d) => {
        const raw = `${y}-${m}-${d}`;
        const p = parseDate(raw);
        const date = new Date(`${raw}T00:00:00Z`);
        const exists = +m >= 1 && +m <= 12 && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === raw;
        expect(p).toEqual(exists ? { ok: true, value: raw } : { ok: false, code: 'invalid_date' });
      }),
      { numRuns: RUNS },
    );
  });

  it('finds a NIK in any layout between other text, and leaves ids with long digit runs alone', () => {
    const layouts = [[16], [4, 4, 4, 4], [6, 6, 4], [2, 2, 2, 6, 4], [2, 2, 2, 2, 2, 2, 4]];
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.constantFrom(' ', '.', '-', '\u00a0', '\u2013'),
        digits(16),
        fc.stringMatching(/^[A-Za-z -]{0,12}$/),
        (layout, sep, nik, around) => {
          let at = 0;
          const written = layout.map((n) => nik.slice(at, (at += n))).join(sep);
          const text = `${around}${around.endsWith(' ') || around === '' ? '' : ' '}${written} ${around}`;
          expect(containsNik(text)).toBe(true);
          expect(maskNik(text)).toContain(`************${nik.slice(12)}`);
        },
      ),
      { numRuns: RUNS },
    );
    for (const id of ['PD-1104-0078-20260130-4', 'KK-1101-01-20251201-12', '33.10.01.2001-20260131']) expect(maskNik(id)).toBe(id);
  });
});
