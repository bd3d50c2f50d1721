/**
 * Bundling under test: real esbuild bundles (local, no Docker), loaded by a plain `node` outside
 * the repository, so nothing resolves from node_modules — as in Lambda's /var/task.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { PkhFunction, WILAYAH_FILES } from '../../infra/constructs/pkh-function.js';
import { PantauPkhStack } from '../../infra/pantau-pkh-stack.js';

const BUNDLE_TIMEOUT_MS = 300_000;
const outdirs: string[] = [];

afterAll(() => {
  for (const d of outdirs) rmSync(d, { recursive: true, force: true });
});

/** Synthesizes with bundling on; returns the asset folder of every Lambda function by logical id. */
function synthWithBundling(build: (app: App) => Stack): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'pkh-bundle-'));
  outdirs.push(outdir);
  // The bundles are under test here, not the template: no CloudFormation schema validation (20 s a synth).
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true }, builtinCloudFormationValidation: false });
  const stack = build(app);
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, any> };
  const assets = new Map<string, string>();
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::Lambda::Function') assets.set(id, join(outdir, r.Metadata['aws:asset:path']));
  }
  return assets;
}

/** Imports the bundle in a fresh node process (cwd = the bundle folder) and runs `script` on it. */
function runBundle(assetDir: string, script: string): string {
  const url = pathToFileURL(join(assetDir, 'index.mjs')).href;
  try {
    return execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)});\n${script}`], {
      cwd: assetDir,
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'ap-southeast-3',
        // What /var/task/wilayah and /var/task/sql are in Lambda.
        PKH_WILAYAH_DIR: join(assetDir, 'wilayah'),
        PKH_SQL_DIR: join(assetDir, 'sql'),
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // Node echoes the offending (minified, megabyte-long) source line; keep the error itself.
    const stderr = String((err as { stderr?: string }).stderr ?? err);
    throw new Error(`bundle ${assetDir} failed: ${stderr.slice(-800)}`);
  }
}

describe('Lambda bundles (esbuild, ESM, local)', () => {
  it(
    'ship the wilayah CSVs, the .sql files and parquet-wasm, and run CommonJS dependencies in ESM',
    () => {
      // Prepare: one function whose entry touches every run-time file a handler may need.
      const assets = synthWithBundling((app) => {
        const stack = new Stack(app, 'BundleProbe');
        new PkhFunction(stack, 'Probe', {
          entry: 'test/infra/fixtures/bundle-probe.ts',
          service: 'probe',
          description: 'bundle probe',
          memorySize: 256,
          timeout: Duration.seconds(30),
          reservedConcurrency: 1,
        });
        return stack;
      });
      const [dir] = [...assets.values()];
      // Assess: files beside the bundle.
      expect(readdirSync(join(dir, 'wilayah')).sort()).toEqual([...WILAYAH_FILES].sort());
      expect(existsSync(join(dir, 'parquet_wasm_bg.wasm'))).toBe(true);
      expect(existsSync(join(dir, 'sql', 'roster_facilitators.sql'))).toBe(true);
      expect(existsSync(join(dir, 'node_modules'))).toBe(false);
      // Act: run the handler from the bundle alone.
      const out = JSON.parse(runBundle(dir, 'console.log(JSON.stringify(await m.handler()));'));
      // Assess
      expect(out).toEqual({ kabupaten: 514, sqlChars: expect.any(Number), parquetWasm: true, cp1252: '\u201cA\u201d', athena: true });
      expect(out.sqlChars).toBeGreaterThan(20);
    },
    BUNDLE_TIMEOUT_MS,
  );

  it(
    'bundles every handler of the stack so it loads with no node_modules and no static DuckDB import',
    () => {
      // Prepare
      const assets = synthWithBundling((app) => new PantauPkhStack(app, 'PantauPkhBundled'));
      expect(assets.size).toBe(4);
      for (const [id, dir] of assets) {
        const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
        // Assess: DuckDB is external (local engine only); a static import would fail at cold start.
        expect(code, id).not.toMatch(/(?:from|import)\s*["']@duckdb\//);
        // Files are shipped exactly when the code reads them.
        expect(existsSync(join(dir, 'wilayah')), `${id} wilayah`).toBe(code.includes('PKH_WILAYAH_DIR'));
        expect(existsSync(join(dir, 'parquet_wasm_bg.wasm')), `${id} wasm`).toBe(code.includes('parquet_wasm_bg.wasm'));
        expect(existsSync(join(dir, 'sql')), `${id} sql`).toBe(code.includes('PKH_SQL_DIR'));
        // Act / Assess: module evaluation succeeds and exports the handler.
        expect(runBundle(dir, 'console.log(typeof m.handler);').trim(), id).toBe('function');
      }
    },
    BUNDLE_TIMEOUT_MS,
  );
});
