/**
 * No 16-digit NIK reaches the lake. Generated data of all five datasets, with rows rejected as
 * pii_nik (a NIK in kpm_id, facilitator_id, supervisor_id, reconciled_by) and NIKs planted in
 * description and notes, in an unknown column and in otherwise rejected rows, is ingested; then
 * every string column of every Parquet object is scanned with DuckDB for a run of exactly 16
 * digits, and the quarantine and manifests are scanned as text. NIKs appear only masked
 * (`************1234`); 15- and 17-digit numbers are left as written.
 *
 * Also proven elsewhere: test/schemas/common-rules.test.ts (the rules and messages),
 * test/ingest/bad-inputs.test.ts (one NIK in facilitator_id and one in a description, through
 * pkh's ingest core), test/generator/realism.test.ts (NIK-like numbers in generated free text).
 */
import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../functions/generator/index.js';
import type { IngestResult } from '../../functions/ingest/index.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { getDataset } from '../../schemas/index.js';
import { ingestPath, lakeTable, openDuck, rows, tempDir, VALID } from '../ingest/helpers.js';
import { DATASET_NAMES, generateKukar } from '../integration/generated.js';
import { masked, NIKS, NOT_NIKS, plantInCsv } from './planted.js';

const NOW = Date.now();
/** A run of exactly 16 digits (DuckDB's RE2 has no lookbehind). */
const SIXTEEN_SQL = `'(^|[^0-9])[0-9]{16}([^0-9]|$)'`;
const SIXTEEN = /(?<![0-9])[0-9]{16}(?![0-9])/;

/** What a person sees in an object: a correction workbook's cells and notes, or the text itself. */
async function textOf(key: string, bytes: Uint8Array): Promise<string> {
  if (!key.endsWith('.xlsx')) return Buffer.from(bytes).toString('utf8');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        out.push(String(cell.value ?? ''));
        const note = cell.note as string | { texts?: { text: string }[] } | undefined;
        if (note) out.push(typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join(''));
      }),
    );
  }
  return out.join('\n');
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let generated: GenerateResult;
const results: IngestResult[] = [];
const lake = () => tmp.path('lake');

beforeAll(async () => {
  // Prepare: 5 % bad rows of every kind (pii_nik among them), then NIKs planted.
  tmp = await tempDir('pkh-pii-');
  duck = await openDuck();
  generated = await generateKukar(tmp.path('in'), { months: 2, invalidRate: 0.05, seed: 17, now: NOW });
  const files: Record<string, string> = { ...generated.files };
  await plantInCsv(generated.files.activity_log, 'description', 40, (files.activity_log = tmp.path('aktivitas-nik.csv')));
  await plantInCsv(generated.files.monthly_report, 'notes', 5, (files.monthly_report = tmp.path('laporan-nik.csv')));
  // A hand-made file: a NIK in a row rejected for its date, in a ragged row, in facilitator_id and in activity_id.
  const A = VALID.activity_log;
  const extra = [
    A.header,
    A.row(1, { description: `NIK ${NIKS[0]} ditolak karena tanggal`, activity_date: '2026-02-30' }),
    `ACT-2,PD-3310-0001,${NIKS[1]}`,
    A.row(3, { facilitator_id: NIKS[2] }),
    A.row(4, { description: `catatan ${NIKS[3]}` }),
    A.row(5, { activity_id: NIKS[4] }),
  ].join('\n');
  await writeFile(tmp.path('aktivitas-tangan.csv'), `${extra}\n`);
  // Act
  for (const d of DATASET_NAMES) results.push(await ingestPath(d, files[d], lake(), { now: NOW }));
  results.push(await ingestPath('activity_log', tmp.path('aktivitas-tangan.csv'), lake(), { now: Date.parse('2026-03-15T12:00:00Z') }));
}, 120_000);

afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('no NIK is stored', () => {
  it('rejected pii_nik rows of every dataset that has them, counted in the manifests', () => {
    const byCode = (name: string) => results.filter((r) => r.dataset === name).reduce((n, r) => n + (r.rejected_by_code.pii_nik ?? 0), 0);
    for (const d of ['roster', 'monthly_report', 'activity_log', 'disbursement'] as const) expect(byCode(d), d).toBeGreaterThan(0);
    expect(byCode('disbursement')).toBe(generated.invalidByCode.disbursement.pii_nik);
  });

  it('no string column of any Parquet object holds a run of 16 digits', async () => {
    let scanned = 0;
    for (const d of DATASET_NAMES) {
      const strings = getDataset(d).storageColumns.filter((c) => c.type === 'string').map((c) => c.name);
      const found = await rows(
        duck.con,
        `SELECT ${strings.map((c) => `count(*) FILTER (WHERE regexp_matches(${c}, ${SIXTEEN_SQL})) AS "${c}"`).join(', ')}, count(*) AS n FROM ${lakeTable(lake(), d)}`,
      );
      const { n, ...perColumn } = found[0];
      expect(Object.values(perColumn).every((v) => v === '0'), `${d}: ${JSON.stringify(perColumn)}`).toBe(true);
      scanned += Number(n);
    }
    expect(scanned).toBeGreaterThan(40_000);
  });

  it('stores only the schema columns: the unknown nik_kpm column is not in any Parquet object', async () => {
    for (const d of ['activity_log', 'monthly_report'] as const) {
      const described = await rows(duck.con, `DESCRIBE SELECT * FROM ${lakeTable(lake(), d)}`);
      const expected = [...getDataset(d).storageColumns.map((c) => c.name), ...getDataset(d).partitionKeys];
      expect(described.map((r) => r.column_name).sort()).toEqual(expected.sort());
    }
  });

  it('keeps the rows that carried a NIK in free text, with the NIK masked to its last 4 digits', async () => {
    const got = await rows(duck.con, `SELECT description FROM ${lakeTable(lake(), 'activity_log')} WHERE description LIKE '%************%'`);
    const texts = got.map((r) => String(r.description));
    expect(texts.length).toBeGreaterThan(50);
    expect(texts).toContain(`KPM dengan NIK ${masked(NIKS[0])} sudah dikunjungi`);
    expect(texts).toContain(masked(NIKS[1]));
    expect(texts).toContain(`nik:${masked(NIKS[2])};alamat RT 02`);
    expect(texts).toContain(`dua KPM (${masked(NIKS[3])}) dan (${masked(NIKS[4])}) belum hadir`);
    const notes = await rows(duck.con, `SELECT count(*) AS n FROM ${lakeTable(lake(), 'monthly_report')} WHERE notes = 'NIK ${masked(NIKS[0])}, NIK ${masked(NIKS[1])}.'`);
    expect(Number(notes[0].n)).toBeGreaterThan(0);
  });

  it('leaves 15- and 17-digit numbers as written', async () => {
    const got = await rows(duck.con, `SELECT DISTINCT description FROM ${lakeTable(lake(), 'activity_log')} WHERE description LIKE 'nomor rekening%'`);
    expect(got.map((r) => r.description)).toEqual([`nomor rekening ${NOT_NIKS[0]} dan kartu ${NOT_NIKS[1]}`]);
  });

  it('the quarantine, manifests and every other object hold NIKs only masked, the unknown column and ragged rows included', async () => {
    const store = new FolderStore(lake());
    const texts = await Promise.all(
      (await store.list('')).filter((o) => !o.key.endsWith('.parquet')).map(async (o) => [o.key, await textOf(o.key, await store.get(o.key))] as const),
    );
    expect(texts.filter(([k]) => k.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(4);
    expect(texts.filter(([k]) => k.startsWith('quarantine/')).length).toBeGreaterThanOrEqual(4);
    for (const [key, text] of texts) expect(SIXTEEN.exec(text)?.[0], key).toBeUndefined();
    const quarantine = texts.filter(([k]) => k.startsWith('quarantine/')).map(([, t]) => t).join('\n');
    for (const nik of NIKS.slice(0, 3)) expect(quarantine).toContain(masked(nik));
    // The column the schema does not know is not kept in the quarantine's raw cells at all.
    expect(quarantine).not.toContain('"nik_kpm"');
    // The hand-made file: rejected date row, ragged row and NIK in facilitator_id, each masked.
    const hand = results.at(-1)!;
    const lines = (await readFile(path.join(lake(), hand.quarantineKey!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect([lines[0].raw.description, lines[1].raw.activity_date, lines[2].raw.facilitator_id, lines[3].raw.activity_id]).toEqual([
      `NIK ${masked(NIKS[0])} ditolak karena tanggal`,
      masked(NIKS[1]),
      masked(NIKS[2]),
      masked(NIKS[4]),
    ]);
    expect(lines.map((l) => l.errors[0].code)).toEqual(['invalid_date', 'ragged_row', 'pii_nik', 'pii_nik']);
  });
});
