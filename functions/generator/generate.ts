/**
 * `generate()`: writes every dataset for a set of kabupaten into a folder, kabupaten by
 * kabupaten, streaming (memory stays bounded at national scale: one kabupaten plan at a time).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorCode } from '../../schemas/messages.js';
import { UserError } from '../lib/errors.js';
import { DATASET_NAMES, type DatasetName } from '../lib/lake-layout.js';
import { headerOf, textColumnsOf } from './columns.js';
import { makeContext, resolveKabupaten, type OutputFormat, type SplitMode } from './options.js';
import { worldRows } from './rows.js';
import { buildWorld } from './world.js';
import { RowFileWriter } from './writer.js';

export interface GenerateOptions {
  /** Kabupaten codes (`64.02`), province codes (`64`) or `all`; a string may list several, comma separated. */
  kabupaten: string | readonly string[];
  months: number;
  /** Last month generated, `YYYY-MM`; default the month before the current one. */
  endPeriod?: string;
  /** Default 1. */
  seed?: number;
  /** Share of rows made invalid, 0–1; default 0. */
  invalidRate?: number;
  outDir: string;
  /** Default `csv`. */
  format?: OutputFormat;
  /** Default `none` (one file per dataset); `kabupaten`: one file per dataset and kabupaten. */
  split?: SplitMode;
  /** The real "now" in epoch ms (default `Date.now()`); nothing after it is generated. */
  now?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  kabupatenDone: number;
  kabupatenTotal: number;
  kabupatenCode: string;
  rows: number;
  elapsedMs: number;
}

export interface GenerateResult {
  /** Per dataset: its file (split `none`) or its folder (split `kabupaten`). */
  files: Record<DatasetName, string>;
  /** Per dataset: every file written. */
  fileList: Record<DatasetName, string[]>;
  rows: Record<DatasetName, number>;
  invalidRows: Record<DatasetName, number>;
  /** Per dataset: invalid rows by the error code they were built to earn. */
  invalidByCode: Record<DatasetName, Partial<Record<ErrorCode, number>>>;
  kabupaten: string[];
  periods: string[];
  elapsedMs: number;
}

function outputError(path: string, err: unknown): UserError {
  const reason = (err as NodeJS.ErrnoException).code ?? String(err);
  return new UserError(
    `Tidak bisa menulis ${path} (${reason}); pilih folder --out yang bisa ditulis / Cannot write ${path} (${reason}); choose a writable --out folder`,
    'output_not_writable',
  );
}

async function makeDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (err) {
    throw outputError(path, err);
  }
}

/** Progress is also reported inside a big kabupaten, every this many rows. */
const PROGRESS_EVERY_ROWS = 250_000;

function perDataset<T>(make: (d: DatasetName) => T): Record<DatasetName, T> {
  return Object.fromEntries(DATASET_NAMES.map((d) => [d, make(d)])) as Record<DatasetName, T>;
}

/**
 * Generates the five datasets into `outDir`: `roster.csv`, `monthly_report.csv`,
 * `activity_log.csv`, `disbursement.csv`, `kecamatan_profile.csv` (or `.jsonl`); with
 * `split: 'kabupaten'`, `<dataset>/<dataset>-<NN.NN>.csv` instead.
 *
 * @example
 * const r = await generate({ kabupaten: '64.02', months: 14, endPeriod: '2026-10', outDir: 'out' });
 * console.log(r.files.activity_log, r.rows.activity_log);
 */
export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const ctx = makeContext(opts);
  const kabupaten = resolveKabupaten(opts.kabupaten);
  const format = opts.format ?? 'csv';
  const split = opts.split ?? 'none';
  const ext = format === 'csv' ? 'csv' : 'jsonl';
  await makeDir(opts.outDir);

  const files = perDataset((d) => (split === 'none' ? join(opts.outDir, `${d}.${ext}`) : join(opts.outDir, d)));
  const fileList = perDataset<string[]>(() => []);
  const rows = perDataset(() => 0);
  const invalidRows = perDataset(() => 0);
  const invalidByCode = perDataset<Partial<Record<ErrorCode, number>>>(() => ({}));
  const headers = perDataset(headerOf);
  const text = perDataset(textColumnsOf);

  const shared = new Map<DatasetName, RowFileWriter>();
  const open = async (d: DatasetName, path: string) => {
    fileList[d].push(path);
    return RowFileWriter.open(path, headers[d], format, text[d]).catch((err: unknown) => {
      throw outputError(path, err);
    });
  };
  if (split === 'none') {
    for (const d of DATASET_NAMES) shared.set(d, await open(d, files[d]));
  } else {
    for (const d of DATASET_NAMES) await makeDir(files[d]);
  }

  let total = 0;
  let sinceProgress = 0;
  const progress = (done: number, code: string) =>
    opts.onProgress?.({ kabupatenDone: done, kabupatenTotal: kabupaten.length, kabupatenCode: code, rows: total, elapsedMs: Date.now() - started });
  try {
    for (let i = 0; i < kabupaten.length; i++) {
      const code = kabupaten[i];
      const world = buildWorld(code, ctx);
      for (const d of DATASET_NAMES) {
        const writer = shared.get(d) ?? (await open(d, join(files[d], `${d}-${code}.${ext}`)));
        const byCode = invalidByCode[d];
        try {
          for (const row of worldRows(d, world)) {
            const wait = writer.push(row.cells, row.invalid !== null);
            if (wait) await wait;
            rows[d]++;
            total++;
            if (++sinceProgress === PROGRESS_EVERY_ROWS) {
              sinceProgress = 0;
              progress(i, code);
            }
            if (row.invalid) {
              invalidRows[d]++;
              byCode[row.invalid] = (byCode[row.invalid] ?? 0) + 1;
            }
          }
        } finally {
          if (!shared.has(d)) await writer.close();
        }
      }
      progress(i + 1, code);
    }
  } finally {
    await Promise.allSettled([...shared.values()].map((w) => w.close()));
  }
  return { files, fileList, rows, invalidRows, invalidByCode, kabupaten, periods: ctx.periods, elapsedMs: Date.now() - started };
}
