import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { generate, previousMonth } from '../../functions/generator/index.js';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { getDataset } from '../../schemas/index.js';

export { PKH, ROOT, runPkh, runPkhInProcess, type CliRun } from '../support/cli.js';
export { tempDir } from '../support/temp.js';

/** The month the tests report on: last month, the generator's default end period. */
export const PERIOD = previousMonth(Date.now());

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
