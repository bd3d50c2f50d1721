/**
 * The three HTML reports, as the real pipeline makes them (generator → ingest → DuckDB →
 * report builders → renderer), opened in headless Chromium: no request leaves the page, no
 * console error, hostile text planted in the data stays text, every colour has its word, the
 * charts are drawn, and the 20-kecamatan scorecard prints on at most two A4 landscape pages.
 * Screenshots, PDFs and the HTML files are kept in test-output/browser/ for a human to look at.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderReport, type Lang } from '../../functions/report/render/index.js';
import { MONTHLY_STATUS_LABELS, SANCTION_LABELS, STATUS_LABELS, tierLabel } from '../../functions/report/render/labels.js';
import type { AnyReport, ReportName } from '../../functions/report/reports/types.js';
import { noticeText } from '../../functions/report/render/notices.js';
import { TXT_MAX_CHARS } from '../../functions/report/render/txt.js';
import { buildKukarReports, PLANTED, PLANTED_IDS, type KukarReports } from '../fixtures/reports/kukar-reports.js';
import { CHROMIUM, launchChromium, openDocument, pdfPageCount, SKIP_BROWSER } from './browser.js';
import { pdfPages, squeeze } from './pdf-text.js';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output/browser');
const REPORTS: ReportName[] = ['scorecard', 'sanctions', 'ranking'];
const LANGS: Lang[] = ['id', 'en'];
/** A4 landscape minus the style sheet's 10 mm margins, in CSS pixels (96 per inch). */
const PRINT_WIDTH_PX = Math.floor(((297 - 2 * 10) / 25.4) * 96);

/** What the page tells about itself; a string so no compiler helper sneaks into the browser. */
const INSPECT = `(() => {
  const statusOf = (el) => [...el.classList].find((c) => /^st-(green|amber|red|none)$/.test(c)).slice(3);
  const status = [...document.querySelectorAll('.st-green, .st-amber, .st-red, .st-none')].map((el) => ({
    status: statusOf(el),
    card: el.classList.contains('card'),
    text: el.innerText,
    background: getComputedStyle(el).backgroundColor,
    html: el.outerHTML.slice(0, 160),
  }));
  const active = [...document.querySelectorAll(
    'script, img, iframe, frame, object, embed, link, a, form, base, video, audio, source, meta[http-equiv="refresh" i], [onerror], [onload], [onclick], [onmouseover], [style*="url("]'
  )].map((el) => el.outerHTML.slice(0, 160));
  const svgs = [...document.querySelectorAll('svg')].map((svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    const outside = texts.filter((t) => {
      const b = t.getBoundingClientRect();
      return b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1;
    }).map((t) => t.textContent);
    return { width: box.width, height: box.height, rects: svg.querySelectorAll('rect').length, texts: texts.length, outside };
  });
  return { text: document.body.innerText, pwned: window.__pwned, status, active, svgs };
})()`;

interface Inspection {
  text: string;
  pwned: unknown;
  status: { status: string; card: boolean; text: string; background: string; html: string }[];
  active: string[];
  svgs: { width: number; height: number; rects: number; texts: number; outside: string[] }[];
}

/** A4 landscape in PDF points. */
const A4_LANDSCAPE = [841.92, 594.96];
const TITLES: Record<ReportName, Record<Lang, string>> = {
  scorecard: { id: 'Kartu Kinerja Koordinasi PKH', en: 'PKH Coordination Scorecard' },
  sanctions: { id: 'Daftar Sanksi Pelaporan Pendamping PKH', en: 'PKH Facilitator Reporting Sanctions List' },
  ranking: { id: 'Prioritas Kecamatan Penanggulangan Kemiskinan', en: 'Poverty-Focus Sub-district Ranking' },
};
/** "Halaman 2 dari 3" / "Page 2 of 3" without spaces (PDF text runs are not space-separated). */
const pageNumber = (i: number, n: number, lang: Lang) => (lang === 'id' ? `Halaman${i}dari${n}` : `Page${i}of${n}`);

/**
 * At 360 px: how far the page scrolls sideways, and every element that sticks out of the viewport
 * without being inside a table box (.tbox), which is the only thing allowed to scroll.
 */
const PHONE = `(() => {
  const vw = document.documentElement.clientWidth;
  const loose = [...document.body.querySelectorAll('*')].filter((el) => {
    if (el.closest('.tbox')) return false;
    const b = el.getBoundingClientRect();
    return b.width > 0 && (b.right > vw + 0.5 || b.left < -0.5);
  }).map((el) => el.outerHTML.slice(0, 120));
  const h1 = document.querySelector('h1').getBoundingClientRect();
  const boxes = [...document.querySelectorAll('.tbox')].map((b) => ({ client: b.clientWidth, scroll: b.scrollWidth }));
  return { scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, loose, h1Width: h1.width, boxes };
})()`;

/** Smallest computed font size (px) of any element with its own text, outside the SVG charts, as printed. */
const MIN_PRINT_FONT = `(() => {
  let min = Infinity, where = '';
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < min) { min = px; where = el.outerHTML.slice(0, 100); }
  }
  return { min, where };
})()`;

/** How far the widest element sticks out right of the page, in CSS pixels (0 = fits). */
const OVERFLOW = `(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth))()`;

/** Words a report must show (its legends print every one of them). */
function requiredWords(report: ReportName, lang: Lang): string[] {
  if (report === 'scorecard') return ['green', 'amber', 'red', 'none'].map((s) => STATUS_LABELS[s][lang]);
  if (report === 'sanctions') {
    return [...Object.values(MONTHLY_STATUS_LABELS), ...Object.values(SANCTION_LABELS)].map((p) => p[lang]);
  }
  return ['prioritas_1', 'prioritas_2', 'reguler', 'tanpa_data'].map((t) => tierLabel(t, lang));
}

/** Planted strings each report must show literally: its free-text fields that carry them. */
function plantedIn(report: ReportName): string[] {
  if (report === 'scorecard') return [PLANTED.scriptUnrostered];
  if (report === 'sanctions') return [PLANTED.scriptName, PLANTED.formulaName, PLANTED.imgSupervisor];
  return [];
}

interface Timing {
  name: string;
  ms: number;
  pdfPages?: number;
}

describe.skipIf(SKIP_BROWSER)(
  `Laporan HTML di Chromium headless / HTML reports in headless Chromium${SKIP_BROWSER ? ' (dilewati: PKH_SKIP_BROWSER=1 / skipped: PKH_SKIP_BROWSER=1)' : ''}`,
  () => {
    let browser: Browser | undefined;
    let built: KukarReports | undefined;
    const files = new Map<string, string>();
    const timings: Timing[] = [];
    let launchError: unknown;
    const reportsOf = (): Record<ReportName, AnyReport> => ({ scorecard: built!.scorecard, sanctions: built!.sanctions, ranking: built!.ranking });

    /** The browser, or the launch failure (e.g. no Chromium) thrown again so each test fails with it. */
    function ready(): Browser {
      if (launchError !== undefined) throw launchError;
      return browser!;
    }

    beforeAll(async () => {
      // Prepare: the browser first, so a missing Chromium fails every test before any data is built.
      try {
        browser = await launchChromium();
      } catch (err) {
        launchError = err;
        return;
      }
      built = await buildKukarReports();
      await mkdir(OUT, { recursive: true });
      const reports: Record<ReportName, AnyReport> = { scorecard: built.scorecard, sanctions: built.sanctions, ranking: built.ranking };
      for (const report of REPORTS) {
        for (const lang of LANGS) {
          const file = join(OUT, `${report}-${lang}.html`);
          await writeFile(file, await renderReport(reports[report], 'html', { lang }));
          files.set(`${report}-${lang}`, file);
        }
      }
      timings.push({ name: 'generate+ingest+build', ms: Math.round(built.buildSeconds * 1000) });
    }, 180_000);

    afterAll(async () => {
      const version = browser?.version();
      await browser?.close();
      await built?.dispose();
      if (timings.length > 1) {
        await writeFile(join(OUT, 'timings.json'), `${JSON.stringify({ chromium: CHROMIUM?.source, path: CHROMIUM?.path, version, timings }, null, 2)}\n`);
      }
    });

    it('data tanam masuk utuh dan pendampingnya terdaftar sanksi / planted rows are ingested intact and their facilitators are listed', () => {
      ready();
      const r = built!;
      // Every ingest, generated and planted, accepted every row.
      for (const i of r.ingests) expect({ source: i.source, rejected: i.rows_rejected }).toEqual({ source: i.source, rejected: 0 });
      // The description is in no report; it must at least be stored as it was written.
      expect(r.storedDescription).toBe(PLANTED.description);
      expect(r.scorecard.kecamatan).toHaveLength(20);
      const listed = r.sanctions.facilitators.map((f) => f.facilitator_id);
      expect(listed).toEqual(expect.arrayContaining([PLANTED_IDS.script, PLANTED_IDS.formula]));
      expect(r.scorecard.data_quality.unrostered_facilitators).toContain(PLANTED.scriptUnrostered);
    });

    it('pemeriksa menangkap dokumen yang bocor / the checks catch a leaky document', async () => {
      // Prepare: what a broken renderer could emit (no CSP, a remote image and style, a script).
      const file = join(OUT, 'leaky-probe.html');
      await writeFile(
        file,
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.evil.example/x.css"></head>' +
          '<body><img src="http://evil.example/p.png"><script>window.__pwned = 1; console.error("boom")</script></body></html>',
      );
      // Act
      const doc = await openDocument(ready(), file);
      try {
        const seen = (await doc.page.evaluate(INSPECT)) as Inspection;
        // Assess
        expect(doc.foreignRequests).toEqual(expect.arrayContaining(['https://cdn.evil.example/x.css', 'http://evil.example/p.png']));
        expect(doc.consoleErrors).toContain('boom');
        expect(seen.pwned).toBe(1);
        expect(seen.active.length).toBeGreaterThanOrEqual(3);
      } finally {
        await doc.page.close();
      }
    });

    for (const report of REPORTS) {
      for (const lang of LANGS) {
        const name = `${report}-${lang}`;
        it(`${name}: tanpa permintaan keluar, tanpa galat, teks jahat tetap teks, warna berkata, grafik SVG / no request out, no error, hostile text stays text, colours have words, SVG chart`, async () => {
          // Act
          const t0 = performance.now();
          const doc = await openDocument(ready(), files.get(name)!);
          try {
            const seen = (await doc.page.evaluate(INSPECT)) as Inspection;
            await doc.page.screenshot({ fullPage: true, path: join(OUT, `${name}.png`) });
            timings.push({ name: `${name} screen`, ms: Math.round(performance.now() - t0) });

            // Assess: nothing but the document itself was requested.
            expect(doc.requests).toContain(doc.documentUrl);
            expect(doc.foreignRequests).toEqual([]);
            expect(doc.consoleErrors).toEqual([]);
            expect(doc.pageErrors).toEqual([]);
            // Hostile text: no script ran, no active element exists, the strings read literally.
            expect(seen.pwned).toBeUndefined();
            expect(seen.active).toEqual([]);
            for (const s of plantedIn(report)) expect(seen.text).toContain(s);
            // Status words beside the colours.
            for (const word of requiredWords(report, lang)) expect(seen.text).toContain(word);
            expect(seen.status.length).toBeGreaterThan(0);
            for (const el of seen.status) {
              if (report === 'scorecard') expect(el.text, el.html).toContain(STATUS_LABELS[el.status][lang]);
              else expect(el.text, el.html).toMatch(/\p{L}{2,}/u);
              if (!el.card) expect(el.background, el.html).not.toBe('rgba(0, 0, 0, 0)');
            }
            const backgrounds = new Map(seen.status.filter((e) => !e.card).map((e) => [e.status, e.background]));
            expect(new Set(backgrounds.values()).size, 'each status its own colour').toBe(backgrounds.size);
            // At least one chart, drawn with a size, its labels inside it.
            expect(seen.svgs.length).toBeGreaterThan(0);
            for (const svg of seen.svgs) {
              expect(svg.width).toBeGreaterThan(100);
              expect(svg.height).toBeGreaterThan(50);
              expect(svg.rects + svg.texts).toBeGreaterThan(0);
              expect(svg.outside, 'chart labels outside the chart').toEqual([]);
            }
          } finally {
            await doc.page.close();
          }
        });

        it(`${name}: dicetak A4 lanskap tanpa terpotong, huruf ≥ 8 pt${report === 'scorecard' ? ', 20 kecamatan dalam ≤ 3 halaman' : ''} / printed A4 landscape, nothing cut off, text ≥ 8 pt${report === 'scorecard' ? ', 20 kecamatan on ≤ 3 pages' : ''}`, async () => {
          // Prepare
          const t0 = performance.now();
          const doc = await openDocument(ready(), files.get(name)!, { width: PRINT_WIDTH_PX, height: 800 });
          try {
            // Act: the pdf output as pkh report and the Lambda make it.
            const pdfFile = join(OUT, `${name}.pdf`);
            const pdf = await renderReport(reportsOf()[report], 'pdf', { lang });
            await writeFile(pdfFile, pdf);
            await doc.page.emulateMedia({ media: 'print' });
            const overflow = (await doc.page.evaluate(OVERFLOW)) as number;
            const font = (await doc.page.evaluate(MIN_PRINT_FONT)) as { min: number; where: string };
            const pages = pdfPages(pdf);
            timings.push({ name: `${name} print`, ms: Math.round(performance.now() - t0), pdfPages: pages.length });
            // Assess: fits the width, 8 pt = 10.67 CSS px.
            expect(overflow, 'px beyond the A4 landscape print width').toBe(0);
            expect(font.min, font.where).toBeGreaterThanOrEqual(10.66);
            expect(pages.length).toBe(pdfPageCount(pdf));
            expect(pages.length).toBeGreaterThanOrEqual(1);
            if (report === 'scorecard') expect(pages.length, `pages of ${pdfFile}`).toBeLessThanOrEqual(3);
            // Every page A4 landscape, with the title and "page i of n".
            pages.forEach((p, i) => {
              expect(p.mediaBox[2] - p.mediaBox[0]).toBeCloseTo(A4_LANDSCAPE[0], 0);
              expect(p.mediaBox[3] - p.mediaBox[1]).toBeCloseTo(A4_LANDSCAPE[1], 0);
              const text = squeeze(p.text);
              expect(text, `page ${i + 1} of ${pdfFile}`).toContain(squeeze(TITLES[report][lang]));
              expect(text, `page ${i + 1} of ${pdfFile}`).toContain(pageNumber(i + 1, pages.length, lang));
            });
            // The sanctions ladder is on the first page, with the start of the list it explains.
            if (report === 'sanctions') {
              expect(squeeze(pages[0].text)).toContain(squeeze(lang === 'id' ? 'Tangga sanksi menurut bulan rendah' : 'Sanction ladder by consecutive low months'));
              expect(pages[0].text).toContain(built!.sanctions.facilitators[0].facilitator_id);
            }
          } finally {
            await doc.page.close();
          }
        });

        it(`${name}: di ponsel 360 px halaman tidak bergeser ke samping, hanya tabel / on a 360 px phone the page never scrolls sideways, only tables`, async () => {
          // Act
          const doc = await openDocument(ready(), files.get(name)!, { width: 360, height: 780 });
          try {
            const seen = (await doc.page.evaluate(PHONE)) as {
              scrollWidth: number;
              clientWidth: number;
              loose: string[];
              h1Width: number;
              boxes: { client: number; scroll: number }[];
            };
            await doc.page.screenshot({ path: join(OUT, `${name}-360.png`) });
            await doc.page.screenshot({ fullPage: true, path: join(OUT, `${name}-360-full.png`) });
            // Assess
            expect(seen.scrollWidth).toBeLessThanOrEqual(seen.clientWidth);
            expect(seen.loose).toEqual([]);
            expect(seen.h1Width).toBeLessThanOrEqual(seen.clientWidth);
            // The wide table is there, scrolling inside its own box.
            expect(seen.boxes.length).toBeGreaterThan(0);
            expect(seen.boxes.every((b) => b.client <= seen.clientWidth)).toBe(true);
          } finally {
            await doc.page.close();
          }
        });

        it(`${name}: ringkasan WhatsApp ≤ 1.000 karakter dengan angka utama dan nama berkas / WhatsApp summary ≤ 1,000 characters with the headline figures and the file name`, async () => {
          // Act
          const txt = new TextDecoder().decode(await renderReport(reportsOf()[report], 'txt', { lang, fullReport: `${name}.pdf` }));
          await writeFile(join(OUT, `${name}.txt`), txt);
          // Assess
          expect(txt.length).toBeLessThanOrEqual(TXT_MAX_CHARS);
          expect(txt).toContain(TITLES[report][lang]);
          expect(txt).toContain(built!.scorecard.kabupaten_name);
          expect(txt.trimEnd().endsWith(`${name}.pdf`)).toBe(true);
          if (report === 'scorecard') {
            const best = built!.scorecard.kecamatan.find((k) => k.rank === 1)!;
            const worst = [...built!.scorecard.kecamatan].filter((k) => k.score !== null).sort((a, b) => b.rank - a.rank)[0];
            expect(txt).toContain(best.kecamatan_name);
            expect(txt).toContain(worst.kecamatan_name);
          }
          if (report === 'sanctions') {
            // Each level of the ladder with its count.
            for (const level of built!.sanctions.config.sanction_ladder) {
              const n = built!.sanctions.facilitators.filter((f) => f.sanction_level === level).length;
              expect(txt).toContain(`${SANCTION_LABELS[level][lang]} (${n})`);
            }
          }
        });
      }
    }

    /** The same reports as the provisional (not final) and empty JSON of REPORTS.md "Time of a report" says them. */
    function variant(report: ReportName, kind: 'provisional' | 'no_data'): AnyReport {
      const r = structuredClone(reportsOf()[report]) as AnyReport & Record<string, unknown>;
      r.as_of = '2026-11-20T03:00:00.000Z';
      r.final = kind !== 'provisional';
      if (kind === 'no_data') r.data_quality = { ...(r.data_quality as object), rows_in_period: { monthly_report: 0, activity_log: 0, disbursement: 0 } };
      return r;
    }

    for (const lang of LANGS) {
      it(`${lang}: laporan sementara berkata "SEMENTARA per …" di html, pdf (tiap halaman) dan txt; daftar sanksi jadi peringatan dini / provisional reports say so in html, pdf (every page) and txt; the sanctions list becomes an early warning`, async () => {
        const banner = lang === 'id' ? 'SEMENTARA per 20 November 2026 11.00 WITA' : 'PROVISIONAL as of 20 November 2026 11:00 WITA';
        for (const report of REPORTS) {
          // Prepare
          const r = variant(report, 'provisional');
          const file = join(OUT, `${report}-${lang}-provisional.html`);
          await writeFile(file, await renderReport(r, 'html', { lang }));
          // Act
          const doc = await openDocument(ready(), file, { width: 360, height: 780 });
          const seen = (await doc.page.evaluate(INSPECT)) as Inspection;
          await doc.page.screenshot({ path: join(OUT, `${report}-${lang}-provisional-360.png`) });
          await doc.page.close();
          const pdf = await renderReport(r, 'pdf', { lang });
          await writeFile(join(OUT, `${report}-${lang}-provisional.pdf`), pdf);
          const txt = new TextDecoder().decode(await renderReport(r, 'txt', { lang, fullReport: 'x.pdf' }));
          // Assess
          expect(seen.text).toContain(banner);
          expect(txt).toContain(banner);
          expect(txt.length).toBeLessThanOrEqual(TXT_MAX_CHARS);
          const pages = pdfPages(pdf);
          expect(squeeze(pages[0].text)).toContain(squeeze(banner));
          for (const p of pages) expect(p.text).toContain(lang === 'id' ? 'SEMENTARA' : 'PROVISIONAL');
          if (report === 'sanctions') {
            const early = noticeText('early_warning', lang);
            expect(seen.text).toContain(early);
            expect(txt.startsWith(`*${early}*`)).toBe(true);
            for (const p of pages) expect(squeeze(p.text)).toContain(squeeze(early));
            expect(seen.text).not.toContain(TITLES.sanctions[lang]);
          }
        }
      });
    }

    it('periode tanpa data berkata "Tidak ada data untuk …" di html, pdf dan txt / a period without data says so in html, pdf and txt', async () => {
      // Prepare
      const r = variant('scorecard', 'no_data');
      const banner = `Tidak ada data untuk ${built!.scorecard.kabupaten_name}, Oktober 2026`;
      // Act
      const html = new TextDecoder().decode(await renderReport(r, 'html', { lang: 'id' }));
      const pdf = await renderReport(r, 'pdf', { lang: 'id' });
      const txt = new TextDecoder().decode(await renderReport(r, 'txt', { lang: 'id', fullReport: 'x.pdf' }));
      await writeFile(join(OUT, 'scorecard-id-no-data.pdf'), pdf);
      // Assess
      expect(html).toContain(banner);
      expect(squeeze(pdfPages(pdf)[0].text)).toContain(squeeze(banner));
      expect(txt).toContain(banner);
    });
  },
);

if (SKIP_BROWSER) console.warn('test/browser: dilewati karena PKH_SKIP_BROWSER=1 / skipped because PKH_SKIP_BROWSER=1');
