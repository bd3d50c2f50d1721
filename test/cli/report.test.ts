/**
 * `pkh report` as a person uses it: files at the REPORTS.md paths, JSON on stdout, one-line errors,
 * exit codes — through the `pkh` dispatcher in this process (test/cli/smoke.test.ts runs real processes).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRupiah } from '../../cli/commands/report.js';
import { periodAdd } from '../../functions/lib/localtime.js';
import { kecamatanOf } from '../../functions/lib/wilayah.js';
import { buildLake, listFiles, PERIOD, runPkhInProcess, tempDir } from './helpers.js';

/** Kota Bontang: three kecamatan, a quick lake. */
const K = '64.74';
let dataDir: string;

beforeAll(async () => {
  dataDir = (await tempDir('pkh-cli-report-')).dir;
  await buildLake(dataDir, K, 2);
}, 120_000);

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The report JSON without `generated_at`, which differs from run to run. */
function withoutTime(json: string): unknown {
  const { generated_at: _ignored, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}

/**
 * The shared name (no extension) of the files a run printed: `<stem>` for a final report,
 * `<stem>-sementara-YYYY-MM-DD` for a provisional one (PERIOD is last month, which may not be final yet).
 */
function runName(stdout: string, stem: string): string {
  const name = path.basename(stdout.trimEnd().split('\n')[0]).replace(/\.[a-z]+$/, '');
  expect(name).toMatch(new RegExp(`^${stem.replace(/\./g, '\\.')}(-sementara-\\d{4}-\\d{2}-\\d{2})?$`));
  return name;
}

describe('pkh report writes the files of REPORTS.md "Outputs"', () => {
  it('scorecard without --format: the six formats under <data dir>/reports/scorecard/K/P, named what-where-when, paths printed one per line, index.html at the root', async () => {
    // Act
    const run = await runPkhInProcess(['report', 'scorecard', '--kabupaten', K, '--period', PERIOD], dataDir);
    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const base = path.join(dataDir, 'reports', 'scorecard', K, PERIOD);
    const name = runName(run.stdout, `kartu-kinerja-${K}-${PERIOD}`);
    expect(run.stdout.trimEnd().split('\n')).toEqual(['json', 'csv', 'xlsx', 'html', 'pdf', 'txt'].map((ext) => path.join(base, `${name}.${ext}`)));
    expect(await listFiles(base)).toEqual(['csv', 'html', 'json', 'pdf', 'txt', 'xlsx'].map((ext) => `${name}.${ext}`));
    expect(Buffer.from(await readFile(path.join(base, `${name}.pdf`))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const txt = await readFile(path.join(base, `${name}.txt`), 'utf8');
    expect(txt.length).toBeLessThanOrEqual(1000);
    expect(txt).toContain(`${name}.pdf`);
    const index = await readFile(path.join(dataDir, 'reports', 'index.html'), 'utf8');
    expect(index).toContain(`href="scorecard/${K}/${PERIOD}/${name}.pdf"`);
    const json = JSON.parse(await readFile(path.join(base, `${name}.json`), 'utf8'));
    // A provisional report (not final as of now) says so in its name, with the date of A.
    expect(name.includes('-sementara-')).toBe(json.final === false);
    expect(json).toMatchObject({ report: 'scorecard', kabupaten_code: K, period: PERIOD });
    expect(json.kecamatan.map((k: { kecamatan_code: string }) => k.kecamatan_code)).toEqual(kecamatanOf(K).map((k) => k.code));
  });

  it('sanctions with --format json,html --out DIR: only those two files, under DIR', async () => {
    // Prepare
    const out = path.join(dataDir, 'elsewhere');
    // Act
    const run = await runPkhInProcess(['report', 'sanctions', '--kabupaten', K, '--period', PERIOD, '--format', 'json,html', '--out', out], dataDir);
    // Assess
    expect(run.code).toBe(0);
    const name = runName(run.stdout, `daftar-sanksi-${K}-${PERIOD}`);
    expect(await listFiles(out)).toEqual(['index.html', `sanctions/${K}/${PERIOD}/${name}.html`, `sanctions/${K}/${PERIOD}/${name}.json`]);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      path.join(out, 'sanctions', K, PERIOD, `${name}.json`),
      path.join(out, 'sanctions', K, PERIOD, `${name}.html`),
    ]);
  });

  it('--format json --out -: stdout is exactly the JSON the file holds, and no file is written', async () => {
    // Prepare
    // One as-of instant for both runs: a report as of A is the same whenever it is run.
    const asOf = ['--as-of', `${PERIOD}-20T10:00`];
    const file = await runPkhInProcess(['report', 'ranking', '--kabupaten', K, '--period', PERIOD, ...asOf, '--format', 'json', '--out', path.join(dataDir, 'file-out')], dataDir);
    expect(file.code).toBe(0);
    // Act
    const run = await runPkhInProcess(['report', 'ranking', '--kabupaten', K, '--period', PERIOD, ...asOf, '--format', 'json', '--out', '-'], dataDir);
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const written = await readFile(file.stdout.trim(), 'utf8');
    expect(path.basename(file.stdout.trim())).toMatch(new RegExp(`^prioritas-kecamatan-${K}-${PERIOD}(-sementara-\\d{4}-\\d{2}-\\d{2})?\\.json$`));
    expect(withoutTime(run.stdout)).toEqual(withoutTime(written));
    expect(await listFiles(path.join(dataDir, 'reports', 'ranking'))).toEqual([]);
  });

  it('--format txt --out - --lang en: the WhatsApp summary on stdout, at most 1,000 characters, naming the English PDF', async () => {
    // Act
    const run = await runPkhInProcess(['report', 'sanctions', '--kabupaten', K, '--period', PERIOD, '--format', 'txt', '--out', '-', '--lang', 'en'], dataDir);
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.length).toBeLessThanOrEqual(1000);
    // Final or provisional depending on today: the title says which (early warning while provisional).
    expect(run.stdout).toMatch(/^\*PKH Facilitator Reporting (Sanctions List|Early Warning)\*\n/);
    expect(run.stdout).toContain('Sanctions ladder:');
    // Only txt was asked: the summary names the PDF a full run makes.
    expect(run.stdout).toMatch(new RegExp(`Full report: sanctions-list-${K}-${PERIOD}(-provisional-\\d{4}-\\d{2}-\\d{2})?\\.pdf\\n$`));
  });

  it('ranking with --budget 2.500.000.000 --unit-cost 3.000.000: allocation in whole rupiah', async () => {
    // Act
    const run = await runPkhInProcess(
      ['report', 'ranking', '--kabupaten', K, '--period', PERIOD, '--format', 'json', '--out', '-', '--budget', '2.500.000.000', '--unit-cost', '3.000.000'],
      dataDir,
    );
    // Assess
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.allocation).toMatchObject({ budget: 2_500_000_000, unit_cost: 3_000_000 });
    expect(json.allocation.households_funded).toBeLessThanOrEqual(833);
    for (const k of json.kecamatan) expect(k.allocation.rupiah).toBe(k.allocation.households * 3_000_000);
  });

  it('--lang en: the HTML has English labels', async () => {
    // Act
    const run = await runPkhInProcess(['report', 'scorecard', '--kabupaten', K, '--period', PERIOD, '--format', 'html', '--lang', 'en', '--out', path.join(dataDir, 'en')], dataDir);
    // Assess
    expect(run.code).toBe(0);
    const html = await readFile(run.stdout.trim(), 'utf8');
    expect(html).toMatch(/<html lang="en"/);
  });

  it('a kabupaten without data is not an error: every kecamatan listed with empty figures, one warning on stderr', async () => {
    // Prepare: Kutai Kartanegara has no rows in this lake.
    const empty = '64.02';
    // Act
    const run = await runPkhInProcess(['report', 'scorecard', '--kabupaten', empty, '--period', PERIOD, '--format', 'json', '--out', '-'], dataDir);
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^pkh: peringatan: tidak ada data untuk kabupaten ${empty} periode ${PERIOD}.* / warning: no data for kabupaten ${empty}`));
    const json = JSON.parse(run.stdout);
    expect(json.data_quality.rows_in_period).toEqual({ monthly_report: 0, activity_log: 0, disbursement: 0 });
    expect(json.kecamatan).toHaveLength(kecamatanOf(empty).length);
    expect(json.total.indicators.monthly_report_rate).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(json.total.counts.card_custody_flags.value).toBe(0);
  });

  it('--as-of without an offset is the kabupaten\'s local time; the JSON says as_of in UTC and whether it is final', async () => {
    // Bontang is WITA (UTC+8): mid-month of PERIOD, then one second after its deadline.
    const mid = await runPkhInProcess(['report', 'sanctions', '--kabupaten', K, '--period', PERIOD, '--as-of', `${PERIOD}-15T08:00`, '--format', 'json', '--out', '-'], dataDir);
    expect(mid.code, mid.stderr).toBe(0);
    expect(JSON.parse(mid.stdout)).toMatchObject({ as_of: `${PERIOD}-15T00:00:00.000Z`, final: false });
    const after = await runPkhInProcess(['report', 'sanctions', '--kabupaten', K, '--period', PERIOD, '--as-of', `${periodAdd(PERIOD, 1)}-06T00:00:00+08:00`, '--format', 'json', '--out', '-'], dataDir);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ as_of: `${periodAdd(PERIOD, 1)}-05T16:00:00.000Z`, final: true });
  });

  it('--help: Indonesian and English usage, exit 0', async () => {
    const run = await runPkhInProcess(['report', '--help'], dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Penggunaan / Usage:');
    expect(run.stdout).toContain('--budget');
  });
});

describe('pkh report refuses wrong input with one line', () => {
  const ok = ['--kabupaten', K, '--period', PERIOD];
  const usageCases: [string, string[], RegExp][] = [
    ['unknown report', ['report', 'laporan', ...ok], /Laporan "laporan" tidak dikenal.* \/ Unknown report/],
    ['no report named', ['report', ...ok], /sebutkan laporannya/],
    ['two reports', ['report', 'scorecard', 'ranking', ...ok], /satu laporan saja/],
    ['unknown flag', ['report', 'scorecard', ...ok, '--bogus'], /Opsi salah untuk "pkh report".*--bogus/],
    ['missing --period', ['report', 'scorecard', '--kabupaten', K], /opsi --period wajib diisi/],
    ['missing --kabupaten', ['report', 'scorecard', '--period', PERIOD], /opsi --kabupaten wajib diisi/],
    ['period not YYYY-MM', ['report', 'scorecard', '--kabupaten', K, '--period', '2026-13'], /Periode "2026-13" tidak valid/],
    ['period in the future', ['report', 'scorecard', '--kabupaten', K, '--period', '2999-01'], /Periode 2999-01 belum dimulai/],
    ['period after the --as-of date', ['report', 'scorecard', ...ok, '--as-of', `${periodAdd(PERIOD, -1)}-28T23:59`], new RegExp(`Periode ${PERIOD} belum dimulai`)],
    ['--as-of not a timestamp', ['report', 'sanctions', ...ok, '--as-of', 'kemarin'], /--as-of "kemarin" tidak valid/],
    ['--as-of without a time', ['report', 'sanctions', ...ok, '--as-of', '2026-11-05'], /--as-of "2026-11-05" tidak valid/],
    ['unknown kabupaten', ['report', 'scorecard', '--kabupaten', '99.99', '--period', PERIOD], /Kabupaten "99\.99" tidak ada di referensi wilayah/],
    ['unknown format', ['report', 'scorecard', ...ok, '--format', 'json,docx'], /Format "docx" tidak dikenal/],
    ['--out - with csv', ['report', 'scorecard', ...ok, '--format', 'csv', '--out', '-'], /--out - hanya bisa dengan --format json atau --format txt/],
    ['--out - without --format', ['report', 'scorecard', ...ok, '--out', '-'], /--out - hanya bisa dengan --format json atau --format txt/],
    ['unknown language', ['report', 'scorecard', ...ok, '--lang', 'fr'], /Bahasa "fr" tidak dikenal/],
    ['unknown engine', ['report', 'scorecard', ...ok, '--engine', 'spark'], /--engine harus duckdb atau athena/],
    ['budget on the scorecard', ['report', 'scorecard', ...ok, '--budget', '1000', '--unit-cost', '10'], /hanya untuk laporan ranking/],
    ['budget without unit cost', ['report', 'ranking', ...ok, '--budget', '1.000.000'], /harus diberikan bersama/],
    ['budget not whole rupiah', ['report', 'ranking', ...ok, '--budget', '2,5 miliar', '--unit-cost', '3.000.000'], /--budget harus bilangan bulat rupiah/],
    ['unit cost zero', ['report', 'ranking', ...ok, '--budget', '1.000.000', '--unit-cost', '0'], /--unit-cost harus bilangan bulat rupiah/],
  ];

  it.for(usageCases)('%s → exit 2, one stderr line, nothing on stdout', async ([, args, message]) => {
    // Act
    const run = await runPkhInProcess(args, dataDir);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pkh: .+ \/ .+/);
    expect(lines[0]).toMatch(message);
  });

  it('--engine athena without ATHENA_WORKGROUP, GLUE_DATABASE, AWS_REGION → exit 1, one line naming them', async () => {
    const run = await runPkhInProcess(['report', 'scorecard', ...ok, '--engine', 'athena'], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/ATHENA_WORKGROUP, GLUE_DATABASE, AWS_REGION.* \/ --engine athena needs/)]);
  });

  it('--engine athena configured but without credentials → exit 1, one line, no SDK warning', async () => {
    const run = await runPkhInProcess(['report', 'scorecard', ...ok, '--engine', 'athena'], dataDir, {
      ATHENA_WORKGROUP: 'pkh',
      GLUE_DATABASE: 'pkh_lake',
      AWS_REGION: 'ap-southeast-3',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: 'pkh-test-no-such-profile',
      AWS_CONFIG_FILE: path.join(dataDir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dataDir, 'no-aws-credentials'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^pkh: Athena gagal: .+ \/ Athena failed: /)]);
  });

  it('--config that does not exist → exit 1, one line', async () => {
    const run = await runPkhInProcess(['report', 'scorecard', ...ok, '--config', path.join(dataDir, 'tidak-ada.json')], dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/Berkas konfigurasi .*tidak-ada\.json tidak ditemukan/)]);
  });

  it('--out naming a file, not a folder → exit 1, one line, nothing written', async () => {
    // Prepare
    const blocker = path.join(dataDir, 'bukan-folder');
    await writeFile(blocker, 'x');
    // Act
    const run = await runPkhInProcess(['report', 'scorecard', ...ok, '--out', blocker], dataDir);
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/Tidak bisa menulis laporan ke .*bukan-folder.* \/ Cannot write the report/)]);
    expect(await readFile(blocker, 'utf8')).toBe('x');
  });

  it('a config with a custom sanction ladder is echoed in the report', async () => {
    // Prepare
    const cfg = path.join(dataDir, 'cfg', 'pkh.json');
    await mkdir(path.dirname(cfg), { recursive: true });
    await writeFile(cfg, JSON.stringify({ sanction_ladder: ['teguran', 'sp1'] }));
    // Act
    const run = await runPkhInProcess(['report', 'sanctions', ...ok, '--config', cfg, '--format', 'json', '--out', '-'], dataDir);
    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).config.sanction_ladder).toEqual(['teguran', 'sp1']);
  });
});

describe('parseRupiah', () => {
  it.each([
    ['1.250.000', 1_250_000],
    ['1250000', 1_250_000],
    ['1,250,000', 1_250_000],
    ['Rp 3.000.000', 3_000_000],
    ['2.500.000.000', 2_500_000_000],
  ])('reads %s as %d', (text, value) => {
    expect(parseRupiah(text)).toBe(value);
  });

  it.each(['0', '-5', '1.25', '12.50.000', '1.250,000', 'satu juta', '', '1e9', '99999999999999999999'])('refuses %s', (text) => {
    expect(parseRupiah(text)).toBeUndefined();
  });
});
