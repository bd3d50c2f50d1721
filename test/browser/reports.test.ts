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
import { buildKukarReports, PLANTED, PLANTED_IDS, type KukarReports } from '../fixtures/reports/kukar-reports.js';
import { CHROMIUM, launchChromium, openDocument, pdfPageCount, SKIP_BROWSER } from './browser.js';

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

        it(`${name}: dicetak A4 lanskap tanpa terpotong${report === 'scorecard' ? ', 20 kecamatan dalam ≤ 2 halaman' : ''} / printed A4 landscape, nothing cut off${report === 'scorecard' ? ', 20 kecamatan on ≤ 2 pages' : ''}`, async () => {
          // Prepare
          const t0 = performance.now();
          const doc = await openDocument(ready(), files.get(name)!, { width: PRINT_WIDTH_PX, height: 800 });
          try {
            // Act
            const pdfFile = join(OUT, `${name}.pdf`);
            const pdf = await doc.page.pdf({ format: 'A4', landscape: true, printBackground: true, path: pdfFile });
            await doc.page.emulateMedia({ media: 'print' });
            const overflow = (await doc.page.evaluate(OVERFLOW)) as number;
            const pages = pdfPageCount(pdf);
            timings.push({ name: `${name} print`, ms: Math.round(performance.now() - t0), pdfPages: pages });
            // Assess
            expect(overflow, 'px beyond the A4 landscape print width').toBe(0);
            expect(pages).toBeGreaterThanOrEqual(1);
            if (report === 'scorecard') {
              expect(built!.scorecard.kecamatan).toHaveLength(20);
              expect(pages, `pages of ${pdfFile}`).toBeLessThanOrEqual(2);
            }
          } finally {
            await doc.page.close();
          }
        });
      }
    }
  },
);

if (SKIP_BROWSER) console.warn('test/browser: dilewati karena PKH_SKIP_BROWSER=1 / skipped because PKH_SKIP_BROWSER=1');
