/**
 * `pkh report`: one report (scorecard, sanctions or ranking) for one kabupaten and period, from
 * the local lake (DuckDB) or from Athena, written in the formats asked (REPORTS.md "Outputs").
 * The work is `runReport`, the same core as the report Lambda; this file only reads flags.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { isUserError, UserError } from '../../functions/lib/errors.js';
import { DATASET_NAMES, LAKE_PREFIX, partitionedByKabupaten } from '../../functions/lib/lake-layout.js';
import { defaultDataDir } from '../../functions/lib/object-store/data-dir.js';
import type { ObjectStore, PutOptions } from '../../functions/lib/object-store/types.js';
import type { QueryEngine } from '../../functions/lib/query-engine/types.js';
import type { RunReportResult } from '../../functions/report/run-report.js';
import { parseFlags, usageError } from '../args.js';
import { ensureCurrentLayout } from '../lake-migration.js';

export const HELP = `Penggunaan / Usage:
  pkh report <scorecard|sanctions|ranking> --kabupaten NN.NN --period YYYY-MM [--as-of WAKTU] [opsi / options]
  pkh report <scorecard|sanctions> --region R --period YYYY-MM [--as-of WAKTU] [opsi / options]

Membuat satu laporan untuk satu kabupaten dan satu bulan dari lake lokal (PKH_DATA_DIR, bawaan
./.pkh) dan menulis <laporan>/<K>/<P>/<nama>.<ext> (mis. kartu-kinerja-64.02-2026-10.pdf) serta
index.html di folder keluaran, lalu mencetak path-nya.
Writes one report for one kabupaten and month from the local lake (PKH_DATA_DIR, default ./.pkh)
as <report>/<K>/<P>/<name>.<ext> (e.g. scorecard-64.02-2026-10.pdf with --lang en) plus
index.html under the output folder, and prints the paths.

  scorecard           kartu kinerja koordinasi / coordination scorecard
  sanctions           daftar sanksi pelaporan / low-reporting sanctions list
  ranking             prioritas kecamatan / poverty-focus ranking

  --kabupaten NN.NN   kode kabupaten Kemendagri, mis. 64.02 / Kemendagri kabupaten code
  --region R          wilayah / region: kode provinsi / province code NN, daftar kode kabupaten /
                      list of kabupaten codes 33.07,33.08, nama di / name in "regions" (--config), all
  --period YYYY-MM    bulan laporan, bukan di masa depan / report month, not in the future
  --as-of WAKTU       laporan per waktu ini (bawaan: sekarang), mis. 2026-11-06T08:00 (waktu
                      setempat kabupaten) atau 2026-11-06T08:00+07:00; kiriman setelahnya
                      diabaikan / the report as of this instant (default: now), without an
                      offset in the kabupaten's local time; rows submitted later are left out;
                      dengan --region zona wajib / with --region an offset is required
  --format LIST       json,csv,xlsx,html,pdf,txt (bawaan: semuanya / default: all six);
                      pdf = untuk dicetak / to print, txt = ringkasan WhatsApp / WhatsApp summary
  --out DIR           folder keluaran (bawaan <PKH_DATA_DIR>/reports); "-" dengan --format json atau
                      txt mencetak ke stdout / output folder; "-" with --format json or txt prints it
  --lang id|en        bahasa label dan nama berkas (bawaan id) / language of labels and file names (default id)
  --engine E          duckdb (bawaan, lake lokal / default, local lake) atau/or athena
                      (butuh/needs ATHENA_WORKGROUP, GLUE_DATABASE, AWS_REGION)
  --config FILE       konfigurasi JSON (ambang, bobot, tangga sanksi, ...) / JSON config
  --budget RP         hanya ranking: anggaran dalam rupiah, mis. 2.500.000.000 / ranking only: budget in rupiah
  --unit-cost RP      hanya ranking: biaya per rumah tangga, mis. 3.000.000 / ranking only: cost per household
                      (--budget dan --unit-cost berpasangan / come together)
  -h, --help          bantuan ini / this help

Kode keluar / exit codes: 0 laporan ditulis / report written; 1 gagal saat berjalan (konfigurasi,
Athena, penulisan) / failed while running (config, Athena, writing); 2 penggunaan salah / wrong usage.
Contoh / examples:
  pkh report scorecard --kabupaten 64.02 --period 2026-10
  pkh report sanctions --kabupaten 64.02 --period 2026-11 --as-of 2026-12-06T08:00
  pkh report ranking --kabupaten 64.02 --period 2026-10 --budget 2.500.000.000 --unit-cost 3.000.000
  pkh report sanctions --kabupaten 64.02 --period 2026-10 --format json --out - > sanksi.json
  pkh report scorecard --region 33 --period 2026-10
  pkh report sanctions --region jateng-2 --period 2026-10 --config pkh.json
  pkh report scorecard --kabupaten 64.02 --period 2026-10 --format txt --out -`;

const OPTIONS = {
  kabupaten: { type: 'string' },
  region: { type: 'string' },
  period: { type: 'string' },
  'as-of': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  engine: { type: 'string' },
  config: { type: 'string' },
  budget: { type: 'string' },
  'unit-cost': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type ReportFlags = ReturnType<typeof parseFlags<typeof OPTIONS>>['values'];

/** Reports go here unless `--out` says otherwise: `<data dir>/reports`. */
export function defaultReportsDir(dataDir: string): string {
  return path.join(dataDir, 'reports');
}

/**
 * A rupiah amount from a flag: digits, optionally grouped by thousands with `.` (Indonesian,
 * `1.250.000`), `,` or `_`; at least 1. Returns undefined for anything else.
 *
 * @example parseRupiah('2.500.000.000') // 2500000000
 */
export function parseRupiah(text: string): number | undefined {
  const t = text.trim().replace(/^rp\.?\s*/i, '');
  if (!/^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+|\d{1,3}(_\d{3})+)$/.test(t)) return undefined;
  const n = Number(t.replace(/[.,_]/g, ''));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw usageError('report', `opsi --${name} wajib diisi`, `option --${name} is required`);
  return value.trim();
}

function reportName(positionals: string[]): string {
  if (positionals.length === 0) {
    throw usageError('report', 'sebutkan laporannya: scorecard, sanctions atau ranking', 'name the report: scorecard, sanctions or ranking');
  }
  if (positionals.length > 1) {
    throw usageError('report', `satu laporan saja per perintah, bukan "${positionals.join(' ')}"`, `one report per command, not "${positionals.join(' ')}"`);
  }
  return positionals[0];
}

function rupiahFlag(flag: string, text: string): number {
  const n = parseRupiah(text);
  if (n === undefined) {
    throw usageError(
      'report',
      `--${flag} harus bilangan bulat rupiah > 0 (mis. 2.500.000.000), bukan "${text}"`,
      `--${flag} must be whole rupiah > 0 (e.g. 2.500.000.000), not "${text}"`,
    );
  }
  return n;
}

/** Budget flags: ranking only, both or neither. */
function budgetFlags(report: string, budget: string | undefined, unitCost: string | undefined): { budget?: number; unitCost?: number } {
  if (budget === undefined && unitCost === undefined) return {};
  if (report !== 'ranking') {
    throw usageError('report', `--budget dan --unit-cost hanya untuk laporan ranking, bukan ${report}`, `--budget and --unit-cost are for the ranking report only, not ${report}`);
  }
  if (budget === undefined || unitCost === undefined) {
    throw usageError('report', '--budget dan --unit-cost harus diberikan bersama', '--budget and --unit-cost must be given together');
  }
  return { budget: rupiahFlag('budget', budget), unitCost: rupiahFlag('unit-cost', unitCost) };
}

/** The Athena engine from the environment; one line naming what is missing. */
async function athenaEngine(): Promise<QueryEngine> {
  const missing = ['ATHENA_WORKGROUP', 'GLUE_DATABASE'].filter((n) => !process.env[n]);
  if (!process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) missing.push('AWS_REGION');
  if (missing.length > 0) {
    throw new UserError(
      `--engine athena butuh variabel lingkungan ${missing.join(', ')}; isi dengan workgroup, database Glue dan region dari deploy CDK, atau pakai --engine duckdb / --engine athena needs the environment variables ${missing.join(', ')}; set them to the workgroup, Glue database and region of the CDK deployment, or use --engine duckdb`,
      'athena_not_configured',
    );
  }
  // The SDK's multi-line "Node 22 soon" notice would break the one-line error rule on Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { AthenaEngine } = await import('../../functions/lib/query-engine/athena-engine.js');
  return new AthenaEngine({ workgroup: process.env.ATHENA_WORKGROUP!, database: process.env.GLUE_DATABASE! });
}

export async function openEngine(name: string, dataDir: string): Promise<QueryEngine> {
  if (name === 'athena') return athenaEngine();
  await ensureCurrentLayout(dataDir);
  const [{ DuckDbEngine }, { DUCKDB_TABLES }] = await Promise.all([
    import('../../functions/lib/query-engine/duckdb-engine.js'),
    import('../../schemas/index.js'),
  ]);
  return DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: dataDir });
}

/** Keeps written objects in memory: `--out -` prints the JSON or txt instead of writing a file. */
export class MemoryStore implements ObjectStore {
  readonly description = 'stdout';
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array | string, _opts?: PutOptions): Promise<void> {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  async get(): Promise<Uint8Array> {
    throw new Error('MemoryStore.get is not used');
  }
  async getStream(): Promise<NodeJS.ReadableStream> {
    throw new Error('MemoryStore.getStream is not used');
  }
  async head() {
    return undefined;
  }
  async list() {
    return [];
  }
  async delete(): Promise<void> {}
}

const WRITE_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC', 'EEXIST', 'EISDIR']);

/** Errors of the run itself as one line: Athena/AWS failures, an output folder that cannot be written. */
export function oneLine(err: unknown, engine: string, outDir: string): unknown {
  if (isUserError(err)) return err;
  const e = err as NodeJS.ErrnoException & { name?: string };
  const first = String(e?.message ?? err).split('\n')[0];
  if (e && typeof e.code === 'string' && WRITE_ERRORS.has(e.code)) {
    return new UserError(
      `Tidak bisa menulis laporan ke ${outDir} (${e.code}); pilih folder --out yang bisa ditulis / Cannot write the report to ${outDir} (${e.code}); choose a writable --out folder`,
      'output_not_writable',
    );
  }
  if (engine === 'athena') {
    return new UserError(
      `Athena gagal: ${first}; periksa kredensial AWS, region dan workgroup / Athena failed: ${first}; check the AWS credentials, region and workgroup`,
      'athena_failed',
    );
  }
  return err;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * True when the local lake has folders of the kabupaten (activities or disbursements: the
 * datasets partitioned by kabupaten; the roster and the monthly reports keep it in a column).
 */
async function lakeHasKabupaten(dataDir: string, kabupaten: string): Promise<boolean> {
  for (const d of DATASET_NAMES.filter(partitionedByKabupaten)) {
    if (await exists(path.join(dataDir, LAKE_PREFIX, d, `kabupaten_code=${kabupaten}`))) return true;
  }
  return false;
}

/** Runs `pkh report`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags('report', args, OPTIONS, true);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const report = reportName(positionals);
  // More than one kabupaten: its own module, so this command's single-kabupaten path stays as it is.
  if (values.region !== undefined) return (await import('./report-region.js')).runRegion(report, values);
  const engineName = values.engine ?? 'duckdb';
  if (engineName !== 'duckdb' && engineName !== 'athena') {
    throw usageError('report', `--engine harus duckdb atau athena, bukan "${engineName}"`, `--engine must be duckdb or athena, not "${engineName}"`);
  }
  const formats = values.format === undefined ? undefined : values.format.split(',').map((f) => f.trim());
  const toStdout = values.out === '-';
  if (toStdout && (formats === undefined || formats.length !== 1 || !['json', 'txt'].includes(formats[0]))) {
    throw usageError('report', '--out - hanya bisa dengan --format json atau --format txt', '--out - works only with --format json or --format txt');
  }
  const budget = budgetFlags(report, values.budget, values['unit-cost']);
  // Loaded only now, so --help and flag mistakes answer at once (the renderers take a second to load).
  const [{ checkReportRequest, runReport }, { loadConfig }, { FolderStore }] = await Promise.all([
    import('../../functions/report/run-report.js'),
    import('../../functions/lib/config.js'),
    import('../../functions/lib/object-store/folder-store.js'),
  ]);
  const now = Date.now();
  const request = {
    report,
    kabupaten: required('kabupaten', values.kabupaten),
    period: required('period', values.period),
    formats,
    lang: values.lang,
    asOf: values['as-of'],
    ...budget,
  };
  try {
    checkReportRequest(request, now);
  } catch (err) {
    // Every field of the request comes from a flag: a wrong one is wrong usage.
    if (isUserError(err)) throw new UserError(err.message, 'usage');
    throw err;
  }

  const config = await loadConfig(values.config);
  const dataDir = defaultDataDir();
  const outDir = toStdout ? '-' : path.resolve(values.out ?? defaultReportsDir(dataDir));
  const out = toStdout ? new MemoryStore() : new FolderStore(outDir);

  const engine = await openEngine(engineName, dataDir);
  let result: RunReportResult;
  try {
    result = await runReport({ ...request, engine, config, out, now });
  } catch (err) {
    throw oneLine(err, engineName, outDir);
  } finally {
    await engine.close();
  }

  if (result.noData) {
    // REPORTS.md: a period without data is still written (exit 0), and said so on stderr, once.
    const where = engineName === 'duckdb' && !(await lakeHasKabupaten(dataDir, request.kabupaten)) ? ` (lake ${path.join(dataDir, LAKE_PREFIX)})` : '';
    console.error(
      `pkh: peringatan: tidak ada data untuk kabupaten ${request.kabupaten} periode ${request.period}${where} (laporan bulanan, log kegiatan dan penyaluran: 0 baris); laporan tetap ditulis, periksa unggahan / ` +
        `warning: no data for kabupaten ${request.kabupaten} period ${request.period} (monthly reports, activity log and disbursement: 0 rows); the report is written anyway, check the uploads`,
    );
  }
  if (out instanceof MemoryStore) {
    process.stdout.write(out.objects.get(result.keys[0])!);
  } else {
    for (const key of result.keys) console.log(out.localPath(key));
  }
  return 0;
}
