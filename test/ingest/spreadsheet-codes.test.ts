/**
 * The spreadsheet round trip (issue 9): generated 33.10 data opened and saved by a spreadsheet
 * comes back with `33.10` as the number 33.1. DATA.md "wilayah codes": a numeric XLSX cell, or a
 * CSV/JSON value `NN.N`, in a kabupaten column is read as `NN.N0`, with or without a kecamatan
 * code on the row.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { summaryLines } from '../../cli/commands/ingest.js';
import { csvLine, generateRows, headerOf } from '../../functions/generator/index.js';
import type { IngestResult } from '../../functions/ingest/index.js';
import { getDataset } from '../../schemas/index.js';
import { ingestPath, lakeTable, openDuck, quarantineOf, rows, tempDir, withTempAndDuck } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
withTempAndDuck((t, d) => ((tmp = t), (duck = d)));

/** 2026-11-23: after the generated months. */
const NOW = Date.parse('2026-11-23T02:00:00Z');
const GEN = { kabupaten: '33.10', months: 2, endPeriod: '2026-10', invalidRate: 0, now: NOW, seed: 7 };

/** As LibreOffice saves it: every cell that looks like a plain number becomes a number cell. */
function asSpreadsheetCell(text: string): string | number {
  return /^(0|[1-9]\d{0,14})(\.\d*[1-9])?$/.test(text) || /^\d{2}\.\d0$/.test(text) ? Number(text) : text;
}

describe('kabupaten codes a spreadsheet turned into numbers', () => {
  it('an XLSX of generated 33.10 monthly reports with the codes as numbers: every report accepted under 33.10', async () => {
    const header = headerOf('monthly_report');
    const generated = [...generateRows('monthly_report', GEN)].map((r) => r.cells);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(header);
    for (const cells of generated) ws.addRow(cells.map(asSpreadsheetCell));
    const k = header.indexOf('kabupaten_code');
    expect(ws.getRow(2).getCell(k + 1).value).toBe(33.1);
    const file = tmp.path('laporan-bulanan.xlsx');
    await wb.xlsx.writeFile(file);

    const lake = tmp.path('lake-xlsx');
    const result = await ingestPath('monthly_report', file, lake, { now: NOW });

    expect(result.rejected_by_code).toEqual({});
    expect(result.rows_accepted).toBe(generated.length);
    expect(await rows(duck.con, `SELECT DISTINCT kabupaten_code FROM ${lakeTable(lake, 'monthly_report')}`)).toEqual([{ kabupaten_code: '33.10' }]);
  }, 60_000);

  it('a CSV or JSON Lines roster with `33.1`, rows with and without a kecamatan code: read as 33.10', async () => {
    const header = headerOf('roster');
    const k = header.indexOf('kabupaten_code');
    const kec = header.indexOf('kecamatan_code');
    const generated = [...generateRows('roster', GEN)].map((r) => r.cells);
    expect(generated.some((c) => c[kec] === '')).toBe(true);
    expect(generated.some((c) => c[kec] !== '')).toBe(true);
    const csv = csvLine(header) + generated.map((c) => csvLine(c.map((v, i) => (i === k ? '33.1' : v)))).join('');
    const jsonl = generated.map((c) => JSON.stringify(Object.fromEntries(header.map((h, i) => [h, i === k ? 33.1 : c[i]])))).join('\n');
    for (const [name, content] of [['roster.csv', csv], ['roster.jsonl', jsonl]]) {
      const lake = tmp.path(`lake-${name}`);
      const result = await ingestPath('roster', await tmp.file(name, content), lake, { now: NOW });
      expect(result.rejected_by_code, name).toEqual({});
      expect(result.rows_accepted).toBe(generated.length);
      expect(await rows(duck.con, `SELECT DISTINCT kabupaten_code FROM ${lakeTable(lake, 'roster')}`)).toEqual([{ kabupaten_code: '33.10' }]);
    }
  }, 60_000);

  it('only NN.N is completed: `33.1` with a kecamatan of another kabupaten is still a mismatch, `3.1` and `33.100` stay invalid', () => {
    const roster = getDataset('roster');
    const header = headerOf('roster');
    const cells = Object.fromEntries(header.map((h, i) => [h, [...generateRows('roster', GEN)][0].cells[i]]));
    const check = (over: Record<string, string>) => {
      const r = roster.validate({ ...cells, ...over }, { now: NOW });
      return r.ok ? 'ok' : r.errors.map((e) => `${e.column}:${e.code}`).join(' ');
    };
    expect(check({ kabupaten_code: '33.1' })).toBe('ok');
    expect(check({ kabupaten_code: '33.1', kecamatan_code: '33.01.01' })).toBe('kecamatan_code:wilayah_mismatch');
    expect(check({ kabupaten_code: '3.1' })).toMatch(/^kabupaten_code:invalid_format/);
    expect(check({ kabupaten_code: '33.100' })).toMatch(/^kabupaten_code:invalid_format/);
  });
});

describe('a file rejected row by row', () => {
  it('gets a summary line that says no row was accepted and the main reason, before the quarantine path', async () => {
    const header = headerOf('monthly_report');
    const k = header.indexOf('kabupaten_code');
    const generated = [...generateRows('monthly_report', GEN)].map((r) => r.cells).slice(0, 50);
    const csv = csvLine(header) + generated.map((c) => csvLine(c.map((v, i) => (i === k ? '33-10' : v)))).join('');
    const lake = tmp.path('lake-all-bad');
    const result: IngestResult = await ingestPath('monthly_report', await tmp.file('semua-salah.csv', csv), lake, { now: NOW });
    expect(result.rows_accepted).toBe(0);
    expect((await quarantineOf(lake, result)).length).toBe(50);
    const lines = summaryLines('semua-salah.csv', result, 'q.jsonl');
    expect(lines.join('\n')).toContain('ditolak 50 (invalid_format: 50)');
    expect(lines[2]).toBe(
      '  PERHATIAN: tidak ada baris yang diterima; 50 baris ditolak, terbanyak invalid_format (50); periksa baris pertama di karantina / ' +
        'WARNING: no row was accepted; 50 rows rejected, mostly invalid_format (50); check the first lines of the quarantine',
    );
    expect(lines[3]).toBe('  karantina / quarantine: q.jsonl');
  });
});
