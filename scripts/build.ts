/**
 * `npm run build` (also run by `npm install` / `npm ci` as `prepare`): compiles the CLI once into
 * `dist/`, so `pkh` starts without a TypeScript loader.
 *
 * - `dist/pkh.mjs` and its chunks: `cli/pkh.ts` bundled with esbuild; dependencies stay in
 *   node_modules (external), and every `import()` of a command or a heavy module becomes its own
 *   chunk, loaded only on the path that uses it.
 *   The public holidays of {@link BUILT_HOLIDAY_YEARS} are computed here, once, and written into
 *   the bundle (calendar.ts), so a report does not load date-holidays at every start.
 * - `dist/ingest-worker.mjs`: the ingest worker thread, beside the chunks (where
 *   `functions/ingest/parallel/pool.ts` looks for it when it runs from a bundle).
 * - `dist/build-info.json`: when the build started and the source files it read. `bin/pkh.js`
 *   runs the bundle only while none of them is newer, else the sources (through tsx).
 *
 * Written to a temporary folder and renamed into place, so a `pkh` starting meanwhile sees the
 * old bundle or the new one, never half of one.
 */
import { readFileSync } from 'node:fs';
import { rm, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WORKER_BUNDLE_FILE, workerBuildOptions } from '../functions/ingest/parallel/pool.js';
import { holidayTable } from '../functions/lib/public-holidays.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const BUILD_INFO_FILE = 'build-info.json';

/**
 * Years whose public holidays the bundle carries computed (calendar.ts), so that a report does
 * not load date-holidays; any other year is still computed by it, on first use.
 */
export const BUILT_HOLIDAY_YEARS = { from: 2020, to: 2040 } as const;

export interface BuildInfo {
  /** `Date.now()` when the build started: a source modified after it makes the bundle stale. */
  builtAt: number;
  /** Source files the bundle was made from, relative to the repository root, '/'-separated. */
  inputs: string[];
}

/**
 * Packages bundled into the CLI instead of loaded from node_modules at run time: zod's ESM build
 * is about 80 small modules that Node resolves, reads and links one by one at every start (most
 * of what loading it costs); bundled, it is part of one chunk. The same for the JavaScript of
 * `@duckdb/node-api` (about 100 CommonJS files; its native part, `@duckdb/node-bindings`, stays
 * outside): see {@link duckdbCompiledIn}.
 */
const BUNDLED_PACKAGES: readonly string[] = ['zod', '@duckdb/node-api'];

/** Every other dependency stays in node_modules (native modules, large optional ones). */
function externalPackages(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED_PACKAGES.includes(n));
  // The native part of DuckDB, a dependency of a bundled package: loaded from node_modules.
  return [...names.flatMap((n) => [n, `${n}/*`]), '@duckdb/node-bindings', '*.node'];
}

/**
 * duckdb-module.ts loads `@duckdb/node-api` with `require`, which esbuild leaves to run time;
 * in the bundle it becomes a static import, so the package's JavaScript is compiled in.
 */
const duckdbCompiledIn: esbuild.Plugin = {
  name: 'duckdb-compiled-in',
  setup(build) {
    build.onLoad({ filter: /[\\/]query-engine[\\/]duckdb-module\.ts$/ }, () => ({
      contents: "import * as api from '@duckdb/node-api';\nexport const duckdb = api;\n",
      loader: 'ts',
      resolveDir: path.join(ROOT, 'functions', 'lib', 'query-engine'),
    }));
  },
};

/**
 * Code of CommonJS packages compiled into the chunks calls `require` (for `@duckdb/node-bindings`,
 * the native module); an ES module has none, so each chunk makes one.
 */
const REQUIRE_BANNER = "import { createRequire as __pkhCreateRequire } from 'node:module';\nconst require = __pkhCreateRequire(import.meta.url);";

/** Builds the CLI bundle into `outDir` (default `dist/`); returns what it wrote in build-info.json. */
export async function buildCli(outDir: string = DIST): Promise<BuildInfo> {
  const builtAt = Date.now();
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const common = { absWorkingDir: ROOT, metafile: true, logLevel: 'warning' } as const;
  const cli = await esbuild.build({
    ...common,
    entryPoints: { pkh: 'cli/pkh.ts' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: externalPackages(),
    plugins: [duckdbCompiledIn],
    banner: { js: REQUIRE_BANNER },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the worker: pool.ts finds it relative to the chunk it is in.
    chunkNames: '[name]-[hash]',
    define: { PKH_BUILT_HOLIDAYS: JSON.stringify(holidayTable(BUILT_HOLIDAY_YEARS.from, BUILT_HOLIDAY_YEARS.to)) },
  });
  const worker = await esbuild.build({
    ...common,
    ...workerBuildOptions('functions/ingest/parallel/worker.ts'),
    outfile: path.join(tmp, WORKER_BUNDLE_FILE),
  });
  const inputs = [...new Set([...Object.keys(cli.metafile.inputs), ...Object.keys(worker.metafile.inputs)])]
    .filter((f) => !f.startsWith('node_modules/') && !f.includes(':'))
    .sort();
  const info: BuildInfo = { builtAt, inputs };
  await writeFile(path.join(tmp, BUILD_INFO_FILE), `${JSON.stringify(info, null, 1)}\n`);
  await rm(outDir, { recursive: true, force: true });
  await rename(tmp, outDir);
  return info;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildCli().then(
    (info) => console.log(`pkh: bundle dibuat / built in dist/ (${info.inputs.length} berkas sumber / source files, ${Date.now() - started} ms)`),
    (err: unknown) => {
      console.error(`pkh: build gagal / build failed: ${(err as Error).message}`);
      process.exitCode = 1;
    },
  );
}
