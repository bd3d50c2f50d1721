/** `pkh demo` (npm start): the whole local pipeline in `<data dir>/demo`, and a clean rerun that never touches anything it did not make. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDemoOutputs, DEMO } from '../../cli/commands/demo.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { kecamatanOf } from '../../functions/lib/wilayah.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { latestFinalPeriod } from '../../functions/report/reports/as-of.js';
import { listFiles, runPkh, tempDir } from './helpers.js';

/** The demo reports the latest month whose report is final now (Kutai Kartanegara is WITA). */
const PERIOD = latestFinalPeriod(Date.now(), 'WITA', DEFAULT_CONFIG);

let dataDir: string;

beforeAll(async () => {
  dataDir = (await tempDir('pkh-cli-demo-')).dir;
});

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Real data of the person's, in every folder the demo used to clear. */
const OWN = [
  'lake/roster/kabupaten_code=33.10/a1b2c3d4e5f60718.parquet',
  'lake/activity_log/kabupaten_code=64.02/period=2026-01/a1b2c3d4e5f60718.parquet',
  'manifests/roster/a1b2c3d4e5f60718.json',
  'quarantine/activity_log/a1b2c3d4e5f60718.jsonl',
  'reports/scorecard/33.10/2026-01/report.json',
  'reports/scorecard/64.02/2026-01/report.json',
];

const demoDir = () => path.join(dataDir, 'demo');

const STEMS = { scorecard: 'kartu-kinerja', sanctions: 'daftar-sanksi', ranking: 'prioritas-kecamatan' } as const;
const EXTS = ['csv', 'html', 'json', 'pdf', 'txt', 'xlsx'];
/** `<report>/K/P/<stem>-K-P[-sementara-DATE].<ext>` (PERIOD, last month, may still be provisional). */
const reportFile = (r: keyof typeof STEMS, ext: string) =>
  new RegExp(`^${r}/${DEMO.kabupaten}/${PERIOD}/${STEMS[r]}-${DEMO.kabupaten}-${PERIOD}(-sementara-\\d{4}-\\d{2}-\\d{2})?\\.${ext}$`);

describe('pkh demo', () => {
  it('generates, ingests and writes the 18 report files of last month and the index, with a bilingual summary on stdout and progress on stderr', async () => {
    // Prepare: the person's own data in the data folder (another kabupaten's lake, manifests,
    // quarantine and reports, and a file), which the demo must leave alone.
    await writeFile(path.join(dataDir, 'catatan.txt'), 'milik saya');
    for (const f of OWN) {
      await mkdir(path.dirname(path.join(dataDir, f)), { recursive: true });
      await writeFile(path.join(dataDir, f), 'milik saya');
    }
    // Act
    const started = Date.now();
    const run = await runPkh(['demo'], dataDir);
    const seconds = (Date.now() - started) / 1000;
    // Assess
    expect(run.code, run.stderr).toBe(0);
    const reportFiles = await listFiles(path.join(demoDir(), 'reports'));
    expect(reportFiles).toHaveLength(1 + 3 * EXTS.length);
    expect(reportFiles).toContain('index.html');
    for (const r of Object.keys(STEMS) as (keyof typeof STEMS)[]) {
      for (const ext of EXTS) expect(reportFiles.filter((f) => reportFile(r, ext).test(f)), `${r} ${ext}`).toHaveLength(1);
    }
    const out = run.stdout;
    expect(out).toContain(`Folder demo / demo folder: ${demoDir()}`);
    for (const f of OWN) expect(await readFile(path.join(dataDir, f), 'utf8'), f).toBe('milik saya');
    expect((await listFiles(dataDir)).filter((f) => !f.startsWith('demo/')).sort()).toEqual([...OWN, 'catatan.txt'].sort());
    expect(out).toContain(`(${DEMO.kabupaten})`);
    expect(out).toContain(`Laporan / reports (${PERIOD}, final: bulan terakhir yang laporannya sudah final / the latest month whose report is final):`);
    for (const d of DATASET_NAMES) expect(out).toMatch(new RegExp(`^  ${d} +[\\d.]+ +[\\d.]+ +[\\d.]+$`, 'm'));
    expect(out).toMatch(/^  scorecard +skor total \/ total score \d+,\d; tertinggi \/ top: .+; terendah \/ bottom: .+$/m);
    expect(out).toMatch(/^  sanctions +pendamping wajib lapor \/ expected \d+, rendah \/ low \d+: teguran_lisan \d+, sp1 \d+, sp2 \d+, sp3 \d+$/m);
    expect(out).toMatch(/^  ranking +prioritas_1: [^,]+, [^,]+, [^,]+, [^,]+$/m);
    expect(out).toContain('anggaran / budget Rp 6.000.000.000 ÷ Rp 3.000.000');
    for (const f of reportFiles.filter((k) => k !== 'index.html')) expect(out).toContain(path.join(demoDir(), 'reports', ...f.split('/')));
    expect(out).toMatch(/file:\/\/.+\/reports\/index\.html/);
    expect(run.stderr).toContain('[4/4]');
    expect(await readFile(path.join(dataDir, 'catatan.txt'), 'utf8')).toBe('milik saya');

    // The reports are the real thing: every kecamatan of Kutai Kartanegara, rows ingested, some rejected.
    const scorecardJson = reportFiles.find((f) => reportFile('scorecard', 'json').test(f))!;
    const scorecard = JSON.parse(await readFile(path.join(demoDir(), 'reports', ...scorecardJson.split('/')), 'utf8'));
    expect(scorecard.kecamatan).toHaveLength(kecamatanOf(DEMO.kabupaten).length);
    expect(scorecard.total.indicators.monthly_report_rate.denominator).toBeGreaterThan(50);
    expect((await listFiles(path.join(demoDir(), 'quarantine'))).length).toBeGreaterThan(0);
    // About 15 s on an idle two-core machine; the bound leaves room for a test run sharing the cores.
    expect(seconds).toBeLessThan(120);
  }, 180_000);

  it('a second run starts from a clean demo lake: objects of an earlier demo are gone, the same lake is rebuilt, the person\'s data untouched', async () => {
    // Prepare: the first test's demo lake, plus leftovers of some older demo run.
    const lakeBefore = await listFiles(path.join(demoDir(), 'lake'));
    const stale = ['lake/roster/kabupaten_code=64.02/lama.parquet', 'manifests/roster/lama.json', 'quarantine/roster/lama.jsonl', 'reports/scorecard/64.02/2020-01/report.json'];
    for (const f of stale) {
      await mkdir(path.dirname(path.join(demoDir(), f)), { recursive: true });
      await writeFile(path.join(demoDir(), f), 'lama');
    }
    // Act
    const run = await runPkh(['demo'], dataDir);
    // Assess
    expect(run.code, run.stderr).toBe(0);
    expect(await listFiles(path.join(demoDir(), 'manifests'))).toHaveLength(DATASET_NAMES.length);
    expect(await listFiles(path.join(demoDir(), 'lake'))).toEqual(lakeBefore);
    const reportFiles = await listFiles(path.join(demoDir(), 'reports'));
    expect(reportFiles).toHaveLength(1 + 3 * EXTS.length);
    expect(reportFiles).toContain('index.html');
    for (const r of Object.keys(STEMS) as (keyof typeof STEMS)[]) {
      for (const ext of EXTS) expect(reportFiles.filter((f) => reportFile(r, ext).test(f)), `${r} ${ext}`).toHaveLength(1);
    }
    expect((await listFiles(path.join(demoDir(), 'quarantine'))).some((f) => f.includes('lama'))).toBe(false);
    for (const f of OWN) expect(await readFile(path.join(dataDir, f), 'utf8'), f).toBe('milik saya');
  }, 180_000);

  it('--help explains what is cleared, exit 0', async () => {
    const run = await runPkh(['demo', '--help'], dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Penggunaan / Usage:');
    expect(run.stdout).toContain('PKH_DATA_DIR');
  });

  it('an unknown flag → exit 2, one line', async () => {
    const run = await runPkh(['demo', '--cepat'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^pkh: Opsi salah untuk "pkh demo"/)]);
  });
});

describe('clearDemoOutputs', () => {
  it('empties only the demo folder it is given, and refuses a folder the demo did not make', async () => {
    // Prepare
    const root = (await tempDir('pkh-cli-clear-')).dir;
    const demo = path.join(root, 'demo');
    const keep = ['lake/roster/kabupaten_code=64.02/a.parquet', 'manifests/roster/a.json', 'reports/ranking/64.02/2026-01/report.json', 'milik-saya.txt'];
    const gone = ['demo/.pkh-demo', 'demo/input/roster.csv', 'demo/lake/roster/kabupaten_code=64.02/a.parquet', 'demo/manifests/roster/a.json', 'demo/reports/ranking/64.02/2026-01/report.json'];
    for (const f of [...keep, ...gone]) {
      await mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await writeFile(path.join(root, f), 'x');
    }
    // Act
    await clearDemoOutputs(demo);
    // Assess
    expect(await listFiles(root)).toEqual([...keep].sort());
    // A folder named demo that holds something else (no marker): refused, nothing removed.
    await writeFile(path.join(root, 'demo', 'skripsi.docx'), 'x');
    await expect(clearDemoOutputs(demo)).rejects.toThrow(/bukan folder demo.* \/ .*not a demo folder/);
    expect(await listFiles(root)).toEqual([...keep, 'demo/skripsi.docx'].sort());
    await rm(root, { recursive: true, force: true });
  });
});
