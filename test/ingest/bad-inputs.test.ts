/**
 * SYSTEM.md "Reliability and security": every bad input a person can upload gets one clear line
 * (or a quarantine reason for a bad row), and nothing else in the same batch is lost. Run through
 * `pkh ingest` with several files at once, as a person would.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { craftZip, minimalWorkbook, sheetXml } from './readers/zip-craft.js';
import { ingestPath, lakeTable, openDuck, quarantineOf, rows, runPkhInProcess, tempDir, VALID, type CliRun, withTempAndDuck } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
const A = VALID.activity_log;

withTempAndDuck((t, d) => ((tmp = t), (duck = d)));

function csv(header: string, lines: string[]): string {
  return `${[header, ...lines].join('\n')}\n`;
}

/** The error lines of a run: each one line, naming its file, Indonesian / English, no stack. */
function errorLines(run: CliRun): string[] {
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  for (const l of lines) {
    expect(l).toMatch(/^pkh: .+ \/ .+/);
    expect(l).not.toMatch(/^\s+at /);
  }
  return lines;
}

function lineFor(lines: string[], file: string): string {
  const found = lines.filter((l) => l.includes(file));
  expect(found, `one error line for ${file}`).toHaveLength(1);
  return found[0];
}

async function workbook(rowsOf: string[][]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  for (const r of rowsOf) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a batch of activity_log files, most of them bad', () => {
  let run: CliRun;
  let errors: string[];
  const lake = () => tmp.path('lake-batch');
  const f = (name: string) => tmp.path(name);

  beforeAll(async () => {
    // Prepare
    const header = A.header;
    await tmp.file('baik-1.csv', csv(header, [A.row(1), A.row(2), A.row(3)]));
    await tmp.file('kosong.csv', '');
    await tmp.file('hanya-header.csv', csv(header, []));
    await tmp.file('tanpa-tanggal.csv', csv(header.replace('activity_date,', ''), [A.row(4).replace(',2026-02-10,', ',')]));
    await tmp.file('kolom-ganda.csv', csv(`${header},kode_kabupaten`, [`${A.row(5)},33.10`]));
    await tmp.file('pakai-tab.csv', csv(header.replaceAll(',', '\t'), [A.row(6).replaceAll(',', '\t')]));
    await tmp.file('ber-bom.csv', `\ufeff${csv(header, [A.row(7)])}`);
    await tmp.file('windows-1252.csv', iconv.encode(csv(header, [A.row(8, { description: 'Pemberdayaan ekonomi – café “UMKM”' })]), 'win1252'));
    await tmp.file('tidak-rata.csv', csv(header, [A.row(9), `${A.row(10)},kelebihan`, 'ACT-11,PD-1', A.row(12)]));
    await tmp.file('kutip-terbuka.csv', csv(header, [A.row(13), A.row(14, { description: 'x' }).replace(',x', ',"tidak ditutup'), A.row(15)]));
    await tmp.file('biner.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await tmp.file('sebenarnya-xlsx.csv', await workbook([header.split(','), A.row(16).split(','), A.row(17).split(',')]));
    await tmp.file('bom-zip.xlsx', craftZip(minimalWorkbook(Buffer.alloc(20 * 1024 * 1024, 0x20))));
    await tmp.file('baik-2.jsonl', `${JSON.stringify({ activity_id: 'J-1', facilitator_id: 'PD-3310-0001', activity_date: '2026-02-11', kabupaten_code: '33.10', kecamatan_code: '33.10.02', activity_type: 'administrasi', kpm_reached: 0, submitted_at: '2026-02-11T09:00:00+07:00' })}\n`);
    // A 100 MB data line.
    const long = createWriteStream(f('satu-baris-100mb.csv'));
    long.write(`${header}\nACT-L,PD-1,2026-02-10,33.10,33.10.01,,administrasi,1,2026-02-10 10:00,`);
    const block = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 100; i++) if (!long.write(block)) await once(long, 'drain');
    long.end('\n');
    await once(long, 'finish');
    const files = [
      'baik-1.csv',
      'kosong.csv',
      'hanya-header.csv',
      'tanpa-tanggal.csv',
      'kolom-ganda.csv',
      'pakai-tab.csv',
      'ber-bom.csv',
      'windows-1252.csv',
      'tidak-rata.csv',
      'kutip-terbuka.csv',
      'biner.csv',
      'tidak-ada.csv',
      'sebenarnya-xlsx.csv',
      'bom-zip.xlsx',
      'satu-baris-100mb.csv',
      'baik-2.jsonl',
    ].map(f);
    // Act
    run = await runPkhInProcess(['ingest', '--dataset', 'activity_log', ...files], lake());
    errors = errorLines(run);
  }, 120_000);

  it('exits 1, with one error line per unreadable file and none for the others', () => {
    expect(run.code).toBe(1);
    expect(errors).toHaveLength(9);
    expect(run.stdout).toContain('7/16 berkas diproses / files processed');
  });

  it('empty file: says it is empty', () => {
    expect(lineFor(errors, 'kosong.csv')).toMatch(/kosong \(baris 1\).* is empty/);
  });

  it('header only: 0 rows read, not an error', () => {
    expect(run.stdout).toContain(`${f('hanya-header.csv')}: dibaca 0 baris, diterima 0, ditolak 0; 0 partisi, 0 objek`);
  });

  it('missing required column: names the column', () => {
    expect(lineFor(errors, 'tanpa-tanggal.csv')).toMatch(/Kolom wajib "activity_date" tidak ada.*tanggal, tanggal_kegiatan.*Required column "activity_date" is missing/);
  });

  it('duplicated column: names both header cells', () => {
    expect(lineFor(errors, 'kolom-ganda.csv')).toMatch(/"kabupaten_code", "kode_kabupaten".*"kabupaten_code"/);
  });

  it('wrong delimiter (tab): the header reads as one column, with a hint', () => {
    expect(lineFor(errors, 'pakai-tab.csv')).toMatch(/Kolom wajib .*pemisah tab.* separated by tab/);
  });

  it('unterminated quote: names the line where it opens', () => {
    expect(lineFor(errors, 'kutip-terbuka.csv')).toMatch(/baris 3 .* line 3 /);
  });

  it('binary garbage: not a CSV', () => {
    expect(lineFor(errors, 'biner.csv')).toMatch(/bukan berkas CSV\/teks .* is not a CSV\/text file/);
  });

  it('a file that does not exist: not found', () => {
    expect(lineFor(errors, 'tidak-ada.csv')).toMatch(/tidak ditemukan.* not found/);
  });

  it('an XLSX zip bomb: rejected before inflating', () => {
    expect(lineFor(errors, 'bom-zip.xlsx')).toContain('zip bomb');
  });

  it('a 100 MB single line: line too long', () => {
    expect(lineFor(errors, 'satu-baris-100mb.csv')).toMatch(/Baris 2 .*16 MiB.*Line 2 /);
  });

  it('BOM, Windows-1252, ragged rows, a workbook named .csv and JSON Lines go in; their rows are all in the lake', async () => {
    for (const ok of ['baik-1.csv', 'ber-bom.csv', 'windows-1252.csv', 'tidak-rata.csv', 'sebenarnya-xlsx.csv', 'baik-2.jsonl']) {
      expect(run.stdout, ok).toContain(`${f(ok)}: dibaca`);
    }
    const got = await rows(duck.con, `SELECT activity_id, description FROM ${lakeTable(lake(), 'activity_log')} ORDER BY activity_id`);
    expect(got.map((r) => r.activity_id)).toEqual(['ACT-1', 'ACT-12', 'ACT-16', 'ACT-17', 'ACT-2', 'ACT-3', 'ACT-7', 'ACT-8', 'ACT-9', 'J-1']);
    expect(got.find((r) => r.activity_id === 'ACT-8')?.description).toBe('Pemberdayaan ekonomi – café “UMKM”');
  });

  it('ragged rows are quarantined with ragged_row alone, their raw cells kept', async () => {
    expect(run.stdout).toContain(`${f('tidak-rata.csv')}: dibaca 4 baris, diterima 2, ditolak 2 (ragged_row: 2)`);
    const store = new FolderStore(lake());
    const all = (
      await Promise.all((await store.list('quarantine/activity_log/')).map(async (o) => Buffer.from(await store.get(o.key)).toString('utf8')))
    ).join('');
    const ragged = all
      .split('\n')
      .filter((l) => l.includes('ragged_row'))
      .map((l) => JSON.parse(l));
    expect(ragged.map((r) => [r.row, r.errors.map((e: { code: string }) => e.code)])).toEqual([
      [3, ['ragged_row']],
      [4, ['ragged_row']],
    ]);
    // Only cells of the dataset's columns are kept: the extra cell has no column, so it is not stored.
    expect(ragged[0].raw['#11']).toBeUndefined();
    expect(ragged[0].raw.activity_id).toBe('ACT-10');
    expect(ragged[1].raw).toEqual({ activity_id: 'ACT-11', facilitator_id: 'PD-1' });
  });
});

describe('limits from --config', () => {
  it('a file over max_file_bytes and a sheet or CSV over max_rows are rejected; a small file still goes in', async () => {
    // Prepare
    const config = await tmp.file('batas.json', JSON.stringify({ limits: { max_rows: 5, max_file_bytes: 10_000 } }));
    const many = Array.from({ length: 8 }, (_, i) => A.row(100 + i));
    await tmp.file('terlalu-banyak.csv', csv(A.header, many));
    await tmp.file('terlalu-banyak.xlsx', await workbook([A.header.split(','), ...many.map((r) => r.split(','))]));
    await tmp.file('terlalu-besar.csv', csv(A.header, [A.row(200, { description: 'y'.repeat(12_000) })]));
    await tmp.file('kecil.csv', csv(A.header, [A.row(300)]));
    const names = ['terlalu-banyak.csv', 'terlalu-banyak.xlsx', 'terlalu-besar.csv', 'kecil.csv'];
    // Act
    const run = await runPkhInProcess(['ingest', '--dataset', 'activity_log', '--config', config, ...names.map((n) => tmp.path(n))], tmp.path('lake-limits'));
    // Assess
    expect(run.code).toBe(1);
    const errors = errorLines(run);
    expect(errors).toHaveLength(3);
    expect(lineFor(errors, 'terlalu-banyak.csv')).toMatch(/lebih dari 5 baris data .*more than 5 data rows/);
    expect(lineFor(errors, 'terlalu-banyak.xlsx')).toMatch(/lebih dari 5 baris data/);
    expect(lineFor(errors, 'terlalu-besar.csv')).toMatch(/melebihi batas .*over the .* limit/);
    expect(run.stdout).toContain(`${tmp.path('kecil.csv')}: dibaca 1 baris, diterima 1`);
  });
});

describe('wrong usage', () => {
  it('an unknown dataset name is one line and exit 2, before any file is read', async () => {
    const file = await tmp.file('apa-saja.csv', csv(A.header, [A.row(1)]));
    const run = await runPkhInProcess(['ingest', '--dataset', 'aktivitas', file], tmp.path('lake-usage'));
    expect(run.code).toBe(2);
    expect(errorLines(run)).toHaveLength(1);
    expect(run.stderr).toMatch(/Dataset "aktivitas" tidak dikenal.*roster, monthly_report, activity_log, disbursement, kecamatan_profile/);
  });
});

describe('bad rows inside a good file', () => {
  let lake: string;
  let result: Awaited<ReturnType<typeof ingestPath>>;
  let quarantine: Awaited<ReturnType<typeof quarantineOf>>;
  const nik = '3310012345678901';

  beforeAll(async () => {
    // Prepare
    lake = tmp.path('lake-rows');
    const lines = [
      A.row(1),
      A.row(2, { kecamatan_code: '33.10.99', desa_code: '' , activity_type: 'administrasi' }),
      A.row(3, { kecamatan_code: '64.02.01', desa_code: '', activity_type: 'administrasi' }),
      A.row(4, { activity_date: '2026-02-30' }),
      A.row(5, { activity_date: '2099-01-01', submitted_at: '2099-01-01 10:00' }),
      A.row(6, { kpm_reached: '-5' }),
      A.row(7, { kpm_reached: 'lima' }),
      A.row(8, { facilitator_id: nik }),
      A.row(9, { description: `KPM dengan NIK ${nik} sudah dikunjungi` }),
      A.row(10, { description: '=HYPERLINK("http://contoh.invalid","klik")' }),
      A.row(11, { description: '<script>alert("pkh")</script>' }),
      A.row(12),
    ];
    const file = await tmp.file('baris-buruk.csv', csv(A.header, lines));
    // Act
    result = await ingestPath('activity_log', file, lake);
    quarantine = await quarantineOf(lake, result);
  });

  const reasonsOf = (row: number) => quarantine.find((q) => q.row === row)?.errors.map((e) => `${e.column}:${e.code}`);

  it('counts them: rows_read = accepted + rejected, per code', () => {
    expect(result).toMatchObject({ rows_read: 12, rows_accepted: 5, rows_rejected: 7 });
    expect(result.rejected_by_code).toEqual({ future_date: 1, invalid_date: 1, invalid_format: 1, out_of_range: 1, pii_nik: 1, unknown_wilayah: 1, wilayah_mismatch: 1 });
  });

  it('quarantines each with its reason', () => {
    expect(reasonsOf(3)).toEqual(['kecamatan_code:unknown_wilayah']);
    expect(reasonsOf(4)).toEqual(['kecamatan_code:wilayah_mismatch']);
    expect(reasonsOf(5)).toEqual(['activity_date:invalid_date']);
    expect(reasonsOf(6)).toContain('activity_date:future_date');
    expect(reasonsOf(7)).toEqual(['kpm_reached:out_of_range']);
    expect(reasonsOf(8)).toEqual(['kpm_reached:invalid_format']);
    expect(reasonsOf(9)).toEqual(['facilitator_id:pii_nik']);
  });

  it('never stores a NIK: masked in the quarantine and in free text', async () => {
    const text = await readFile(path.join(lake, result.quarantineKey!), 'utf8');
    expect(text).not.toContain(nik);
    expect(quarantine.find((q) => q.row === 9)?.raw.facilitator_id).toBe('************8901');
    const got = await rows(duck.con, `SELECT description FROM ${lakeTable(lake, 'activity_log')} WHERE activity_id = 'ACT-9'`);
    expect(got[0].description).toBe('KPM dengan NIK ************8901 sudah dikunjungi');
  });

  it('stores formula and script payloads as plain text, unchanged', async () => {
    const got = await rows(duck.con, `SELECT activity_id, description FROM ${lakeTable(lake, 'activity_log')} WHERE activity_id IN ('ACT-10', 'ACT-11') ORDER BY 1`);
    expect(got.map((r) => r.description)).toEqual(['=HYPERLINK("http://contoh.invalid","klik")', '<script>alert("pkh")</script>']);
  });

  it('disbursement: amount_disbursed above amount_allocated is a cross_field rejection', async () => {
    const D = VALID.disbursement;
    const file = await tmp.file('penyaluran.csv', csv(D.header, [D.row(1), D.row(2, { amount_disbursed: '900.000' }), D.row(3)]));
    const r = await ingestPath('disbursement', file, tmp.path('lake-dsb'));
    const q = await quarantineOf(tmp.path('lake-dsb'), r);
    expect(r).toMatchObject({ rows_read: 3, rows_accepted: 2, rows_rejected: 1, rejected_by_code: { cross_field: 1 } });
    expect(q[0].errors.map((e) => e.column)).toEqual(['amount_disbursed']);
  });
});
