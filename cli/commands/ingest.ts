/**
 * `pkh ingest`: validates files and stores them in the local lake (`PKH_DATA_DIR`, default
 * `./.pkh`), with the same core as the ingest Lambda. One summary per file; a file that cannot
 * be read at all gets one error line and the others still go in.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isUserError, UserError } from '../../functions/lib/errors.js';
import { loadConfig } from '../../functions/lib/config.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { defaultDataDir } from '../../functions/lib/object-store/data-dir.js';
import { FolderStore } from '../../functions/lib/object-store/folder-store.js';
import { ensureCurrentLayout } from '../lake-migration.js';
import type { ObjectStore } from '../../functions/lib/object-store/types.js';
import { ingestFile, type IngestProgress, type IngestResult } from '../../functions/ingest/index.js';
import { getDataset, type Dataset } from '../../schemas/index.js';
import { parseFlags, usageError } from '../args.js';

export const HELP = `Penggunaan / Usage:
  pkh ingest --dataset <nama/name> [--config FILE] [--lang id|en] <berkas/file>...

Memvalidasi berkas CSV, JSONL atau XLSX dan menyimpannya sebagai Parquet di lake lokal
(PKH_DATA_DIR, bawaan ./.pkh). Baris yang ditolak masuk karantina beserta alasannya.
Validates CSV, JSONL or XLSX files and stores them as Parquet in the local lake
(PKH_DATA_DIR, default ./.pkh). Rejected rows go to the quarantine with their reasons.

Jika ada baris ditolak, buku kerja perbaikan (.xlsx) ditulis di samping karantina: sel yang salah
ditandai merah dengan alasannya; perbaiki lalu ingest lagi dengan dataset yang sama.
With rejected rows, a correction workbook (.xlsx) is written beside the quarantine: the failing
cells marked red with their reasons; fix it and ingest it again as the same dataset.

  --dataset NAME   ${DATASET_NAMES.join(' | ')}
  --config FILE    konfigurasi JSON (batas ukuran berkas dan baris) / JSON config (file and row limits)
  --lang id|en     bahasa buku kerja perbaikan (bawaan id) / language of the correction workbook (default id)
  -h, --help       bantuan ini / this help

Kode keluar / exit codes: 0 semua berkas diproses (termasuk baris yang ditolak) / every file
processed (rejected rows included); 1 ada berkas yang tidak dapat dibaca / a file could not be
read; 2 penggunaan salah / wrong usage.
Contoh / example: pkh ingest --dataset activity_log data/aktivitas-2026-01.csv`;

const OPTIONS = {
  dataset: { type: 'string' },
  config: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Worker threads for large CSV files; fixed (not the CPU count) so the objects written never depend on the machine. */
const INGEST_WORKERS = 2;

const nf = new Intl.NumberFormat('id-ID');
const nfEn = new Intl.NumberFormat('en-US');

function datasetFlag(name: string | undefined): Dataset {
  if (name === undefined || name.trim() === '') {
    throw usageError('ingest', `opsi --dataset wajib diisi (${DATASET_NAMES.join(', ')})`, `option --dataset is required (${DATASET_NAMES.join(', ')})`);
  }
  try {
    return getDataset(name);
  } catch (err) {
    if (isUserError(err)) throw new UserError(err.message, 'usage');
    throw err;
  }
}

/** An English count with its noun: "1 row", "2 rows" (Indonesian nouns have no plural form). */
function countEn(n: number, noun: string): string {
  return `${nfEn.format(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The summary of one file, Indonesian then English, e.g. for a person reading the terminal; the
 * quarantine and the correction workbook (where to fix the rejected rows) when there are any.
 */
export function summaryLines(file: string, r: IngestResult, quarantineWhere: string | undefined, workbookWhere?: string): string[] {
  const codes = Object.entries(r.rejected_by_code);
  const byCode = codes.length > 0 ? ` (${codes.map(([c, n]) => `${c}: ${nf.format(n)}`).join(', ')})` : '';
  const byCodeEn = codes.length > 0 ? ` (${codes.map(([c, n]) => `${c}: ${nfEn.format(n)}`).join(', ')})` : '';
  // Objects written, not Σ partitions' objects: the kabupaten of an unpartitioned dataset share them.
  const objects = r.objectKeys.length;
  const unknown = r.unknown_columns.length > 0 ? `; kolom tidak dikenal: ${r.unknown_columns.join(', ')}` : '';
  const unknownEn = r.unknown_columns.length > 0 ? `; unknown columns: ${r.unknown_columns.join(', ')}` : '';
  const lines = [
    `${file}: dibaca ${nf.format(r.rows_read)} baris, diterima ${nf.format(r.rows_accepted)}, ditolak ${nf.format(r.rows_rejected)}${byCode}; ` +
      `${nf.format(r.partitions.length)} partisi, ${nf.format(objects)} objek${unknown}`,
    `  read ${countEn(r.rows_read, 'row')}, accepted ${nfEn.format(r.rows_accepted)}, rejected ${nfEn.format(r.rows_rejected)}${byCodeEn}; ` +
      `${countEn(r.partitions.length, 'partition')}, ${countEn(objects, 'object')}${unknownEn}`,
  ];
  // A whole file rejected row by row (e.g. codes a spreadsheet changed) must not pass as a normal run.
  if (r.rows_accepted === 0 && r.rows_rejected > 0) {
    const [code, n] = codes.reduce((top, e) => (e[1] > top[1] ? e : top), codes[0]);
    lines.push(
      `  PERHATIAN: tidak ada baris yang diterima; ${nf.format(r.rows_rejected)} baris ditolak, terbanyak ${code} (${nf.format(n)}); periksa baris pertama di karantina / ` +
        `WARNING: no row was accepted; ${nfEn.format(r.rows_rejected)} rows rejected, mostly ${code} (${nfEn.format(n)}); check the first lines of the quarantine`,
    );
  }
  if (quarantineWhere) lines.push(`  karantina / quarantine: ${quarantineWhere}`);
  if (workbookWhere) lines.push(`  buku kerja perbaikan / correction workbook: ${workbookWhere}`);
  return lines;
}

function where(store: ObjectStore, key: string): string {
  return store.localPath ? store.localPath(key) : `${store.description}/${key}`;
}

/** Share of the bar the hashing pass takes: it reads the file too, but several times faster. */
const HASH_SHARE = 0.1;

/**
 * A one-line progress bar for stderr, one bar per file that only moves forward: hashing fills the
 * first 10 %, validating and storing the rest (a re-read after a fallback never moves it back).
 */
export function progressBar(file: string): (p: IngestProgress) => string {
  let shown = 0;
  return (p) => {
    const width = 24;
    const part = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : undefined;
    if (part !== undefined) shown = Math.max(shown, p.phase === 'hash' ? HASH_SHARE * part : HASH_SHARE + (1 - HASH_SHARE) * part);
    const bar = part === undefined ? '' : `[${'#'.repeat(Math.round(shown * width)).padEnd(width, '-')}] ${String(Math.floor(shown * 100)).padStart(3)}% `;
    const what = p.phase === 'hash' ? 'memeriksa isi / hashing' : `${nf.format(p.rows)} baris / ${countEn(p.rows, 'row')}`;
    const name = file.length > 40 ? `…${file.slice(-39)}` : file;
    return `\r${name} ${bar}${what}`.padEnd(100).slice(0, 100);
  };
}

/** The file as an ingest source; a missing file or a folder is the file's own error, not a crash. */
async function sourceOf(file: string) {
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    const reason = err.code === 'ENOENT' ? ['tidak ditemukan', 'not found'] : err.code === 'EACCES' ? ['tidak boleh dibaca', 'not readable'] : [err.code ?? 'error', err.code ?? 'error'];
    throw new UserError(`Berkas "${file}" ${reason[0]}; periksa path-nya / File "${file}" ${reason[1]}; check the path`, 'file_unreadable');
  });
  if (!info.isFile()) {
    throw new UserError(`"${file}" bukan berkas biasa (folder?); berikan path berkas / "${file}" is not a regular file (a folder?); pass a file path`, 'file_unreadable');
  }
  return { key: file, size: info.size, open: () => createReadStream(file, { highWaterMark: 1024 * 1024 }) };
}

/** Runs `pkh ingest`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags('ingest', args, OPTIONS, true);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dataset = datasetFlag(values.dataset);
  if (positionals.length === 0) throw usageError('ingest', 'berikan minimal satu berkas', 'give at least one file');
  const lang = values.lang ?? 'id';
  if (lang !== 'id' && lang !== 'en') throw usageError('ingest', `--lang harus id atau en, bukan "${lang}"`, `--lang must be id or en, not "${lang}"`);
  const config = await loadConfig(values.config);
  const dataDir = defaultDataDir();
  // New objects go into the current layout: an old-layout lake is moved first, never mixed.
  await ensureCurrentLayout(dataDir);
  const store = new FolderStore(dataDir);
  const tty = process.stderr.isTTY === true;

  let failed = 0;
  for (const given of positionals) {
    // The source identity is the normalised absolute path: `./a.csv` and `/abs/a.csv` are one
    // source, stored once (the same ids, the same keys), and a re-run replaces a dead attempt.
    const file = path.resolve(given).split(path.sep).join('/');
    try {
      const source = await sourceOf(file);
      const bar = progressBar(file);
      const result = await ingestFile({
        dataset,
        source,
        store,
        limits: config.limits,
        tuning: { workers: INGEST_WORKERS },
        lang,
        onProgress: tty ? (p) => process.stderr.write(bar(p)) : undefined,
      });
      if (tty) process.stderr.write(`\r${' '.repeat(100)}\r`);
      const lines = summaryLines(
        file,
        result,
        result.quarantineKey && where(store, result.quarantineKey),
        result.correctionKey && where(store, result.correctionKey),
      );
      for (const line of lines) console.log(line);
    } catch (err) {
      if (tty) process.stderr.write(`\r${' '.repeat(100)}\r`);
      if (!isUserError(err)) throw err;
      failed++;
      console.error(`pkh: ${err.message}`);
    }
  }
  if (positionals.length > 1) {
    const ok = positionals.length - failed;
    console.log(`${ok}/${positionals.length} berkas diproses / files processed; lake: ${store.root}`);
  }
  return failed > 0 ? 1 : 0;
}
