import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, previousMonth } from '../../functions/generator/index.js';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { getDataset } from '../../schemas/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKH = path.join(ROOT, 'bin', 'pkh.js');

/** The month the tests report on: last month, the generator's default end period. */
export const PERIOD = previousMonth(Date.now());

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/pkh.js <args>` as a person would, with the data folder in `dataDir` and no AWS
 * settings inherited from the machine.
 */
export function runPkh(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<CliRun> {
  const base = { ...process.env };
  for (const k of ['ATHENA_WORKGROUP', 'GLUE_DATABASE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete base[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PKH, ...args], {
      cwd: ROOT,
      env: { ...base, PKH_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/**
 * A small real lake in `dataDir`: the generator's data for `kabupaten` over `months` months
 * ending last month, ingested with the ingest core.
 */
export async function buildLake(dataDir: string, kabupaten: string, months: number): Promise<void> {
  const input = path.join(dataDir, 'input');
  const g = await generate({ kabupaten, months, outDir: input, invalidRate: 0.01 });
  const store = new FolderStore(dataDir);
  for (const d of DATASET_NAMES) {
    const file = g.files[d];
    const { size } = await stat(file);
    await ingestFile({
      dataset: getDataset(d),
      source: { key: `input/${d}.csv`, size, open: () => createReadStream(file) },
      store,
      limits: DEFAULT_CONFIG.limits,
    });
  }
  await rm(input, { recursive: true, force: true });
}

/** Every file under `dir`, relative to it, sorted ('/'-separated). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
