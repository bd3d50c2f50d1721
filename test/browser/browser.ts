/**
 * Headless Chromium for the report checks: Debian's `chromium` driven by playwright-core, with
 * every request that is not the document itself recorded and aborted, and console errors and
 * page errors collected.
 */
import { access, constants } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where CI (`.ci/run`) installs Chromium; `PKH_CHROMIUM` points elsewhere on other systems. */
export const CHROMIUM_PATH = process.env.PKH_CHROMIUM ?? '/usr/bin/chromium';

/** Set to 1 by developers without Chromium; CI never sets it. */
export const SKIP_BROWSER = process.env.PKH_SKIP_BROWSER === '1';

const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium, or throws one clear line saying how to install it or opt out. */
export async function launchChromium(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium tidak ada di ${CHROMIUM_PATH}; pasang dengan "apt-get install chromium" (CI: .ci/run) atau set PKH_SKIP_BROWSER=1 / ` +
        `Chromium not found at ${CHROMIUM_PATH}; install it with "apt-get install chromium" (CI: .ci/run) or set PKH_SKIP_BROWSER=1`,
    );
  }
  // Headless (the default) is also the only mode in which page.pdf works.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
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
