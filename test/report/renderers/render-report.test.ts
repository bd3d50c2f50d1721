import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../functions/lib/errors.js';
import {
  formatGeneratedAt,
  formatInt,
  formatPercent,
  formatPoints,
  formatRupiah,
} from '../../../functions/report/render/format.js';
import { renderReport, type ReportFormat } from '../../../functions/report/render/index.js';
import { periodLabel, tierLabel } from '../../../functions/report/render/labels.js';
import { rankingFixture, sanctionsFixture, scorecardFixture } from './fixtures.js';

describe('renderReport', () => {
  it('json is the report layout as is, two-space indented, with a final newline', async () => {
    for (const report of [scorecardFixture(), sanctionsFixture(), rankingFixture(true), rankingFixture(false)]) {
      // Act
      const text = new TextDecoder().decode(await renderReport(report, 'json', { lang: 'en' }));
      // Assess
      expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(JSON.parse(text)).toEqual(report);
    }
  });

  it('json keeps nulls and the absence of allocation', async () => {
    // Act
    const parsed = JSON.parse(new TextDecoder().decode(await renderReport(rankingFixture(false), 'json', { lang: 'id' })));
    // Assess
    expect(parsed.kecamatan[2].index).toBeNull();
    expect('allocation' in parsed).toBe(false);
    expect('allocation' in parsed.kecamatan[0]).toBe(false);
  });

  it('an unknown format is a one-line user error in both languages', async () => {
    // Act
    const err = await renderReport(scorecardFixture(), 'docx' as ReportFormat, { lang: 'id' }).catch((e: unknown) => e);
    // Assess
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^Format "docx" tidak dikenal; .* \/ Unknown format "docx"; use json, csv, xlsx, html, pdf or txt$/);
  });

  it('an unknown language is a user error', async () => {
    const err = await renderReport(scorecardFixture(), 'html', { lang: 'fr' as 'id' }).catch((e: unknown) => e);
    expect(isUserError(err)).toBe(true);
  });
});

describe('formatting for people', () => {
  it('Indonesian style: decimal comma, dot grouping, Rp prefix', () => {
    expect(formatPercent(0.85, 'id')).toBe('85,0%');
    expect(formatPercent(1.25, 'id')).toBe('125,0%');
    expect(formatPercent(null, 'id')).toBe('–');
    expect(formatRupiah(1_250_000, 'id')).toBe('Rp\u00a01.250.000');
    expect(formatInt(-1234567, 'id')).toBe('-1.234.567');
    expect(formatPoints(-0.0512, 'id')).toBe('5,1');
  });

  it('English style: decimal point, comma grouping', () => {
    expect(formatPercent(0.85, 'en')).toBe('85.0%');
    expect(formatRupiah(1_250_000, 'en')).toBe('Rp\u00a01,250,000');
    expect(formatInt(999, 'en')).toBe('999');
  });

  it('rupiah: "Rp" and the amount are joined by a no-break space in both languages, never a plain space', () => {
    for (const lang of ['id', 'en'] as const) {
      // Act
      const shown = formatRupiah(3_342_000_000, lang);
      // Assess
      expect(shown).toMatch(/^Rp\u00a0\d/);
      expect(shown).not.toContain(' ');
    }
    expect(formatRupiah(null, 'en')).toBe('–');
  });

  it('a tiny negative that rounds to zero shows no minus sign', () => {
    expect(formatPercent(-0.00001, 'id')).toBe('0,0%');
  });

  it('period and generated_at in words and in the kabupaten local time', () => {
    expect(periodLabel('2026-10', 'id')).toBe('Oktober 2026');
    expect(periodLabel('2026-02', 'en')).toBe('February 2026');
    expect(formatGeneratedAt('2026-10-31T17:30:00Z', '33.10', 'id')).toBe('1 November 2026 00.30 WIB');
    expect(formatGeneratedAt('2026-10-31T17:30:00Z', '94.01', 'en')).toBe('1 November 2026 02:30 WIT');
    expect(formatGeneratedAt('not a date', '33.10', 'en')).toBe('not a date');
  });

  it('tiers beyond the default two are named by their number', () => {
    expect(tierLabel('prioritas_3', 'id')).toBe('Prioritas 3');
    expect(tierLabel('reguler', 'en')).toBe('Regular');
    expect(tierLabel('tanpa_data', 'id')).toBe('Tanpa data');
  });
});
