/** `pkh demo` (npm start): the whole local pipeline, and a clean rerun that never touches anything else. */
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
  dataDir = await tempDir('pkh-cli-demo-');
});

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const STEMS = { scorecard: 'kartu-kinerja', sanctions: 'daftar-sanksi', ranking: 'prioritas-kecamatan' } as const;
const EXTS = ['csv', 'html', 'json', 'pdf', 'txt', 'xlsx'];
/** `<report>/K/P/<stem>-K-P[-sementara-DATE].<ext>` (PERIOD, last month, may still be provisional). */
const reportFile = (r: keyof typeof STEMS, ext: string) =>
  new RegExp(`^${r}/${DEMO.kabupaten}/${PERIOD}/${STEMS[r]}-${DEMO.kabupaten}-${PERIOD}(-sementara-\\d{4}-\\d{2}-\\d{2})?\\.${ext}$`);

describe('pkh demo', () => {
  it('generates, ingests and writes the 18 report files of last month and the index, with a bilingual summary on stdout and progress on stderr', async () => {
    // Prepare: something of the person's own in the data folder, which the demo must leave alone.
    await writeFile(path.join(dataDir, 'catatan.txt'), 'milik saya');
    // Act
    const started = Date.now();
    const run = await runPkh(['demo'], dataDir);
    const seconds = (Date.now() - started) / 1000;
    // Assess
    expect(run.code, run.stderr).toBe(0);
    const reportFiles = await listFiles(path.join(dataDir, 'reports'));
    expect(reportFiles).toHaveLength(1 + 3 * EXTS.length);
    expect(reportFiles).toContain('index.html');
    for (const r of Object.keys(STEMS) as (keyof typeof STEMS)[]) {
      for (const ext of EXTS) expect(reportFiles.filter((f) => reportFile(r, ext).test(f)), `${r} ${ext}`).toHaveLength(1);
    }
    const out = run.stdout;
    expect(out).toContain(`(${DEMO.kabupaten})`);
    expect(out).toContain(`Laporan / reports (${PERIOD}, final: bulan terakhir yang laporannya sudah final / the latest month whose report is final):`);
    for (const d of DATASET_NAMES) expect(out).toMatch(new RegExp(`^  ${d} +[\\d.]+ +[\\d.]+ +[\\d.]+$`, 'm'));
    expect(out).toMatch(/^  scorecard +skor total \/ total score \d+,\d; tertinggi \/ top: .+; terendah \/ bottom: .+$/m);
    expect(out).toMatch(/^  sanctions +pendamping wajib lapor \/ expected \d+, rendah \/ low \d+: teguran_lisan \d+, sp1 \d+, sp2 \d+, sp3 \d+$/m);
    expect(out).toMatch(/^  ranking +prioritas_1: [^,]+, [^,]+, [^,]+, [^,]+$/m);
    expect(out).toContain('anggaran / budget Rp 6.000.000.000 ÷ Rp 3.000.000');
    for (const f of reportFiles.filter((k) => k !== 'index.html')) expect(out).toContain(path.join(dataDir, 'reports', ...f.split('/')));
    expect(out).toMatch(/file:\/\/.+\/reports\/index\.html/);
    expect(run.stderr).toContain('[4/4]');
    expect(await readFile(path.join(dataDir, 'catatan.txt'), 'utf8')).toBe('milik saya');

    // The reports are the real thing: every kecamatan of Kutai Kartanegara, rows ingested, some rejected.
    const scorecardJson = reportFiles.find((f) => reportFile('scorecard', 'json').test(f))!;
    const scorecard = JSON.parse(await readFile(path.join(dataDir, 'reports', ...scorecardJson.split('/')), 'utf8'));
    expect(scorecard.kecamatan).toHaveLength(kecamatanOf(DEMO.kabupaten).length);
    expect(scorecard.total.indicators.monthly_report_rate.denominator).toBeGreaterThan(50);
    expect((await listFiles(path.join(dataDir, 'quarantine'))).length).toBeGreaterThan(0);
    // About 15 s on an idle two-core machine; the bound leaves room for a test run sharing the cores.
    expect(seconds).toBeLessThan(120);
  }, 180_000);

  it('a second run starts from a clean lake: objects of an earlier lake are gone, the same lake is rebuilt', async () => {
    // Prepare: the first test's lake, plus leftovers of some older run.
    const lakeBefore = await listFiles(path.join(dataDir, 'lake'));
    const stale = ['lake/roster/kabupaten_code=64.02/lama.parquet', 'manifests/roster/lama.json', 'quarantine/roster/lama.jsonl', 'reports/scorecard/64.02/2020-01/report.json'];
    for (const f of stale) {
      await mkdir(path.dirname(path.join(dataDir, f)), { recursive: true });
      await writeFile(path.join(dataDir, f), 'lama');
    }
    // Act
    const run = await runPkh(['demo'], dataDir);
    // Assess
    expect(run.code, run.stderr).toBe(0);
    expect(await listFiles(path.join(dataDir, 'manifests'))).toHaveLength(DATASET_NAMES.length);
    expect(await listFiles(path.join(dataDir, 'lake'))).toEqual(lakeBefore);
    const reportFiles = await listFiles(path.join(dataDir, 'reports'));
    expect(reportFiles).toHaveLength(1 + 3 * EXTS.length);
    expect(reportFiles).toContain('index.html');
    for (const r of Object.keys(STEMS) as (keyof typeof STEMS)[]) {
      for (const ext of EXTS) expect(reportFiles.filter((f) => reportFile(r, ext).test(f)), `${r} ${ext}`).toHaveLength(1);
    }
    expect((await listFiles(path.join(dataDir, 'quarantine'))).some((f) => f.includes('lama'))).toBe(false);
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
  it('removes only the dataset folders of lake/manifests/quarantine and the report folders, nothing else', async () => {
    // Prepare
    const root = await tempDir('pkh-cli-clear-');
    const keep = ['lake/README.txt', 'lake/lainnya/x.parquet', 'manifests/catatan.json', 'reports/pribadi/a.html', 'demo/input/roster.csv', 'milik-saya.txt'];
    const gone = ['lake/roster/kabupaten_code=64.02/a.parquet', 'lake/activity_log/kabupaten_code=64.02/period=2026-01/b.parquet', 'manifests/roster/a.json', 'quarantine/disbursement/c.jsonl', 'reports/ranking/64.02/2026-01/report.json'];
    for (const f of [...keep, ...gone]) {
      await mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await writeFile(path.join(root, f), 'x');
    }
    // Act
    await clearDemoOutputs(root);
    // Assess
    expect(await listFiles(root)).toEqual([...keep].sort());
    await rm(root, { recursive: true, force: true });
  });
});
