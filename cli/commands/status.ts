/**
 * `pkh status` (SYSTEM.md "Command line"): what the data folder holds. Per dataset and kabupaten:
 * the periods with data, the rows stored, the latest upload and its rejected rows (with the
 * correction workbook to fix them); then the reports found and whether each is final.
 *
 * Read from the manifests (one per committed upload; an upload killed part-way has none and is not
 * counted) and from the report JSON files, found by walking the reports folder, so it holds
 * whatever the reports' file names are.
 */
import path from 'node:path';
import { UserError } from '../../functions/lib/errors.js';
import { correctionWorkbookKey, DATASET_NAMES, MANIFEST_PREFIX, type DatasetName } from '../../functions/lib/lake-layout.js';
import { defaultDataDir, FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { getKabupaten } from '../../functions/lib/wilayah.js';
import { parseFlags, usageError } from '../args.js';
import { defaultReportsDir } from './report.js';

export const HELP = `Penggunaan / Usage:
  pkh status [--reports DIR] [--lang id|en]

Menampilkan isi folder data (PKH_DATA_DIR, bawaan ./.pkh): per dataset dan kabupaten, periode yang
ada datanya, jumlah baris, unggahan terakhir dan baris yang ditolak; lalu laporan yang ada dan
apakah sudah final.
Shows what the data folder holds (PKH_DATA_DIR, default ./.pkh): per dataset and kabupaten, the
periods with data, rows, the latest upload and its rejected rows; then the reports present and
whether they are final.

  --reports DIR    folder laporan (bawaan <folder data>/reports) / reports folder (default <data dir>/reports)
  --lang id|en     bahasa keluaran (bawaan id) / output language (default id)
  -h, --help       bantuan ini / this help`;

const OPTIONS = {
  reports: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Lang = 'id' | 'en';

/** One committed upload, as its manifest says. */
interface Upload {
  source: string;
  ingestedAt: string;
  rowsRead: number;
  rowsRejected: number;
  /** The correction workbook when rows were rejected and it is there. */
  workbook?: string;
  partitions: { kabupaten_code: string; period?: string; rows: number }[];
}

export interface KabupatenStatus {
  kabupaten_code: string;
  kabupaten_name?: string;
  /** Ascending `YYYY-MM`; empty for datasets without a period (roster, kecamatan_profile). */
  periods: string[];
  rows: number;
  latest: { source: string; ingested_at: string; rows_read: number; rows_rejected: number; workbook?: string };
}

export interface DatasetStatus {
  dataset: DatasetName;
  uploads: number;
  kabupaten: KabupatenStatus[];
  /** Uploads whose every row was rejected: they name no kabupaten. */
  without_rows: number;
  /** Uploads that could not be read at all (the Lambda's error records). */
  unreadable: number;
}

export interface ReportStatus {
  /** The JSON file, relative to the reports folder. */
  file: string;
  report: string;
  /** Kabupaten code or region. */
  where: string;
  where_name?: string;
  period: string;
  /** `final` of the JSON; undefined for a report written before the field existed. */
  final?: boolean;
  as_of?: string;
  /** Extensions of the other files beside it with the same base name (the other formats). */
  formats: string[];
}

export interface DataStatus {
  datasets: DatasetStatus[];
  reports: ReportStatus[];
}

async function readJson(store: ObjectStore, key: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(await store.get(key)).toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // a damaged or half-written file is not worth failing the overview for
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function uploadOf(m: Record<string, unknown>): Upload | undefined {
  if (typeof m.source !== 'string' || !Array.isArray(m.partitions)) return undefined;
  const partitions = (m.partitions as Record<string, unknown>[])
    .filter((p) => p && typeof p.kabupaten_code === 'string')
    .map((p) => ({ kabupaten_code: p.kabupaten_code as string, period: typeof p.period === 'string' ? p.period : undefined, rows: num(p.rows) }));
  return {
    source: m.source,
    ingestedAt: typeof m.ingested_at === 'string' ? m.ingested_at : '',
    rowsRead: num(m.rows_read),
    rowsRejected: num(m.rows_rejected),
    partitions,
  };
}

/** What the data folder's manifests say, per dataset and kabupaten. */
export async function datasetStatus(store: ObjectStore): Promise<DatasetStatus[]> {
  const out: DatasetStatus[] = [];
  for (const dataset of DATASET_NAMES) {
    const keys = (await store.list(`${MANIFEST_PREFIX}/${dataset}/`)).map((o) => o.key);
    const uploads: Upload[] = [];
    let unreadable = 0;
    const present = new Set(keys);
    for (const key of keys) {
      if (key.endsWith('.error.json')) {
        unreadable++;
        continue;
      }
      const m = key.endsWith('.json') ? await readJson(store, key) : undefined;
      const upload = m && uploadOf(m);
      if (!upload) continue;
      const id = key.slice(key.lastIndexOf('/') + 1, -'.json'.length);
      const workbook = correctionWorkbookKey(dataset, id);
      if (upload.rowsRejected > 0 && (present.has(workbook) || (await store.head(workbook)))) upload.workbook = workbook;
      uploads.push(upload);
    }
    const byKab = new Map<string, { periods: Set<string>; rows: number; latest: Upload }>();
    for (const u of uploads) {
      for (const p of u.partitions) {
        let k = byKab.get(p.kabupaten_code);
        if (!k) {
          k = { periods: new Set(), rows: 0, latest: u };
          byKab.set(p.kabupaten_code, k);
        }
        if (p.period && p.rows > 0) k.periods.add(p.period);
        k.rows += p.rows;
        if (u.ingestedAt > k.latest.ingestedAt || (u.ingestedAt === k.latest.ingestedAt && u.source > k.latest.source)) k.latest = u;
      }
    }
    if (uploads.length === 0 && unreadable === 0) continue;
    out.push({
      dataset,
      uploads: uploads.length,
      without_rows: uploads.filter((u) => u.partitions.length === 0).length,
      unreadable,
      kabupaten: [...byKab.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([code, k]) => ({
          kabupaten_code: code,
          kabupaten_name: getKabupaten(code)?.name,
          periods: [...k.periods].sort(),
          rows: k.rows,
          latest: {
            source: k.latest.source,
            ingested_at: k.latest.ingestedAt,
            rows_read: k.latest.rowsRead,
            rows_rejected: k.latest.rowsRejected,
            workbook: k.latest.workbook,
          },
        })),
    });
  }
  return out;
}

/** Every report JSON under the reports folder (any name, any depth), with the formats beside it. */
export async function reportStatus(store: ObjectStore): Promise<ReportStatus[]> {
  const files = (await store.list('')).map((o) => o.key);
  const out: ReportStatus[] = [];
  for (const file of files) {
    if (!file.endsWith('.json')) continue;
    const j = await readJson(store, file);
    if (!j || typeof j.report !== 'string' || typeof j.period !== 'string') continue;
    const where = typeof j.kabupaten_code === 'string' ? j.kabupaten_code : typeof j.region === 'string' ? j.region : '';
    const whereName = typeof j.kabupaten_name === 'string' ? j.kabupaten_name : typeof j.region_name === 'string' ? j.region_name : undefined;
    const base = file.slice(0, -'.json'.length);
    const formats = files
      .filter((f) => f !== file && f.startsWith(`${base}.`) && !f.slice(base.length + 1).includes('/'))
      .map((f) => f.slice(base.length + 1))
      .sort();
    out.push({
      file,
      report: j.report,
      where,
      where_name: whereName,
      period: j.period,
      final: typeof j.final === 'boolean' ? j.final : undefined,
      as_of: typeof j.as_of === 'string' ? j.as_of : undefined,
      formats: ['json', ...formats],
    });
  }
  // newest period first, then by report and place
  return out.sort((a, b) => (a.period !== b.period ? (a.period < b.period ? 1 : -1) : `${a.report} ${a.where} ${a.file}` < `${b.report} ${b.where} ${b.file}` ? -1 : 1));
}

/** `2025-01, 2025-02, 2025-03, 2025-06` → `2025-01..2025-03, 2025-06`. */
export function periodRanges(periods: readonly string[]): string {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= periods.length; i++) {
    if (i === periods.length || index(periods[i]) !== index(periods[i - 1]) + 1) {
      parts.push(i - 1 === start ? periods[start] : `${periods[start]}..${periods[i - 1]}`);
      start = i;
    }
  }
  return parts.join(', ');
}

const WORDS = {
  id: {
    folder: 'Folder data',
    empty: 'Belum ada data. Masukkan berkas dengan "pkh ingest --dataset <nama> <berkas>" atau coba "pkh demo".',
    data: 'Data per dataset dan kabupaten',
    uploads: (n: number) => `${n} unggahan`,
    periods: (n: number) => `${n} periode`,
    noPeriod: 'tanpa periode',
    rows: (n: string) => `${n} baris`,
    latest: 'unggahan terakhir',
    rejected: (n: string, of: string) => `ditolak ${n} dari ${of} baris`,
    fix: 'perbaiki di',
    withoutRows: (n: number) => `${n} unggahan tanpa baris yang diterima`,
    unreadable: (n: number) => `${n} unggahan tidak dapat dibaca (lihat manifests/*.error.json)`,
    reports: 'Laporan',
    noReports: 'Belum ada laporan. Buat dengan "pkh report …".',
    final: 'final',
    provisional: 'sementara',
    unknown: 'status final tidak tercatat (laporan versi lama)',
    asOf: 'data per',
    files: 'berkas',
  },
  en: {
    folder: 'Data folder',
    empty: 'No data yet. Add files with "pkh ingest --dataset <name> <file>" or try "pkh demo".',
    data: 'Data per dataset and kabupaten',
    uploads: (n: number) => `${n} upload${n === 1 ? '' : 's'}`,
    periods: (n: number) => `${n} period${n === 1 ? '' : 's'}`,
    noPeriod: 'no period',
    rows: (n: string) => `${n} row${n === '1' ? '' : 's'}`,
    latest: 'latest upload',
    rejected: (n: string, of: string) => `${n} of ${of} rows rejected`,
    fix: 'fix in',
    withoutRows: (n: number) => `${n} upload${n === 1 ? '' : 's'} without an accepted row`,
    unreadable: (n: number) => `${n} upload${n === 1 ? '' : 's'} could not be read (see manifests/*.error.json)`,
    reports: 'Reports',
    noReports: 'No reports yet. Write one with "pkh report …".',
    final: 'final',
    provisional: 'provisional',
    unknown: 'final status not recorded (older report)',
    asOf: 'data as of',
    files: 'files',
  },
} as const;

/** `2026-11-03T02:15:00.000Z` → `2026-11-03 02:15 UTC`. */
function instant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** The overview as lines of text in one language. */
export function statusLines(status: DataStatus, where: { dataDir: string; reportsDir: string; local: (key: string) => string }, lang: Lang): string[] {
  const w = WORDS[lang];
  const nf = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US');
  const lines = [`${w.folder}: ${where.dataDir}`, ''];
  if (status.datasets.length === 0) lines.push(w.empty);
  else {
    lines.push(`${w.data}:`);
    for (const d of status.datasets) {
      lines.push(`  ${d.dataset} (${w.uploads(d.uploads)})`);
      for (const k of d.kabupaten) {
        const name = k.kabupaten_name ? ` ${k.kabupaten_name}` : '';
        const periods = k.periods.length > 0 ? `${w.periods(k.periods.length)} ${periodRanges(k.periods)}` : w.noPeriod;
        lines.push(`    ${k.kabupaten_code}${name}: ${periods}; ${w.rows(nf.format(k.rows))}`);
        const l = k.latest;
        const rejected = l.rows_rejected > 0 ? `; ${w.rejected(nf.format(l.rows_rejected), nf.format(l.rows_read))}` : '';
        lines.push(`      ${w.latest}: ${l.source} (${instant(l.ingested_at)})${rejected}`);
        if (l.workbook) lines.push(`      ${w.fix}: ${where.local(l.workbook)}`);
      }
      if (d.without_rows > 0) lines.push(`    ${w.withoutRows(d.without_rows)}`);
      if (d.unreadable > 0) lines.push(`    ${w.unreadable(d.unreadable)}`);
    }
  }
  lines.push('', `${w.reports} (${where.reportsDir}):`);
  if (status.reports.length === 0) lines.push(`  ${w.noReports}`);
  for (const r of status.reports) {
    const state = r.final === undefined ? w.unknown : r.final ? w.final : w.provisional;
    const asOf = r.as_of ? `, ${w.asOf} ${instant(r.as_of)}` : '';
    const name = r.where_name ? ` ${r.where_name}` : '';
    lines.push(`  ${r.period} ${r.report} ${r.where}${name}: ${state}${asOf}`);
    lines.push(`    ${w.files}: ${r.file.replace(/\.json$/, '')}.{${r.formats.join(',')}}`);
  }
  return lines;
}

/** Runs `pkh status`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags('status', args, OPTIONS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const lang = values.lang ?? 'id';
  if (lang !== 'id' && lang !== 'en') throw usageError('status', `--lang harus id atau en, bukan "${lang}"`, `--lang must be id or en, not "${lang}"`);
  const dataDir = path.resolve(defaultDataDir());
  const reportsDir = path.resolve(values.reports ?? defaultReportsDir(dataDir));
  const store = new FolderStore(dataDir);
  const reports = new FolderStore(reportsDir);
  let status: DataStatus;
  try {
    status = { datasets: await datasetStatus(store), reports: await reportStatus(reports) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOTDIR') {
      throw new UserError(
        `Folder data "${dataDir}" tidak dapat dibaca (${code}); periksa PKH_DATA_DIR / Data folder "${dataDir}" cannot be read (${code}); check PKH_DATA_DIR`,
        'data_dir_unreadable',
      );
    }
    throw err;
  }
  for (const line of statusLines(status, { dataDir, reportsDir, local: (k) => store.localPath(k) }, lang)) console.log(line);
  return 0;
}
