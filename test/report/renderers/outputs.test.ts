/**
 * The outputs people forward: file names that say what, where and when, the index page, the
 * WhatsApp summary and the provisional / no-data notices (REPORTS.md "Outputs" and "Time of a
 * report"). Chromium checks of the same outputs are in test/browser.
 */
import { describe, expect, it } from 'vitest';
import { FolderStore } from '../../../functions/lib/object-store/index.js';
import { parseReportKey, reportFileKey, reportFileName } from '../../../functions/report/output-names.js';
import { cssString } from '../../../functions/report/render/html/page.js';
import { renderReport } from '../../../functions/report/render/index.js';
import { TXT_MAX_CHARS, reportTxt } from '../../../functions/report/render/txt.js';
import { indexHtml, indexRows, writeReportIndex } from '../../../functions/report/report-index.js';
import type { AnyReport } from '../../../functions/report/reports/types.js';
import { tempDir } from '../../cli/helpers.js';
import { rankingFixture, sanctionsFixture, scorecardFixture } from './fixtures.js';

/** The fixture as a final report (the fixtures are provisional). */
function final<T extends AnyReport>(r: T): T {
  return { ...r, final: true };
}

/** A report as the as-of JSON has it: provisional as of 20 Nov 2026 10:00 WIB (Klaten, 33.10). */
function provisional<T extends AnyReport>(r: T): T {
  return { ...r, as_of: '2026-11-20T03:00:00.000Z', final: false };
}

const text = async (r: AnyReport, format: 'html' | 'txt', lang: 'id' | 'en' = 'id') =>
  new TextDecoder().decode(await renderReport(r, format, { lang, fullReport: 'x.pdf' }));

describe('file names say what, where and when', () => {
  it('final reports: report in the chosen language, kabupaten, period', () => {
    expect(reportFileName(final(scorecardFixture()), 'pdf', 'id')).toBe('kartu-kinerja-33.10-2026-10.pdf');
    expect(reportFileName(final(sanctionsFixture()), 'xlsx', 'id')).toBe('daftar-sanksi-33.10-2026-10.xlsx');
    expect(reportFileName(final(rankingFixture(false)), 'txt', 'en')).toBe('priority-ranking-33.10-2026-10.txt');
    expect(reportFileKey(final(scorecardFixture()), 'html', 'en')).toBe('scorecard/33.10/2026-10/scorecard-33.10-2026-10.html');
  });

  it('a provisional report says sementara / provisional and the date of A in the kabupaten\'s own time', () => {
    // 2026-11-19T18:00Z is already 20 November in WIB (UTC+7).
    const r = { ...sanctionsFixture(), as_of: '2026-11-19T18:00:00.000Z', final: false };
    expect(reportFileName(r, 'pdf', 'id')).toBe('daftar-sanksi-33.10-2026-10-sementara-2026-11-20.pdf');
    expect(reportFileName(r, 'pdf', 'en')).toBe('sanctions-list-33.10-2026-10-provisional-2026-11-20.pdf');
  });

  it('a region report is named by its region; a list of kabupaten has no comma in the name', () => {
    const region = { ...final(scorecardFixture()), kabupaten_code: undefined, region: '64.01,64.02', region_name: 'Kaltim' } as unknown as AnyReport;
    expect(reportFileKey(region as never, 'pdf', 'id')).toBe('scorecard/64.01,64.02/2026-10/kartu-kinerja-64.01+64.02-2026-10.pdf');
  });

  it('names read back: report, place, period, provisional and its date; anything else is not a report', () => {
    expect(parseReportKey('sanctions/33/2026-11/daftar-sanksi-33-2026-11-sementara-2026-11-20.xlsx')).toEqual({
      report: 'sanctions',
      place: '33',
      period: '2026-11',
      base: 'daftar-sanksi-33-2026-11-sementara-2026-11-20',
      ext: 'xlsx',
      provisional: true,
      asOfDate: '2026-11-20',
    });
    expect(parseReportKey('index.html')).toBeUndefined();
    expect(parseReportKey('lake/roster/x.parquet')).toBeUndefined();
  });
});

describe('index.html at the output root', () => {
  it('lists every run newest period first, one row per run with a link per format (pdf first), and skips other files', async () => {
    // Prepare: two periods, a provisional and a final run, a stray file.
    const store = new FolderStore((await tempDir('pkh-index-')).dir);
    const keys = [
      'scorecard/33.10/2026-09/kartu-kinerja-33.10-2026-09.json',
      'scorecard/33.10/2026-09/kartu-kinerja-33.10-2026-09.pdf',
      'sanctions/33.10/2026-11/daftar-sanksi-33.10-2026-11-sementara-2026-11-20.txt',
      'scorecard/33.10/2026-10/kartu-kinerja-33.10-2026-10.pdf',
      'notes/readme.txt',
    ];
    for (const k of keys) await store.put(k, 'x');
    // Act
    await writeReportIndex(store, 'id');
    const page = new TextDecoder().decode(await store.get('index.html'));
    // Assess
    const rows = indexRows(await store.list(''));
    expect(rows.map((r) => `${r.period} ${r.report} ${r.provisional}`)).toEqual(['2026-11 sanctions true', '2026-10 scorecard false', '2026-09 scorecard false']);
    expect(rows[2].files.map((f) => f.ext)).toEqual(['pdf', 'json']);
    const hrefs = [...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([keys[2], keys[3], keys[1], keys[0]]);
    expect(page).toContain('sementara per 2026-11-20');
    expect(page).not.toContain('readme');
    expect(page).toContain("default-src 'none'");
  });

  it('an empty root says there is no report yet; names are escaped', () => {
    expect(indexHtml([], 'en')).toContain('No reports yet.');
    const rows = indexRows([{ key: 'scorecard/<b>/2026-10/kartu-kinerja-x-2026-10.pdf' }]);
    expect(indexHtml(rows, 'id')).toContain('&lt;b&gt;');
  });
});

describe('txt: the WhatsApp summary', () => {
  it('scorecard: title, place, score, best and weakest kecamatan, the full report\'s file name, ≤ 1,000 characters', () => {
    // Act
    const txt = reportTxt(scorecardFixture(), 'id', 'kartu-kinerja-33.10-2026-10.pdf');
    // Assess
    expect(txt.length).toBeLessThanOrEqual(TXT_MAX_CHARS);
    expect(txt.split('\n')[0]).toBe('*Kartu Kinerja Koordinasi PKH*');
    expect(txt).toContain('KABUPATEN KLATEN (33.10) · Oktober 2026');
    expect(txt).toMatch(/Terbaik: 1\. Prambanan [\d,]+/);
    expect(txt).toMatch(/Terlemah: .*Wedi/);
    expect(txt.trimEnd().split('\n').pop()).toBe('Laporan lengkap: kartu-kinerja-33.10-2026-10.pdf');
  });

  it('sanctions: everyone on the ladder by level, in English with --lang en', () => {
    const r = sanctionsFixture();
    const txt = reportTxt(r, 'en', 'f.pdf');
    for (const level of r.config.sanction_ladder) {
      const n = r.facilitators.filter((f) => f.sanction_level === level).length;
      expect(txt).toMatch(new RegExp(`- ${level === 'teguran_lisan' ? 'Verbal warning' : level.toUpperCase()} \\(${n}\\): `));
    }
    for (const f of r.facilitators) expect(txt).toContain(f.full_name);
  });

  it('stays under 1,000 characters with hundreds of facilitators and long names, keeping title, notice and file name', () => {
    // Prepare
    const base = sanctionsFixture();
    const many = Array.from({ length: 300 }, (_, i) => ({ ...base.facilitators[i % base.facilitators.length], full_name: `Pendamping Dengan Nama Yang Panjang Sekali ${i}` }));
    const r = provisional({ ...base, facilitators: many });
    // Act
    const txt = reportTxt(r, 'id', 'daftar-sanksi-33.10-2026-10-sementara-2026-11-20.pdf');
    // Assess
    expect(txt.length).toBeLessThanOrEqual(TXT_MAX_CHARS);
    expect(txt).toContain('SEMENTARA per 20 November 2026 10.00 WIB');
    expect(txt).toMatch(/\+\d+ lainnya/);
    expect(txt.trimEnd().endsWith('daftar-sanksi-33.10-2026-10-sementara-2026-11-20.pdf')).toBe(true);
  });
});

describe('provisional and empty reports say so', () => {
  it('html: title flag, banner with the instant A, and the sanctions list titled early warning', async () => {
    const html = await text(provisional(sanctionsFixture()), 'html');
    expect(html).toContain('<b>SEMENTARA per 20 November 2026 10.00 WIB</b>');
    expect(html).toMatch(/<h1>Peringatan Dini Pelaporan Pendamping PKH <span class="badge flag">SEMENTARA<\/span><\/h1>/);
    expect(html).not.toContain('Daftar Sanksi Pelaporan');
    expect(html).toMatch(/@top-right \{ content: "SEMENTARA";/);
    const en = await text(provisional(scorecardFixture()), 'html', 'en');
    expect(en).toContain('<b>PROVISIONAL as of 20 November 2026 10:00 WIB</b>');
  });

  it('a final report has no notice; a report without as_of/final (older JSON) counts as final', async () => {
    const html = await text({ ...scorecardFixture(), as_of: '2026-11-20T03:00:00.000Z', final: true } as AnyReport, 'html');
    expect(html).not.toContain('class="notice');
    const { as_of: _a, final: _f, ...older } = scorecardFixture();
    expect(await text(older as AnyReport, 'html')).not.toContain('class="notice');
  });

  it('rows_in_period all zero: "Tidak ada data untuk …" in html and txt', async () => {
    const r = { ...scorecardFixture(), data_quality: { ...scorecardFixture().data_quality, rows_in_period: { monthly_report: 0, activity_log: 0, disbursement: 0 } } };
    expect(await text(r, 'html')).toContain('Tidak ada data untuk KABUPATEN KLATEN, Oktober 2026');
    expect(await text(r, 'txt', 'en')).toContain('No data for KABUPATEN KLATEN, October 2026');
    const some = { ...r, data_quality: { ...r.data_quality, rows_in_period: { monthly_report: 0, activity_log: 1, disbursement: 0 } } };
    expect(await text(some, 'html')).not.toContain('Tidak ada data untuk');
  });

  it('a rate above 100 % is marked and explained', async () => {
    const r = scorecardFixture();
    r.kecamatan[0].indicators.complaint_resolution_rate = { ...r.kecamatan[0].indicators.complaint_resolution_rate, value: 1.37 };
    const html = await text(r, 'html');
    expect(html).toContain('137,0%*');
    expect(html).toMatch(/Di atas 100% \(ditandai \*\)/);
    expect(html).toContain('Pengaduan terselesaikan: Prambanan 137,0%');
    expect(await text(scorecardFixture(), 'html')).not.toContain('Di atas 100%');
  });

  it('the running title in the page margin cannot end the CSS string or the style element', () => {
    const css = cssString('a"b\\c</style><script>');
    expect(css).not.toMatch(/[<>]/);
    expect(css.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
    expect(css).toBe('"a\\22 b\\5c c\\3c /style\\3e \\3c script\\3e "');
  });
});
