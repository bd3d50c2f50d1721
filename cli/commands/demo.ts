/**
 * `pkh demo` (behind `npm start`): the whole local pipeline on a realistic sample. Generates
 * Kutai Kartanegara (64.02) for 14 months ending last month with about 1% bad rows, ingests every
 * file with the real ingest core into a lake of its own in `<data dir>/demo`, writes the three
 * reports in all six formats for the last month, and prints a summary with the paths. It never
 * touches anything else in the data folder (SYSTEM.md "Command line"). Progress goes to stderr,
 * the summary to stdout.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, previousMonth } from '../../functions/generator/index.js';
import { ingestFile, type IngestResult } from '../../functions/ingest/index.js';
import { loadConfig, type PkhConfig } from '../../functions/lib/config.js';
import { UserError } from '../../functions/lib/errors.js';
import { DATASET_NAMES, JOURNAL_PREFIX, LAKE_PREFIX, MANIFEST_PREFIX, QUARANTINE_PREFIX, STAGING_PREFIX, type DatasetName } from '../../functions/lib/lake-layout.js';
import { defaultDataDir } from '../../functions/lib/object-store/data-dir.js';
import { FolderStore } from '../../functions/lib/object-store/folder-store.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/duckdb-engine.js';
import { getKabupaten, timeZoneOf } from '../../functions/lib/wilayah.js';
import { latestFinalPeriod } from '../../functions/report/reports/as-of.js';
import { REPORT_FORMATS } from '../../functions/report/render/index.js';
import type { RankingReport, SanctionsReport, ScorecardReport } from '../../functions/report/reports/types.js';
import { REPORT_NAMES, runReport, type AnyReport } from '../../functions/report/run-report.js';
import { DUCKDB_TABLES, getDataset } from '../../schemas/index.js';
import { parseFlags } from '../args.js';
import { summaryLines } from './ingest.js';

/** The sample: one real kabupaten, 14 months (so P−12 exists), a little bad data. */
export const DEMO = Object.freeze({
  kabupaten: '64.02',
  months: 14,
  invalidRate: 0.01,
  seed: 1,
  /** Example budget for the ranking's allocation: Rp 6 miliar at Rp 3 juta per household. */
  budget: 6_000_000_000,
  unitCost: 3_000_000,
});

export const HELP = `Penggunaan / Usage:
  pkh demo

Contoh lengkap tanpa AWS: membuat data sintetis Kabupaten Kutai Kartanegara (64.02) selama
${DEMO.months} bulan sampai bulan lalu (±1% baris salah), memasukkannya ke lake lokal, lalu menulis
ketiga laporan (json, csv, xlsx, html) untuk bulan terakhir yang laporannya sudah final (lewat
tenggat tanggal 5 bulan berikutnya).
Full sample run without AWS: generates Kutai Kartanegara (64.02) for ${DEMO.months} months up to last
month (about 1% bad rows), ingests it into the local lake and writes the three reports (json, csv,
xlsx, html) for the latest month whose report is final (past its deadline, the 5th of the next month).

Folder demo / demo folder: <PKH_DATA_DIR>/demo (bawaan / default ./.pkh/demo)
  input/        berkas CSV contoh / the sample CSV files
  lake/, manifests/, quarantine/, reports/
                lake dan laporan demo; dikosongkan dulu agar hasilnya bersih
                the demo's own lake and reports; emptied first so each run is clean
  Data Anda di luar folder demo tidak pernah disentuh.
  Your data outside the demo folder is never touched.

  -h, --help    bantuan ini / this help`;

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

const nf = new Intl.NumberFormat('id-ID');
const nf1 = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const rupiah = (n: number) => `Rp ${nf.format(n)}`;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Marks a folder as made by the demo: only such a folder (or an empty one) is ever emptied. */
const DEMO_MARKER = '.pkh-demo';
/** What the demo writes into its folder; nothing else there is removed. */
const DEMO_ENTRIES = [DEMO_MARKER, 'input', LAKE_PREFIX, MANIFEST_PREFIX, QUARANTINE_PREFIX, 'reports', JOURNAL_PREFIX, STAGING_PREFIX];

/**
 * Empties the demo folder (`<data dir>/demo`) of what an earlier demo wrote there, and marks it
 * as the demo's. A folder of that name that the demo did not make (no marker, and holding
 * anything but an older demo's `input/`) is refused with a UserError: nothing is removed.
 */
export async function clearDemoOutputs(demoDir: string): Promise<void> {
  const root = path.resolve(demoDir);
  const present = await readdir(root).catch(() => [] as string[]);
  const ours = present.includes(DEMO_MARKER) || present.every((name) => name === 'input');
  if (!ours) {
    throw new UserError(
      `Folder ${root} bukan folder demo (berisi berkas lain); pindahkan isinya atau atur PKH_DATA_DIR ke folder lain / ` +
        `${root} is not a demo folder (it holds other files); move them away or set PKH_DATA_DIR to another folder`,
      'demo_folder_taken',
    );
  }
  for (const name of DEMO_ENTRIES) await rm(path.join(root, name), { recursive: true, force: true });
}

async function ingestDataset(dataset: DatasetName, file: string, dataDir: string, store: FolderStore, now: number, config: PkhConfig): Promise<IngestResult> {
  const { size } = await stat(file);
  // The source key is the file's place in the data folder: the same on every machine.
  const key = path.relative(dataDir, file).split(path.sep).join('/');
  return ingestFile({
    dataset: getDataset(dataset),
    source: { key, size, open: () => createReadStream(file, { highWaterMark: 1024 * 1024 }) },
    store,
    now,
    limits: config.limits,
    // As `pkh ingest`: two worker threads for the large CSV files.
    tuning: { workers: 2 },
  });
}

/** A path relative to the working folder when it is inside it, else absolute. */
function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function scorecardHeadline(r: ScorecardReport): string[] {
  const ranked = [...r.kecamatan].sort((a, b) => a.rank - b.rank);
  const top = ranked[0];
  const bottom = ranked.at(-1);
  const score = (s: number | null) => (s === null ? '–' : nf1.format(s));
  return [
    `skor total / total score ${score(r.total.score)}; ` +
      `tertinggi / top: ${top ? `${top.kecamatan_name} (${score(top.score)})` : '–'}; ` +
      `terendah / bottom: ${bottom ? `${bottom.kecamatan_name} (${score(bottom.score)})` : '–'}`,
  ];
}

function sanctionsHeadline(r: SanctionsReport): string[] {
  const levels = new Map<string, number>();
  for (const level of r.config.sanction_ladder) levels.set(level, 0);
  for (const f of r.facilitators) levels.set(f.sanction_level, (levels.get(f.sanction_level) ?? 0) + 1);
  const byLevel = [...levels].map(([level, n]) => `${level} ${nf.format(n)}`).join(', ');
  return [
    `pendamping wajib lapor / expected ${nf.format(r.expected_count)}, rendah / low ${nf.format(r.low_count)}: ${byLevel}`,
  ];
}

function rankingHeadline(r: RankingReport): string[] {
  const first = r.kecamatan.filter((k) => k.tier === 'prioritas_1').map((k) => k.kecamatan_name);
  const lines = [`prioritas_1: ${first.length > 0 ? first.join(', ') : '–'}`];
  const a = r.allocation;
  if (a) {
    lines.push(
      `anggaran / budget ${rupiah(a.budget)} ÷ ${rupiah(a.unit_cost)} per RT/household: ` +
        `didanai / funded ${nf.format(a.households_funded)} RT (${rupiah(a.rupiah_used)}), ` +
        `sisa untuk CSR / left for CSR ${nf.format(a.csr_households)} RT`,
    );
  }
  return lines;
}

function headline(r: AnyReport): string[] {
  return r.report === 'scorecard' ? scorecardHeadline(r) : r.report === 'sanctions' ? sanctionsHeadline(r) : rankingHeadline(r);
}

/** Runs `pkh demo`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags('demo', args, OPTIONS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const started = Date.now();
  const now = started;
  // The demo's own folder: its lake, manifests, quarantine and reports live there, nowhere else.
  const dataDir = path.join(path.resolve(defaultDataDir()), 'demo');
  const inputDir = path.join(dataDir, 'input');
  const dataEnd = previousMonth(now);
  const kabupaten = getKabupaten(DEMO.kabupaten)!;
  const elapsed = () => `${nf1.format((Date.now() - started) / 1000)} s`;
  // Each step reports its own time when it ends (not the time since the start).
  let stepStarted = started;
  const stepDone = () => {
    const at = Date.now();
    progress(`      langkah selesai dalam / step done in ${nf1.format((at - stepStarted) / 1000)} s`);
    stepStarted = at;
  };

  progress(`[1/4] Membersihkan hasil demo sebelumnya / clearing the previous demo output in ${dataDir} (hanya folder demo / the demo folder only)`);
  await clearDemoOutputs(dataDir);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, DEMO_MARKER), 'Dibuat oleh pkh demo / made by pkh demo\n');
  stepDone();

  progress(`[2/4] Membuat data contoh / generating sample data: ${kabupaten.name} (${DEMO.kabupaten}), ${DEMO.months} bulan/months → ${inputDir}`);
  const generated = await generate({
    kabupaten: DEMO.kabupaten,
    months: DEMO.months,
    endPeriod: dataEnd,
    seed: DEMO.seed,
    invalidRate: DEMO.invalidRate,
    outDir: inputDir,
    now,
  });

  stepDone();

  progress('[3/4] Memasukkan ke lake / ingesting into the lake');
  const store = new FolderStore(dataDir);
  const config = await loadConfig();
  // The latest month whose report is final now (last month only after its deadline, day 5, and grace).
  const period = latestFinalPeriod(now, timeZoneOf(DEMO.kabupaten), config);
  const ingested = new Map<DatasetName, IngestResult>();
  for (const dataset of DATASET_NAMES) {
    const file = generated.files[dataset];
    const result = await ingestDataset(dataset, file, dataDir, store, now, config);
    ingested.set(dataset, result);
    const where = result.quarantineKey && store.localPath(result.quarantineKey);
    const workbook = result.correctionKey && store.localPath(result.correctionKey);
    for (const line of summaryLines(shortPath(file), result, where, workbook)) progress(`      ${line}`);
  }

  stepDone();

  progress(`[4/4] Menulis laporan / writing reports for ${period}: bulan terakhir yang sudah final / the latest month whose report is final`);
  const reportsDir = path.join(dataDir, 'reports');
  const out = new FolderStore(reportsDir);
  const engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: dataDir });
  const reports: { report: AnyReport; files: string[] }[] = [];
  try {
    for (const report of REPORT_NAMES) {
      const budget = report === 'ranking' ? { budget: DEMO.budget, unitCost: DEMO.unitCost } : {};
      const result = await runReport({ report, kabupaten: DEMO.kabupaten, period, engine, config, out, formats: REPORT_FORMATS, lang: 'id', now, ...budget });
      reports.push({ report: result.report, files: result.keys.map((k) => out.localPath(k)) });
    }
  } finally {
    await engine.close();
  }
  stepDone();

  const lines: string[] = [];
  lines.push(
    `Pantau PKH — contoh / demo: ${kabupaten.name} (${DEMO.kabupaten}), data ${generated.periods[0]}..${generated.periods.at(-1)}, laporan / reports ${period}`,
  );
  lines.push(`Folder demo / demo folder: ${dataDir}`);
  lines.push('');
  const w = Math.max(...DATASET_NAMES.map((d) => d.length));
  lines.push(`  ${pad('dataset', w)}  ${pad('dibaca/read', 12, true)}  ${pad('diterima/accepted', 17, true)}  ${pad('ditolak/rejected', 16, true)}`);
  for (const [dataset, r] of ingested) {
    lines.push(`  ${pad(dataset, w)}  ${pad(nf.format(r.rows_read), 12, true)}  ${pad(nf.format(r.rows_accepted), 17, true)}  ${pad(nf.format(r.rows_rejected), 16, true)}`);
  }
  lines.push('');
  lines.push(`Laporan / reports (${period}, final: bulan terakhir yang laporannya sudah final / the latest month whose report is final):`);
  for (const { report } of reports) {
    const [first, ...rest] = headline(report);
    lines.push(`  ${pad(report.report, 10)} ${first}`);
    for (const line of rest) lines.push(`  ${pad('', 10)} ${line}`);
  }
  lines.push('');
  lines.push('Berkas / files:');
  for (const { files } of reports) for (const f of files) lines.push(`  ${f}`);
  lines.push('');
  // The index lists every report: what to print (PDF), to forward (TXT), to open in Excel (XLSX).
  lines.push(`Daftar semua laporan / all reports: ${pathToFileURL(path.join(reportsDir, 'index.html')).href}`);
  lines.push(`Selesai dalam / done in ${elapsed()}`);
  console.log(lines.join('\n'));
  return 0;
}
