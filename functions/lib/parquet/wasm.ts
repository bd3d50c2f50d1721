import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as parquetWasm from 'parquet-wasm/esm';

/** File name of the parquet-wasm binary; a Lambda bundle ships it next to its `index.mjs`. */
export const PARQUET_WASM_FILE = 'parquet_wasm_bg.wasm';

let ready = false;

/**
 * Where the parquet-wasm binary is, first match wins:
 * 1. `PKH_PARQUET_WASM` (a file path), 2. next to this module (an esbuild bundle with the .wasm
 * copied beside it), 3. the installed `parquet-wasm` package.
 * No fetch and no network: the ESM build's default loader would fetch, so we read the file.
 */
export function parquetWasmCandidates(): string[] {
  const out: string[] = [];
  if (process.env.PKH_PARQUET_WASM) out.push(process.env.PKH_PARQUET_WASM);
  const here = moduleDir();
  if (here) out.push(path.join(here, PARQUET_WASM_FILE));
  try {
    const base = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
    out.push(createRequire(base).resolve(`parquet-wasm/esm/${PARQUET_WASM_FILE}`));
  } catch {
    // Not installed (a bundle without node_modules): the candidates above must do.
  }
  return out;
}

function moduleDir(): string | undefined {
  // In a CommonJS bundle import.meta.url is empty and __dirname is set; in ESM the reverse.
  if (typeof __dirname === 'string') return __dirname;
  const url = import.meta.url;
  return url ? path.dirname(fileURLToPath(url)) : undefined;
}

/** Instantiates parquet-wasm once per thread (synchronously) and returns its exports. */
export function loadParquetWasm(): typeof parquetWasm {
  if (ready) return parquetWasm;
  const candidates = parquetWasmCandidates();
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `parquet-wasm binary ${PARQUET_WASM_FILE} not found (looked in: ${candidates.join(', ')}); ` +
        'copy node_modules/parquet-wasm/esm/parquet_wasm_bg.wasm next to the bundle or set PKH_PARQUET_WASM',
    );
  }
  parquetWasm.initSync({ module: readFileSync(found) });
  ready = true;
  return parquetWasm;
}
