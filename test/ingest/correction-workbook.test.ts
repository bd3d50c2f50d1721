/**
 * The correction workbook (SYSTEM.md "Command line") end to end through `pkh ingest`: a file
 * with bad rows → the workbook beside the quarantine → the marked cells fixed by program, as a
 * facilitator would in Excel → `pkh ingest` of the workbook as the same dataset → the rows are in.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCorrectionWorkbook, CORRECTION_MAX_ROWS, EXPLANATION_HEADERS } from '../../functions/ingest/correction-workbook.js';
import type { QuarantineEntry } from '../../functions/ingest/index.js';
import { getDataset } from '../../schemas/index.js';
import { lakeTable, openDuck, rows, runPkh, tempDir, VALID } from './helpers.js';

const A = VALID.activity_log;
const NIK = '3310012345678901';
const COLUMNS = getDataset('activity_log').columns.map((c) => c.name);

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir('pkh-correction-');
});
afterAll(async () => {
  await tmp?.cleanup();
});

/** Bad rows of the upload: which cells fail, and the value a facilitator would type instead. */
const BAD: Record<number, { over: Record<string, string>; fix: Record<string, string>; codes: string[] }> = {
  3: { over: { kpm_reached: '-1' }, fix: { kpm_reached: '4' }, codes: ['out_of_range'] },
  7: { over: { activity_date: '2026-02-30' }, fix: { activity_date: '2026-02-09' }, codes: ['invalid_date'] },
  11: { over: { facilitator_id: NIK }, fix: { facilitator_id: 'PD-3310-0011' }, codes: ['pii_nik'] },
  15: {
    over: { kecamatan_code: '33.99.01', activity_type: 'ronda_malam' },
    fix: { kecamatan_code: '33.10.01', activity_type: 'p2k2' },
    codes: ['unknown_value', 'unknown_wilayah'],
  },
};

function cellText(cell: ExcelJS.Cell): string {
  return cell.value === null || cell.value === undefined ? '' : String(cell.value);
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | { texts?: { text: string }[] } | undefined;
  if (!note) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

describe('correction workbook round trip through pkh ingest', () => {
  it('bad rows → workbook with marked cells → fixed by program → ingested as the same dataset', async () => {
    // Arrange: 20 rows, 4 bad; the header uses an Indonesian alias and carries a beneficiary-name column
    const header = A.header.replace('activity_id', 'ID Aktivitas').concat(',nama_kpm');
    const lines = [header];
    for (let i = 0; i < 20; i++) lines.push(`${A.row(i, BAD[i]?.over ?? {})},Ibu Sumarni ${i}`);
    const upload = await tmp.file('aktivitas-feb.csv', `${lines.join('\n')}\n`);
    const lake = tmp.path('lake');

    // Act 1: ingest the upload
    const first = await runPkh(['ingest', '--dataset', 'activity_log', upload], lake);

    // Assess 1: the summary names the workbook beside the quarantine
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('dibaca 20 baris, diterima 16, ditolak 4');
    const m = /buku kerja perbaikan \/ correction workbook: (.+\.xlsx)$/m.exec(first.stdout);
    expect(m).not.toBeNull();
    const workbookPath = m![1];
    expect(path.dirname(workbookPath)).toBe(path.join(lake, 'quarantine', 'activity_log'));
    expect(first.stdout).toContain(`karantina / quarantine: ${workbookPath.replace(/\.xlsx$/, '.jsonl')}`);

    // Assess 2: the workbook as Excel shows it
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbookPath);
    const ws = wb.worksheets[0];
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual([...COLUMNS, EXPLANATION_HEADERS.id.row, EXPLANATION_HEADERS.id.errors]);
    expect(ws.actualRowCount).toBe(1 + 4);
    const badRows = Object.keys(BAD).map(Number);
    for (let r = 2; r <= 5; r++) {
      const row = ws.getRow(r);
      const i = badRows[r - 2];
      const bad = BAD[i];
      expect(row.getCell(COLUMNS.length + 1).value).toBe(i + 2); // line in the upload (header is line 1)
      expect(cellText(row.getCell(COLUMNS.indexOf('activity_id') + 1))).toBe(`ACT-${i}`);
      for (const [c, name] of COLUMNS.entries()) {
        const cell = row.getCell(c + 1);
        const failing = name in bad.over;
        expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFF8D3D0', `${name} of row ${i}`).toBe(failing);
        expect(noteText(cell) !== '', `note of ${name} of row ${i}`).toBe(failing);
        expect(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Null).toBe(true);
      }
      const explanation = cellText(row.getCell(COLUMNS.length + 2)).split('\n');
      expect(explanation).toHaveLength(bad.codes.length);
      for (const line of explanation) expect(line).toMatch(/^• .+ → .+/);
    }
    const nikRow = ws.getRow(2 + badRows.indexOf(11));
    const nikCell = nikRow.getCell(COLUMNS.indexOf('facilitator_id') + 1);
    expect(nikCell.value).toBeNull(); // left empty: a masked id must not slip through a re-upload
    expect(noteText(nikCell)).toContain('************8901');
    expect(cellText(nikRow.getCell(COLUMNS.length + 2))).toContain('NIK');
    // no beneficiary name, no unknown column, no 16-digit run anywhere in the workbook
    const everything: string[] = [];
    for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((cell) => everything.push(cellText(cell), noteText(cell))));
    expect(everything.join('\n')).not.toMatch(/Sumarni|nama_kpm|\d{16}/);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Perbaiki', 'Petunjuk']);

    // Act 2: a facilitator fixes the red cells (here by program) and saves a copy
    badRows.forEach((i, n) => {
      const row = ws.getRow(n + 2);
      for (const [name, value] of Object.entries(BAD[i].fix)) {
        const cell = row.getCell(COLUMNS.indexOf(name) + 1);
        cell.value = value;
        cell.fill = { type: 'pattern', pattern: 'none' };
      }
    });
    const fixed = tmp.path('aktivitas-feb-diperbaiki.xlsx');
    await wb.xlsx.writeFile(fixed);
    const second = await runPkh(['ingest', '--dataset', 'activity_log', fixed], lake);

    // Assess 3: every corrected row is accepted; the explanation columns are ignored and listed
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain('dibaca 4 baris, diterima 4, ditolak 0');
    expect(second.stdout).toContain(`kolom tidak dikenal: ${EXPLANATION_HEADERS.id.row}, ${EXPLANATION_HEADERS.id.errors}`);
    expect(second.stdout).not.toContain('correction workbook');
    const duck = await openDuck();
    try {
      const stored = await rows(
        duck.con,
        `SELECT activity_id, facilitator_id, CAST(activity_date AS VARCHAR) AS activity_date, kecamatan_code, activity_type, kpm_reached
         FROM ${lakeTable(lake, 'activity_log')} WHERE _source = '${fixed.replaceAll("'", "''")}' ORDER BY _row`,
      );
      expect(stored.map((r) => r.activity_id)).toEqual(badRows.map((i) => `ACT-${i}`));
      expect(stored[0].kpm_reached).toBe(4);
      expect(stored[1].activity_date).toBe('2026-02-09');
      expect(stored[2].facilitator_id).toBe('PD-3310-0011');
      expect([stored[3].kecamatan_code, stored[3].activity_type]).toEqual(['33.10.01', 'p2k2']);
      const all = await rows(duck.con, `SELECT count(*) AS n FROM ${lakeTable(lake, 'activity_log')}`);
      expect(Number(all[0].n)).toBe(20);
    } finally {
      duck.close();
    }
  });

  it('an unfixed workbook uploaded again is rejected for the same reasons, the NIK cell as required', async () => {
    // Arrange
    const upload = await tmp.file('aktivitas-2.csv', `${[A.header, A.row(1, { facilitator_id: NIK }), A.row(2, { kpm_reached: 'x' })].join('\n')}\n`);
    const lake = tmp.path('lake-2');
    const first = await runPkh(['ingest', '--dataset', 'activity_log', upload], lake);
    const workbookPath = /correction workbook: (.+\.xlsx)$/m.exec(first.stdout)![1];
    // Act
    const again = await runPkh(['ingest', '--dataset', 'activity_log', workbookPath], lake);
    // Assess
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('dibaca 2 baris, diterima 0, ditolak 2 (invalid_format: 1, required: 1)');
  });

  it('--lang en writes the explanations in English', async () => {
    // Arrange
    const upload = await tmp.file('activities.csv', `${[A.header, A.row(1, { kpm_reached: '-2' })].join('\n')}\n`);
    // Act
    const run = await runPkh(['ingest', '--dataset', 'activity_log', '--lang', 'en', upload], tmp.path('lake-en'));
    // Assess
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(/correction workbook: (.+\.xlsx)$/m.exec(run.stdout)![1]);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Fix', 'Instructions']);
    const text = cellText(wb.worksheets[0].getCell(2, COLUMNS.length + 2));
    expect(text).toBe('• "-2" in column kpm_reached is outside 0–2147483647 → change it to a value inside the allowed range');
  });
});

describe('correction workbook bytes', () => {
  it('are the same for the same rows and moment of ingest, whatever the clock says (a re-run overwrites, never differs)', async () => {
    // Arrange
    const entries: QuarantineEntry[] = [
      { source: 'a.csv', row: 2, raw: { activity_id: 'X1', kpm_reached: '-1' }, errors: [{ column: 'kpm_reached', code: 'out_of_range', message: 'a / b' }] },
    ];
    const build = () => buildCorrectionWorkbook({ dataset: getDataset('activity_log'), entries, rejected: 1, source: 'a.csv', now: Date.UTC(2026, 2, 15) });
    // Act
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2027-01-01T00:00:00Z'));
      const one = await build();
      vi.setSystemTime(new Date('2031-06-30T13:37:11Z'));
      const two = await build();
      // Assess
      expect(Buffer.from(two).equals(Buffer.from(one))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('cuts a cell longer than Excel allows (a garbage line) and never writes a 16-digit run', async () => {
    // Arrange
    const long = `${NIK} ${'x'.repeat(40_000)}`;
    const entries: QuarantineEntry[] = [
      { source: `unggah-${NIK}.csv`, row: 2, raw: { description: long }, errors: [{ column: 'description', code: 'out_of_range', message: `${NIK} terlalu panjang / too long` }] },
    ];
    // Act
    const bytes = await buildCorrectionWorkbook({ dataset: getDataset('activity_log'), entries, rejected: 1, source: `unggah-${NIK}.csv`, now: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // Assess
    const cell = wb.worksheets[0].getCell(2, COLUMNS.indexOf('description') + 1);
    expect(cellText(cell)).toHaveLength(32_767);
    expect(cellText(cell).startsWith('************8901 xxx')).toBe(true);
    const all: string[] = [];
    for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => all.push(cellText(c), noteText(c))));
    expect(all.join('\n')).not.toMatch(/\d{16}/);
  });

  it('holds at most CORRECTION_MAX_ROWS rows and says where the rest are', async () => {
    // Arrange
    const entries = function* () {
      for (let i = 0; i < CORRECTION_MAX_ROWS + 5; i++) {
        yield { source: 'a.csv', row: i + 2, raw: { activity_id: `X${i}` }, errors: [{ column: 'kpm_reached', code: 'required', message: 'kosong / empty' }] } as QuarantineEntry;
      }
    };
    // Act
    const bytes = await buildCorrectionWorkbook({ dataset: getDataset('activity_log'), entries: entries(), rejected: CORRECTION_MAX_ROWS + 5, source: 'a.csv', now: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // Assess
    expect(wb.worksheets[0].actualRowCount).toBe(CORRECTION_MAX_ROWS + 1);
    const info: string[] = [];
    wb.worksheets[1].eachRow((row) => info.push(String(row.getCell(1).value)));
    expect(info.join('\n')).toContain(`memuat ${CORRECTION_MAX_ROWS} baris pertama`);
  });
});
