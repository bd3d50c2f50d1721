import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvNumber } from '../../../functions/report/render/csv.js';
import { renderReport } from '../../../functions/report/render/index.js';
import { FORMULA_NAME, SCRIPT_NAME, rankingFixture, sanctionsFixture, scorecardFixture } from './fixtures.js';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

function rows(bytes: Uint8Array): Record<string, string>[] {
  return parse(decode(bytes), { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
}

describe('CSV renderer', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', async () => {
    // Act
    const bytes = await renderReport(sanctionsFixture(), 'csv', { lang: 'id' });
    // Assess
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(1 + 3 + 1);
  });

  it('prefixes a formula-like name and a negative id (text) with a quote, never a number', async () => {
    // Act
    const sanctions = rows(await renderReport(sanctionsFixture(), 'csv', { lang: 'en' }));
    const scorecard = rows(await renderReport(scorecardFixture(), 'csv', { lang: 'en' }));
    // Assess
    expect(sanctions[1].full_name).toBe(`'${FORMULA_NAME}`);
    expect(sanctions[1].facilitator_id).toBe("'-5");
    expect(sanctions[0].full_name).toBe(SCRIPT_NAME);
    expect(scorecard[1].monthly_report_rate_delta_prev_month).toBe('-0.05');
    expect(scorecard[0].monthly_report_rate_delta_prev_month).toBe('0.0312');
  });

  it('reads back as numbers: negative deltas sum like any number (regression: they were text)', async () => {
    // Arrange
    const report = scorecardFixture();
    // Act: a CSV reader that casts what looks like a number, as a spreadsheet or pandas would
    const out = parse(decode(await renderReport(report, 'csv', { lang: 'en' })), {
      bom: true,
      columns: true,
      cast: (value) => (value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value),
    }) as Record<string, string | number>[];
    // Assess: every delta of every row is a number equal to the JSON's, none is text
    const rowsOfJson = [...report.kecamatan.map((k) => k.indicators), report.total.indicators];
    let negatives = 0;
    out.forEach((row, i) => {
      for (const [name, ind] of Object.entries(rowsOfJson[i])) {
        const cell = row[`${name}_delta_prev_month`];
        if (ind.delta_prev_month === null) expect(cell).toBe('');
        else {
          expect(typeof cell).toBe('number');
          expect(cell).toBe(ind.delta_prev_month);
          if (ind.delta_prev_month < 0) negatives++;
        }
      }
    });
    expect(negatives).toBeGreaterThan(0);
  });

  it('writes a number as a plain decimal, never in exponent form', () => {
    expect(csvNumber(-0.6667)).toBe('-0.6667');
    expect(csvNumber(1e-7)).toBe('0.0000001');
    expect(csvNumber(-1250000)).toBe('-1250000');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('quotes fields with commas and quotes as RFC 4180 says', async () => {
    // Act
    const bytes = await renderReport(sanctionsFixture(), 'csv', { lang: 'en' });
    // Assess
    expect(decode(bytes)).toContain(',"Siti, ""Ani"" Rahayu",');
    expect(decode(bytes)).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    expect(rows(bytes)[2].full_name).toBe('Siti, "Ani" Rahayu');
  });

  it('guards every formula start: = + - @ tab and carriage return', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+62812')).toBe("'+62812");
    expect(csvField('-3')).toBe("'-3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('')).toBe('');
  });

  it('scorecard: one row per kecamatan plus TOTAL, flat indicator columns, desa codes joined by ;', async () => {
    // Act
    const out = rows(await renderReport(scorecardFixture(), 'csv', { lang: 'en' }));
    // Assess
    expect(out.map((r) => r.kecamatan_code)).toEqual(['33.10.01', '33.10.02', '33.10.03', 'TOTAL']);
    const header = Object.keys(out[0]);
    for (const suffix of ['value', 'numerator', 'denominator', 'status', 'delta_prev_month', 'delta_prev_year']) {
      expect(header).toContain(`monthly_report_rate_${suffix}`);
    }
    expect(header).toContain('card_custody_flags_value');
    expect(out[1].desa_not_covered).toBe('33.10.02.2001;33.10.02.2002');
    expect(out[2].monthly_report_rate_value).toBe('');
    expect(out[2].monthly_report_rate_status).toBe('none');
    expect(out[3].score).toBe('70.1');
    expect(out[3].rank).toBe('');
  });

  it('Indonesian labels and words by default, snake_case keys and JSON codes in English', async () => {
    // Act
    const id = rows(await renderReport(scorecardFixture(), 'csv', { lang: 'id' }));
    const en = rows(await renderReport(scorecardFixture(), 'csv', { lang: 'en' }));
    // Assess
    expect(id[0]['Laporan bulanan masuk – status']).toBe('hijau');
    expect(id[2]['Laporan bulanan masuk – status']).toBe('tidak ada data');
    expect(id[0]['Kode kecamatan']).toBe('33.10.01');
    expect(en[0].monthly_report_rate_status).toBe('green');
  });

  it('sanctions: missing dates joined by ;, translated levels in Indonesian', async () => {
    // Act
    const out = rows(await renderReport(sanctionsFixture(), 'csv', { lang: 'id' }));
    // Assess
    expect(out[0]['Tanggal tanpa laporan']).toBe('2026-10-01;2026-10-02;2026-10-05');
    expect(out.map((r) => r['Tingkat sanksi'])).toEqual(['SP2', 'Teguran lisan', 'SP3']);
    expect(out[0]['ID pendamping']).toBe('0012');
  });

  it('ranking: allocation columns only when a budget was given', async () => {
    // Act
    const without = rows(await renderReport(rankingFixture(false), 'csv', { lang: 'en' }));
    const withBudget = rows(await renderReport(rankingFixture(true), 'csv', { lang: 'en' }));
    // Assess
    expect(Object.keys(without[0])).not.toContain('allocation_rupiah');
    expect(withBudget[0].allocation_rupiah).toBe('500000000');
    expect(withBudget[0].dtks_share_value).toBe('0.41');
    expect(withBudget[0].dtks_share_score).toBe('100');
    expect(withBudget[2].index).toBe('');
    expect(withBudget[2].tier).toBe('tanpa_data');
  });
});
