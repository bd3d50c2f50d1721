/**
 * Headless Chromium for the report checks: the project's launcher (functions/report/render/chromium.ts) driven by playwright-core, with
 * every request that is not the document itself recorded and aborted, and console errors and
 * page errors collected.
 */
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium as launchProjectChromium, type ChromiumExecutable } from '../../functions/report/render/chromium.js';

/** Set to 1 by developers who want to skip the browser suites; CI never sets it. */
export const SKIP_BROWSER = process.env.PKH_SKIP_BROWSER === '1';

/** Which Chromium the last launch used (PKH_CHROMIUM or the npm package), for the test output. */
export let CHROMIUM: ChromiumExecutable | undefined;

/** Launches headless Chromium through the project's launcher (PKH_CHROMIUM or npm @sparticuz/chromium). */
export async function launchChromium(): Promise<Browser> {
  const { browser, executable } = await launchProjectChromium();
  CHROMIUM = executable;
  return browser;
}

/** What happened while a document loaded. */
export interface LoadedDocument {
  page: Page;
  documentUrl: string;
  /** Every request the page made, including the document itself. */
  requests: string[];
  /** Requests that were neither the document nor `data:`/`about:` (aborted). */
  foreignRequests: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

function isAllowed(url: string, documentUrl: string): boolean {
  return url === documentUrl || url.startsWith('data:') || url.startsWith('about:');
}

/**
 * Opens an HTML file (`file://`) in a fresh page of `browser` and waits for it to finish loading.
 * A request to anywhere else is aborted, so nothing can leave the machine even if a report
 * tried; it is still recorded in `foreignRequests` for the test to fail on.
 */
export async function openDocument(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<LoadedDocument> {
  const documentUrl = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport });
  const loaded: LoadedDocument = { page, documentUrl, requests: [], foreignRequests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (req) => {
    loaded.requests.push(req.url());
    if (!isAllowed(req.url(), documentUrl)) loaded.foreignRequests.push(req.url());
  });
  page.on('websocket', (ws) => loaded.foreignRequests.push(ws.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') loaded.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => loaded.pageErrors.push(err.message));
  await page.route('**/*', (route) => (isAllowed(route.request().url(), documentUrl) ? route.continue() : route.abort()));
  await page.goto(documentUrl, { waitUntil: 'load' });
  // Let anything deferred (a timer, a lazy image) have its chance to misbehave.
  await page.waitForTimeout(100);
  return loaded;
}

/**
 * Number of pages of a PDF written by Chromium: the page objects (`/Type /Page`, not `/Pages`),
 * cross-checked against the page tree's `/Count`.
 */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
    Number(m[1] ?? m[2]),
  );
  const root = counts.length ? Math.max(...counts) : pages;
  if (pages !== root) throw new Error(`PDF page objects (${pages}) disagree with the page tree /Count (${root})`);
  return pages;
}
