import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../functions/report/render/index.js';
import type { AnyReport } from '../../../functions/report/reports/types.js';
import { FORMULA_NAME, SCRIPT_NAME, rankingFixture, sanctionsFixture, scorecardFixture } from './fixtures.js';

async function page(report: AnyReport, lang: 'id' | 'en' = 'id'): Promise<string> {
  return new TextDecoder().decode(await renderReport(report, 'html', { lang }));
}

const ALL = () => [scorecardFixture(), sanctionsFixture(), rankingFixture(true)];

/** Every element the renderer itself writes; anything else would be injected markup. */
const OWN_TAGS = new Set(
  'html head meta title style body header div h1 h2 span section table thead tbody tr th td b br p ul li footer svg line text rect'.split(' '),
);

function tagsOf(doc: string): string[] {
  return [...doc.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase());
}

describe('HTML renderer', () => {
  it('shows a script tag and a formula in a name as text, never as markup', async () => {
    for (const report of ALL()) {
      // Act
      const doc = await page(report);
      // Assess
      expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(doc).not.toMatch(/<script/i);
      expect(doc).not.toContain(SCRIPT_NAME);
    }
    const sanctions = await page(sanctionsFixture());
    expect(sanctions).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(sanctions).not.toContain(FORMULA_NAME);
  });

  it('escapes any facilitator or kecamatan name (property: no foreign tag, quote or ampersand leaks)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (name) => {
        // Prepare
        const sanctions = sanctionsFixture();
        sanctions.facilitators[0].full_name = name;
        const scorecard = scorecardFixture();
        scorecard.kecamatan[0].kecamatan_name = name;
        // Act
        const docs = [await page(sanctions), await page(scorecard, 'en')];
        // Assess
        for (const doc of docs) {
          expect(tagsOf(doc).filter((t) => !OWN_TAGS.has(t))).toEqual([]);
          expect(doc).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is self-contained: no external URL in src, href or url(), no script, link or import', async () => {
    for (const report of ALL()) {
      for (const lang of ['id', 'en'] as const) {
        // Act
        const doc = await page(report, lang);
        // Assess
        expect(doc).not.toMatch(/\b(src|href|xlink:href|action|srcset)\s*=/i);
        expect(doc).not.toMatch(/url\s*\(/i);
        expect(doc).not.toMatch(/@import/i);
        expect(doc).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
        // The only "http" left is inside the escaped formula name, shown as text.
        const withoutData = doc.replaceAll('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)', '');
        expect(withoutData).not.toMatch(/https?:|\/\/[a-z]/i);
        expect(doc).toContain("default-src 'none'");
      }
    }
  });

  it('prints on A4 landscape with the title and "page n of m" in the page margins, a repeating table header and rows kept whole', async () => {
    // Act
    const doc = await page(scorecardFixture());
    // Assess
    expect(doc).toMatch(/@page \{ size: A4 landscape; margin: [^;]+;\s*@top-left \{ content: "Kartu Kinerja Koordinasi PKH · KABUPATEN KLATEN · Oktober 2026";/);
    expect(doc).toMatch(/@bottom-right \{ content: "Halaman " counter\(page\) " dari " counter\(pages\);/);
    expect(doc).toMatch(/thead\s*\{\s*display:\s*table-header-group;\s*\}/);
    expect(doc).toMatch(/tr, \.card, \.keep \{ break-inside: avoid;/);
  });

  it('every report carries an inline SVG chart', async () => {
    for (const report of ALL()) {
      const doc = await page(report);
      expect(doc).toMatch(/<svg class="chart"[^>]*role="img"/);
      expect(doc).toMatch(/<rect /);
    }
  });

  it('scorecard in Indonesian: title, period, status words with their colours, arrows, legend thresholds', async () => {
    // Act
    const doc = await page(scorecardFixture(), 'id');
    // Assess
    expect(doc).toContain('<html lang="id">');
    expect(doc).toContain('Kartu Kinerja Koordinasi PKH');
    expect(doc).toContain('KABUPATEN KLATEN');
    expect(doc).toContain('Oktober 2026');
    expect(doc).toContain('3 November 2026 09.15 WIB');
    for (const word of ['hijau', 'kuning', 'merah', 'tidak ada data']) expect(doc).toContain(word);
    expect(doc).toContain('<td class="ind st-green" title="19 / 20"><b>95,0%</b><span class="sw">hijau <span class="tr good">▲ 3,1</span>');
    expect(doc).toContain('<span class="tr bad">▼ 5,0</span>');
    expect(doc).toContain('Laporan bulanan masuk');
    expect(doc).toContain('<b>85,3</b>');
    expect(doc).toContain('1.250');
    // Coverage target for October: 10/12 green, 75 % of it amber.
    expect(doc).toContain('<td>Cakupan koordinasi desa</td><td class="num">83,3%</td><td class="num">62,5%</td>');
    expect(doc).toContain('<td>Pelaporan harian</td><td class="num">90,0%</td><td class="num">80,0%</td>');
    expect(doc).toContain('Total kabupaten');
    expect(doc).toContain('PKH-9001');
  });

  it('scorecard in English: English labels, month and number style', async () => {
    // Act
    const doc = await page(scorecardFixture(), 'en');
    // Assess
    expect(doc).toContain('<html lang="en">');
    expect(doc).toContain('PKH Coordination Scorecard');
    expect(doc).toContain('October 2026');
    expect(doc).toContain('Monthly reports received');
    for (const word of ['green', 'amber', 'red', 'no data']) expect(doc).toContain(`>${word}`);
    expect(doc).toContain('95.0%');
    expect(doc).toContain('1,250');
    expect(doc).not.toContain('Laporan bulanan masuk');
    expect(doc).not.toContain('hijau');
  });

  it('follows config thresholds in the legend', async () => {
    // Prepare
    const report = scorecardFixture();
    report.config.thresholds.kpm_verification_rate = { green: 0.97, amber: 0.5 };
    // Act
    const doc = await page(report, 'en');
    // Assess
    expect(doc).toContain('<td>KPM verification</td><td class="num">97.0%</td><td class="num">50.0%</td>');
  });

  it('sanctions: sanction levels and monthly statuses as words, rates and histogram', async () => {
    // Act
    const id = await page(sanctionsFixture(), 'id');
    const en = await page(sanctionsFixture(), 'en');
    // Assess
    // The fixture is provisional: the list is titled an early warning (REPORTS.md "Time of a report").
    expect(id).toContain('Peringatan Dini Pelaporan');
    expect(id).toContain('<span class="badge st-amber">Teguran lisan</span>');
    expect(id).toContain('<span class="badge st-red">SP2</span>');
    expect(id).toContain('<span class="badge st-red">Tidak ada</span>');
    expect(id).toContain('47,6%');
    expect(id).toContain('1, 2, 5');
    expect(id).toContain('hari kerja ≥ 5 dan pelaporan harian &lt; 80,0%');
    expect(en).toContain('Verbal warning');
    expect(en).toContain('Missing');
    expect(en).toContain('47.6%');
    expect(en).toContain('Daily reporting rate of listed facilitators');
  });

  it('sanctions with nobody low says so instead of an empty table', async () => {
    // Prepare
    const report = sanctionsFixture();
    report.facilitators = [];
    report.low_count = 0;
    // Act
    const doc = await page(report, 'id');
    // Assess
    expect(doc).toContain('Tidak ada pendamping dengan kinerja rendah bulan ini');
    expect(doc).toContain('<svg');
  });

  it('ranking: tiers as coloured words, rupiah in local style, allocation only with a budget', async () => {
    // Act
    const id = await page(rankingFixture(true), 'id');
    const en = await page(rankingFixture(true), 'en');
    const noBudget = await page(rankingFixture(false), 'id');
    // Assess
    expect(id).toContain('<span class="badge st-red">Prioritas 1</span>');
    expect(id).toContain('<span class="badge st-none">Tanpa data</span>');
    expect(id).toContain('Rp\u00a0500.000.000');
    expect(id).toContain('Rp\u00a01.250.000');
    expect(id).toContain('92,50');
    expect(en).toContain('Rp\u00a0500,000,000');
    expect(en).toContain('Priority 1');
    expect(en).toContain('Poverty-Focus Sub-district Ranking');
    expect(noBudget).not.toContain('Alokasi (Rp)');
    expect(id).toContain('Alokasi (Rp)');
    expect(id).toContain('November 2025 – Oktober 2026');
  });
});

describe('HTML renderer at kabupaten size', () => {
  it('a scorecard of 20 kecamatan has 20 rows plus the total and 20 bars, sorted by rank', async () => {
    // Prepare
    const report = scorecardFixture();
    const template = report.kecamatan[0];
    report.kecamatan = Array.from({ length: 20 }, (_, i) => ({
      ...structuredClone(template),
      kecamatan_code: `33.10.${String(i + 1).padStart(2, '0')}`,
      kecamatan_name: `Kecamatan ${i + 1}`,
      rank: 20 - i,
      score: 50 + i,
    }));
    // Act
    const doc = await page(report, 'id');
    // Assess
    const body = doc.slice(doc.indexOf('<tbody>'), doc.indexOf('</tbody>'));
    expect(body.match(/<tr[ >]/g)).toHaveLength(21);
    const svg = doc.slice(doc.indexOf('<svg class="chart"'), doc.indexOf('</svg>'));
    expect(svg.match(/<rect /g)).toHaveLength(20);
    expect(svg.indexOf('1. Kecamatan 20')).toBeLessThan(svg.indexOf('20. Kecamatan 1<'));
  });
});
