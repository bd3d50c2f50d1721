/**
 * DATA.md "personal data": a NIK written in groups (spaces, dots or dashes between the digits) or
 * with full-width or other Unicode decimal digits counts as 16 digits. One detector
 * (schemas/values.ts: isNik, containsNik, maskNik) decides, for every text that can reach storage.
 * Grouping that counts (README "Personal data: what counts as a NIK"): one separator character,
 * the same throughout, between groups laid out as a NIK is written: 4-4-4-4, 6-6-4, 2-2-2-6-4,
 * 2-2-2-2-2-2-4. Numbers that are not NIKs stay as written.
 */
import { describe, expect, it } from 'vitest';
import { containsNik, isNik, maskNik } from '../../schemas/values.js';

const NIK = '3201234567890001';
const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
const arabicIndic = (digits: string) => [...digits].map((d) => String.fromCodePoint(0x0660 + Number(d))).join('');
const mathBold = (digits: string) => [...digits].map((d) => String.fromCodePoint(0x1d7ce + Number(d))).join('');

/** Every written form of one NIK the rule covers. */
export function writtenForms(nik: string): string[] {
  const g4 = [nik.slice(0, 4), nik.slice(4, 8), nik.slice(8, 12), nik.slice(12)];
  const g664 = [nik.slice(0, 6), nik.slice(6, 12), nik.slice(12)];
  const g22264 = [nik.slice(0, 2), nik.slice(2, 4), nik.slice(4, 6), nik.slice(6, 12), nik.slice(12)];
  const g2222224 = [0, 2, 4, 6, 8, 10].map((i) => nik.slice(i, i + 2)).concat(nik.slice(12));
  return [
    nik,
    ...[' ', '.', '-', '\u00a0', '\u2013'].flatMap((sep) => [g4.join(sep), g664.join(sep), g22264.join(sep), g2222224.join(sep)]),
    fullWidth(nik),
    fullWidth(g4.join(' ')),
    g4.map(fullWidth).join('\uff0d'),
    arabicIndic(nik),
    mathBold(nik),
  ];
}

describe('one NIK detector for every written form', () => {
  it.each(writtenForms(NIK))('%s is a NIK, found inside text and masked to its last 4 digits', (form) => {
    expect(isNik(form)).toBe(true);
    expect(containsNik(`KPM NIK ${form}, sudah dikunjungi`)).toBe(true);
    expect(containsNik(`nik:${form};`)).toBe(true);
    expect(maskNik(`KPM NIK ${form}, sudah dikunjungi`)).toBe('KPM NIK ************0001, sudah dikunjungi');
    expect(maskNik(form)).toBe('************0001');
  });

  it('finds a grouped NIK after other numbers written the same way, and two NIKs in one text', () => {
    expect(maskNik('no 12 3201 2345 6789 0001')).toBe('no 12 ************0001');
    expect(maskNik(`a ${NIK} b 3201-2345-6789-0002`)).toBe('a ************0001 b ************0002');
  });

  it.each([
    ['15 digits', '320123456789000'],
    ['17 digits', '32012345678900011'],
    ['15 digits in groups', '3201 2345 6789 000'],
    ['17 digits in groups', '3201 2345 6789 00011'],
    ['a rupiah amount with thousands separators', '1.250.000'],
    ['sixteen digits of rupiah (a 1-digit group)', '1.250.000.000.000.000'],
    ['wilayah codes', '64.02.01.2001 64.02.01 64.02'],
    ['dates', '2026-01-02 2026-02-03 2026-03-04'],
    ['a date range', '2026-01-02 - 2026-02-03'],
    ['timestamps', '2026-01-02 10:00:00 2026-01-03T11:00:00+07:00'],
    ['a phone number', '+62 812 3456 7890'],
    ['mixed separators', '3201 2345.6789-0001'],
    ['two separators between groups', '3201  2345  6789  0001'],
  ])('%s stay as written: %s', (_what, text) => {
    expect(containsNik(text)).toBe(false);
    expect(isNik(text)).toBe(false);
    expect(maskNik(text)).toBe(text);
  });
});
