/** `pkh ingest` as a person uses it: summaries, exit codes, usage errors (through the dispatcher, in process; test/cli/smoke.test.ts runs real processes). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressBar, summaryLines } from '../../cli/commands/ingest.js';
import type { IngestResult } from '../../functions/ingest/index.js';
import { runPkhInProcess, tempDir, VALID } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
const A = VALID.activity_log;

beforeAll(async () => {
  tmp = await tempDir('pkh-cli-ingest-');
});
afterAll(async () => {
  await tmp?.cleanup();
});

describe('pkh ingest summary', () => {
  it('prints rows read, accepted, rejected by code, partitions, objects, unknown columns, the quarantine and the correction workbook, Indonesian then English', async () => {
    // Prepare: 1,200 rows over two months, 3 bad, one unknown column.
    const lines = [`${A.header},catatan_lain`];
    for (let i = 0; i < 1200; i++) {
      const bad = i === 5 ? { kpm_reached: '-1' } : i === 6 ? { facilitator_id: '3310012345678901' } : i === 7 ? { kpm_reached: '' } : {};
      lines.push(`${A.row(i, { activity_date: i % 2 ? '2026-01-15' : '2026-02-10', ...bad })},x`);
    }
    const file = await tmp.file('aktivitas.csv', `${lines.join('\n')}\n`);
    const lake = tmp.path('lake');
    // Act
    const run = await runPkhInProcess(['ingest', '--dataset', 'activity_log', file], lake);
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout.trimEnd().split('\n');
    expect(out[0]).toBe(`${file}: dibaca 1.200 baris, diterima 1.197, ditolak 3 (out_of_range: 1, pii_nik: 1, required: 1); 2 partisi, 2 objek; kolom tidak dikenal: catatan_lain`);
    expect(out[1]).toBe('  read 1,200 rows, accepted 1,197, rejected 3 (out_of_range: 1, pii_nik: 1, required: 1); 2 partitions, 2 objects; unknown columns: catatan_lain');
    expect(out[2]).toMatch(new RegExp(`^  karantina / quarantine: ${lake}/quarantine/activity_log/[0-9a-f]{16}\\.jsonl$`));
    expect(out[3]).toBe(`  buku kerja perbaikan / correction workbook: ${out[2].slice(out[2].indexOf(': ') + 2).replace(/\.jsonl$/, '.xlsx')}`);
    expect(out).toHaveLength(4);
  });

  it('formats a summary without rejections or unknown columns, English nouns singular for one (regression: "1 partitions")', () => {
    const r = { source: 'a.csv', rows_read: 2, rows_accepted: 2, rows_rejected: 0, rejected_by_code: {}, unknown_columns: [], partitions: [{ kabupaten_code: '33.10', rows: 2, objects: 1 }], objectKeys: ['a'] } as unknown as IngestResult;
    expect(summaryLines('a.csv', r, undefined)).toEqual(['a.csv: dibaca 2 baris, diterima 2, ditolak 0; 1 partisi, 1 objek', '  read 2 rows, accepted 2, rejected 0; 1 partition, 1 object']);
    const one = { ...r, rows_read: 1, rows_accepted: 1, partitions: [{ kabupaten_code: '33.10', rows: 1, objects: 1 }, { kabupaten_code: '33.11', rows: 0, objects: 2 }], objectKeys: ['a', 'b', 'c'] } as IngestResult;
    expect(summaryLines('a.csv', one, undefined)[1]).toBe('  read 1 row, accepted 1, rejected 0; 2 partitions, 3 objects');
  });

  it('the progress bar only moves forward: hashing fills the first tenth, then the ingest the rest (regression: 97 % then 4 %)', () => {
    const bar = progressBar('a.csv');
    const percent = (line: string) => Number(/(\d+)%/.exec(line)![1]);
    const seen = [
      bar({ phase: 'hash', bytes: 50, totalBytes: 100, rows: 0 }),
      bar({ phase: 'hash', bytes: 97, totalBytes: 100, rows: 0 }),
      bar({ phase: 'ingest', bytes: 4, totalBytes: 100, rows: 10 }),
      bar({ phase: 'ingest', bytes: 50, totalBytes: 100, rows: 500 }),
      bar({ phase: 'ingest', bytes: 10, totalBytes: 100, rows: 100 }), // read again after a fallback
      bar({ phase: 'ingest', bytes: 100, totalBytes: 100, rows: 1000 }),
    ].map(percent);
    expect(seen).toEqual([5, 9, 13, 55, 55, 100]);
    expect(bar({ phase: 'ingest', bytes: 100, totalBytes: 100, rows: 1 })).toContain('1 baris / 1 row');
  });
});

describe('pkh ingest usage', () => {
  it.each([
    [['ingest', 'a.csv'], /--dataset wajib diisi.*--dataset is required/],
    [['ingest', '--dataset', 'roster'], /minimal satu berkas.*at least one file/],
    [['ingest', '--dataset', 'roster', '--format', 'x', 'a.csv'], /Opsi salah untuk "pkh ingest".*Wrong options for "pkh ingest"/],
  ])('%j is wrong usage: one line, exit 2', async (args, message) => {
    const run = await runPkhInProcess(args, tmp.path('lake-usage'));
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await runPkhInProcess(['ingest', '--help'], tmp.path('lake-usage'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pkh ingest --dataset <nama/name> [--config FILE] [--lang id|en] <berkas/file>...');
  });

  it('a bad --config is one line and nothing is ingested', async () => {
    const config = await tmp.file('salah.json', '{"limits": {"max_rows": -3}}');
    const file = await tmp.file('satu.csv', `${A.header}\n${A.row(1)}\n`);
    const run = await runPkhInProcess(['ingest', '--dataset', 'activity_log', '--config', config, file], tmp.path('lake-config'));
    expect(run.code).not.toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('salah.json');
    expect(run.stdout).toBe('');
  });
});
