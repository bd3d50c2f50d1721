import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const wasmFile = createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');

// What a Lambda handler does: encode a few rows and report the size and magic bytes.
const ENTRY = `
import { encodeParquet } from './functions/lib/parquet/index.js';
const bytes = encodeParquet([{ name: 'kabupaten_code', type: 'string' }, { name: 'day', type: 'date' }],
  [{ kabupaten_code: '33.10', day: '2026-01-31' }]);
console.log(JSON.stringify({ size: bytes.length, magic: Buffer.from(bytes.subarray(0, 4)).toString() }));
`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function bundle(format: 'esm' | 'cjs', withWasm: boolean): Promise<string> {
  // Outside the repository, so node_modules cannot be found by walking up.
  const dir = mkdtempSync(path.join(tmpdir(), 'pkh-bundle-'));
  dirs.push(dir);
  const outfile = path.join(dir, format === 'esm' ? 'index.mjs' : 'index.js');
  await build({
    stdin: { contents: ENTRY, resolveDir: repo, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outfile,
    logLevel: 'silent',
  });
  if (withWasm) copyFileSync(wasmFile, path.join(dir, 'parquet_wasm_bg.wasm'));
  return outfile;
}

describe('parquet writer bundled by esbuild (as for a Lambda)', () => {
  it.each(['esm', 'cjs'] as const)('%s bundle finds parquet_wasm_bg.wasm next to itself and writes Parquet', async (format) => {
    // Prepare
    const outfile = await bundle(format, true);

    // Act
    const { stdout } = await run(process.execPath, [outfile], { cwd: path.dirname(outfile), env: { PATH: process.env.PATH } });

    // Assess
    const result = JSON.parse(stdout);
    expect(result.magic).toBe('PAR1');
    expect(result.size).toBeGreaterThan(100);
  });

  it('bundle without the .wasm fails with an error saying what to copy', async () => {
    // Prepare
    const outfile = await bundle('esm', false);

    // Act
    const failure = await run(process.execPath, [outfile], { cwd: path.dirname(outfile), env: { PATH: process.env.PATH } }).then(
      () => undefined,
      (err: { stderr: string }) => err,
    );

    // Assess
    expect(failure?.stderr).toMatch(/parquet_wasm_bg\.wasm not found .*copy node_modules\/parquet-wasm\/esm\/parquet_wasm_bg\.wasm next to the bundle or set PKH_PARQUET_WASM/);
  });

  it('PKH_PARQUET_WASM points a bundle at the binary elsewhere', async () => {
    // Prepare
    const outfile = await bundle('esm', false);

    // Act
    const { stdout } = await run(process.execPath, [outfile], {
      cwd: path.dirname(outfile),
      env: { PATH: process.env.PATH, PKH_PARQUET_WASM: wasmFile },
    });

    // Assess
    expect(JSON.parse(stdout).magic).toBe('PAR1');
  });
});
