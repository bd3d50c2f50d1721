/**
 * `pkh status` end to end: files ingested with `pkh ingest` into a small lake, a report written
 * by `pkh report`, and report files named as another version names them; the overview must say
 * what is there, per dataset and kabupaten, and which reports are final.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodRanges } from '../../cli/commands/status.js';
import { runPkh, tempDir, VALID } from '../ingest/helpers.js';

const A = VALID.activity_log;

let tmp: Awaited<ReturnType<typeof tempDir>>;
let lake: string;
let idOut: string;
let enOut: string;

beforeAll(async () => {
  tmp = await tempDir('pkh-status-');
  lake = tmp.path('lake');
  // Two uploads of activities for Klaten (33.10): January and February, then March and May with one bad row.
  const first = [A.header, ...[0, 1, 2].map((i) => A.row(i, { activity_date: '2026-01-12', submitted_at: '2026-01-12 15:00' })), A.row(3)];
  const second = [
    A.header,
    ...[10, 11].map((i) => A.row(i, { activity_date: '2026-03-02', submitted_at: '2026-03-02 15:00' })),
    A.row(12, { activity_date: '2026-05-04', submitted_at: '2026-05-04 15:00' }),
    A.row(13, { kpm_reached: '-4' }),
  ];
  const f1 = await tmp.file('aktivitas-jan-feb.csv', `${first.join('\n')}\n`);
  const f2 = await tmp.file('aktivitas-mar-mei.csv', `${second.join('\n')}\n`);
  const ingest = await runPkh(['ingest', '--dataset', 'activity_log', f1, f2], lake);
  expect(ingest.code).toBe(0);
  // A real report, and two report files named the way a later version names them.
  const report = await runPkh(['report', 'scorecard', '--kabupaten', '33.10', '--period', '2026-02', '--format', 'json,csv'], lake);
  expect(report.code).toBe(0);
  const named = path.join(lake, 'reports', 'daftar-sanksi', '33.10', '2026-05');
  await mkdir(named, { recursive: true });
  const base = { report: 'sanctions', kabupaten_code: '33.10', kabupaten_name: 'KABUPATEN KLATEN', generated_at: '2026-06-02T01:00:00.000Z' };
  await writeFile(path.join(named, 'daftar-sanksi-33.10-2026-05.json'), JSON.stringify({ ...base, period: '2026-05', as_of: '2026-06-10T01:00:00.000Z', final: true }));
  await writeFile(path.join(named, 'daftar-sanksi-33.10-2026-05.xlsx'), 'x');
  await writeFile(path.join(named, 'daftar-sanksi-33.10-2026-06-sementara-2026-06-15.json'), JSON.stringify({ ...base, period: '2026-06', as_of: '2026-06-15T01:00:00.000Z', final: false }));
  await writeFile(path.join(named, 'catatan.json'), '{"bukan":"laporan"}');
  idOut = (await runPkh(['status'], lake)).stdout;
  enOut = (await runPkh(['status', '--lang', 'en'], lake)).stdout;
});

afterAll(async () => {
  await tmp?.cleanup();
});

describe('pkh status', () => {
  it('per dataset and kabupaten: periods with data, rows, the latest upload with its rejected rows and workbook', () => {
    const lines = idOut.split('\n');
    expect(lines[0]).toBe(`Folder data: ${lake}`);
    expect(idOut).toContain('  activity_log (2 unggahan)');
    expect(idOut).toContain('    33.10 KABUPATEN KLATEN: 4 periode 2026-01..2026-03, 2026-05; 7 baris');
    expect(idOut).toMatch(/ {6}unggahan terakhir: .*aktivitas-mar-mei\.csv \(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\); ditolak 1 dari 4 baris/);
    expect(idOut).toMatch(new RegExp(` {6}perbaiki di: ${lake}/quarantine/activity_log/[0-9a-f]{16}\\.xlsx`));
    expect(idOut).not.toContain('roster');
  });

  it('lists every report JSON under the reports folder, whatever its name, with final or provisional', () => {
    const reports = idOut.slice(idOut.indexOf('Laporan ('));
    expect(reports).toContain('2026-06 sanctions 33.10 KABUPATEN KLATEN: sementara, data per 2026-06-15 01:00 UTC');
    expect(reports).toContain('2026-05 sanctions 33.10 KABUPATEN KLATEN: final, data per 2026-06-10 01:00 UTC');
    expect(reports).toContain('berkas: daftar-sanksi/33.10/2026-05/daftar-sanksi-33.10-2026-05.{json,xlsx}');
    expect(reports).toMatch(/2026-02 scorecard 33\.10 KABUPATEN KLATEN: /);
    expect(reports).not.toContain('catatan');
    // newest period first
    expect(reports.indexOf('2026-06 sanctions')).toBeLessThan(reports.indexOf('2026-05 sanctions'));
    expect(reports.indexOf('2026-05 sanctions')).toBeLessThan(reports.indexOf('2026-02 scorecard'));
  });

  it('speaks English with --lang en', () => {
    expect(enOut).toContain('  activity_log (2 uploads)');
    expect(enOut).toContain('4 periods 2026-01..2026-03, 2026-05; 7 rows');
    expect(enOut).toContain('1 of 4 rows rejected');
    expect(enOut).toContain(': provisional, data as of 2026-06-15 01:00 UTC');
    expect(enOut).not.toMatch(/unggahan|baris/);
  });

  it('an empty data folder says how to start; wrong usage is one line, exit 2; --help exits 0', async () => {
    const empty = await runPkh(['status'], tmp.path('kosong'));
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('Belum ada data.');
    const wrong = await runPkh(['status', '--lang', 'fr'], tmp.path('kosong'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trimEnd().split('\n')).toHaveLength(1);
    const help = await runPkh(['status', '--help'], tmp.path('kosong'));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('pkh status [--reports DIR] [--lang id|en]');
  });

  it('joins consecutive months into ranges', () => {
    expect(periodRanges(['2025-11', '2025-12', '2026-01', '2026-03'])).toBe('2025-11..2026-01, 2026-03');
    expect(periodRanges(['2026-03'])).toBe('2026-03');
    expect(periodRanges([])).toBe('');
  });
});
