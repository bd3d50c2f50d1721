/**
 * The `pdf` output: the report's HTML printed by headless Chromium on A4 landscape. The page
 * size, margins, running title and page numbers come from the HTML's own `@page` rules (so the
 * HTML printed from a browser looks the same). Loaded only when a PDF is asked for: it starts a
 * browser (functions/report/render/chromium.ts).
 */
import { launchChromium } from './chromium.js';

/**
 * Prints one self-contained HTML document to PDF. Any request the page tries to make is aborted
 * (the reports have none; this keeps it so).
 *
 * @example const pdf = await htmlToPdf(new TextDecoder().decode(await renderReport(r, 'html', { lang: 'id' })));
 */
export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const { browser } = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
