/**
 * The project's one way to start headless Chromium (the `pdf` output, the browser tests).
 *
 * Where the browser comes from, first match wins:
 * 1. `PKH_CHROMIUM`: a Chromium the user installed (e.g. Debian's `/usr/bin/chromium`).
 * 2. The npm package `@sparticuz/chromium` (a headless Chromium shipped inside the package, so
 *    `npm install` is all a fresh machine needs). It is built for Linux x64 only. In Lambda its
 *    own `executablePath()` unpacks it to /tmp with the libraries and fonts Amazon Linux lacks;
 *    elsewhere it is unpacked once into a cache folder of its own (`PKH_CHROMIUM_CACHE`, default
 *    `<tmp>/pkh-chromium-<version>`), written under a temporary name and renamed, so parallel
 *    test workers never start a half-written binary.
 * playwright-core drives it. Both are imported here only, and this module is imported only on the
 * paths that need a browser.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, constants, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { UserError } from '../../lib/errors.js';

const PACKAGE = '@sparticuz/chromium';

/** Flags for a browser that only renders our own files: nothing phones home. */
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Which Chromium will run, and from where (shown in test output and errors). */
export interface ChromiumExecutable {
  path: string;
  /** `PKH_CHROMIUM` or `npm @sparticuz/chromium <version>`. */
  source: string;
  args: string[];
}

const inLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

function noBrowser(what: string): UserError {
  return new UserError(
    `Chromium tidak tersedia: ${what}; set PKH_CHROMIUM ke program Chromium (mis. /usr/bin/chromium) / ` +
      `Chromium is not available: ${what}; set PKH_CHROMIUM to a Chromium program (e.g. /usr/bin/chromium)`,
    'no_chromium',
  );
}

/** Folder of the npm package's compressed browser (`bin/chromium.br`) and its version. */
async function npmPackage(): Promise<{ binDir: string; version: string }> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    throw noBrowser(`paket npm ${PACKAGE} tidak terpasang (jalankan npm install) / the npm package ${PACKAGE} is not installed (run npm install)`);
  }
  // build/cjs/index.cjs → the package root.
  const root = join(dirname(entry), '..', '..');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  return { binDir: join(root, 'bin'), version };
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Unpacks `chromium.br` into `dir` once; concurrent callers each write their own temp file and rename. */
async function unpackOnce(binDir: string, dir: string): Promise<string> {
  const target = join(dir, 'chromium');
  if (await isExecutable(target)) return target;
  await mkdir(dir, { recursive: true });
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await pipeline(createReadStream(join(binDir, 'chromium.br')), createBrotliDecompress({ chunkSize: 2 ** 21 }), createWriteStream(temp));
    await chmod(temp, 0o755);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}

/**
 * The Chromium to run: `PKH_CHROMIUM`, or the npm package's browser unpacked (Linux x64).
 * Throws one clear line when neither is usable.
 */
export async function chromiumExecutable(): Promise<ChromiumExecutable> {
  const chosen = process.env.PKH_CHROMIUM;
  if (chosen) {
    if (!(await isExecutable(chosen))) throw noBrowser(`PKH_CHROMIUM=${chosen} bukan program yang bisa dijalankan / is not an executable program`);
    return { path: chosen, source: 'PKH_CHROMIUM', args: QUIET_ARGS };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw noBrowser(`paket ${PACKAGE} hanya untuk Linux x64, ini ${process.platform} ${process.arch} / ${PACKAGE} ships Linux x64 only, this is ${process.platform} ${process.arch}`);
  }
  const { binDir, version } = await npmPackage();
  const source = `npm ${PACKAGE} ${version}`;
  if (inLambda()) {
    const { default: Sparticuz } = await import('@sparticuz/chromium');
    Sparticuz.setGraphicsMode = false;
    return { path: await Sparticuz.executablePath(binDir), source, args: [...Sparticuz.args, ...QUIET_ARGS] };
  }
  const dir = process.env.PKH_CHROMIUM_CACHE ?? join(tmpdir(), `pkh-chromium-${version}`);
  return { path: await unpackOnce(binDir, dir), source, args: QUIET_ARGS };
}

/** A running headless Chromium and where it came from. */
export interface LaunchedChromium {
  browser: Browser;
  executable: ChromiumExecutable;
}

/**
 * Starts headless Chromium (the only mode that prints PDFs). Close `browser` when done.
 *
 * @example
 * const { browser } = await launchChromium();
 * try { const page = await browser.newPage(); … } finally { await browser.close(); }
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const executable = await chromiumExecutable();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: executable.path, args: executable.args, headless: true });
  return { browser, executable };
}
