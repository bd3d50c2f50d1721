/**
 * Dates in XLSX by cell type (issue 9): an ISO date cell (`t="d"`), a number with a date format
 * read as Excel reads it (serials 1–59 before its 1900 leap-year bug, 60 = the 29 February 1900
 * that never was, 0 and below no date), the 1904 date system when the workbook says so, and a
 * date typed as text read like a CSV date.
 */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { parseDate, parseTimestamp } from '../../../schemas/values.js';
import { collect, openPath, tempDir } from './helpers.js';
import { craftZip, minimalWorkbook } from './zip-craft.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => tmp?.cleanup());

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** Style 1 = built-in number format 14 (the short date every Excel writes), style 2 = a custom date-time. */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** A workbook of one column `tanggal`: each cell given as raw `<c>` attributes and value. */
async function workbook(name: string, cells: { attrs: string; v: string }[], date1904 = false): Promise<string> {
  const rows = [`<row r="1"><c r="A1" t="inlineStr"><is><t>tanggal</t></is></c></row>`];
  cells.forEach((c, i) => rows.push(`<row r="${i + 2}"><c r="A${i + 2}" ${c.attrs}><v>${c.v}</v></c></row>`));
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const entries = minimalWorkbook(sheet).map((e) =>
    e.name === 'xl/workbook.xml' && date1904 ? { ...e, data: Buffer.from(e.data.toString().replace('<sheets>', '<workbookPr date1904="1"/><sheets>')) } : e,
  );
  entries.push({ name: 'xl/styles.xml', data: Buffer.from(STYLES) });
  return tmp.file(name, craftZip(entries));
}

async function texts(path: string): Promise<(string | null)[]> {
  return (await collect(await openPath(path, 'tanggal.xlsx'))).map((r) => r.cells!.tanggal);
}

describe('XLSX date cells', () => {
  it('reads an ISO date cell (t="d") as its date, not as serial 2026', async () => {
    const path = await workbook('iso.xlsx', [
      { attrs: 't="d" s="1"', v: '2026-09-02T00:00:00' },
      { attrs: 't="d"', v: '2026-09-02' },
      { attrs: "t='d' s='2'", v: '2026-09-02T10:30:00' },
    ]);
    const got = await texts(path);
    expect(got.map((t) => parseDate(t!, true))).toEqual([
      { ok: true, value: '2026-09-02' },
      { ok: true, value: '2026-09-02' },
      { ok: false, code: 'invalid_format' },
    ]);
    expect(parseTimestamp(got[2]!, 420, true)).toEqual({ ok: true, value: Date.UTC(2026, 8, 2, 3, 30) });
  });

  it('reads date-formatted serials as Excel shows them: 1–59 exact, 60 the non-existent 1900-02-29, 0 and below no date', async () => {
    const serials = ['1', '2', '59', '60', '61', '0', '-1', '46000', '46000.5'];
    const path = await workbook('serial.xlsx', serials.map((v) => ({ attrs: 's="1"', v })));
    const got = await texts(path);
    expect(got.slice(0, 5)).toEqual(['1900-01-01', '1900-01-02', '1900-02-28', '1900-02-29', '1900-03-01']);
    expect(got.map((t) => parseDate(t!, true))).toEqual([
      { ok: true, value: '1900-01-01' },
      { ok: true, value: '1900-01-02' },
      { ok: true, value: '1900-02-28' },
      { ok: false, code: 'invalid_date' },
      { ok: true, value: '1900-03-01' },
      { ok: false, code: 'invalid_date' },
      { ok: false, code: 'invalid_date' },
      { ok: true, value: '2025-12-09' },
      { ok: false, code: 'invalid_format' }, // a date with a time of day is not a date
    ]);
  });

  it('reads serials of a 1904 workbook from 1904-01-01, and says the workbook counts so', async () => {
    const path = await workbook('1904.xlsx', [{ attrs: 's="1"', v: '0' }, { attrs: 's="1"', v: '44538' }, { attrs: 's="2"', v: '44538.25' }, { attrs: '', v: '44538' }], true);
    expect(await texts(path)).toEqual(['1904-01-01', '2025-12-09', '2025-12-09T06:00:00', '44538']);
    expect((await openPath(path, 'tanggal.xlsx')).date1904).toBe(true);
    expect((await openPath(await workbook('1900.xlsx', [{ attrs: '', v: '1' }]), 'tanggal.xlsx')).date1904).toBe(false);
    // A plain number (no date format) in a date column of that workbook: a 1904 serial.
    expect(parseDate('44538', true, true)).toEqual({ ok: true, value: '2025-12-09' });
    expect(parseDate('0', true, true)).toEqual({ ok: true, value: '1904-01-01' });
    expect(parseDate('60', true, true)).toEqual({ ok: true, value: '1904-03-01' });
    expect(parseDate('-1', true, true)).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseTimestamp('44538.25', 480, true, true)).toEqual({ ok: true, value: Date.UTC(2025, 11, 8, 22) });
  });

  it('reads a date typed as text like a CSV date, and rejects mixed separators', async () => {
    const path = await workbook('teks.xlsx', ['02/09/2026', '02-09-2026', '2026-09-02', '09/02-2026', '02-09/2026'].map((v) => ({ attrs: 't="str"', v })));
    const got = await texts(path);
    expect(got.map((t) => parseDate(t!, true))).toEqual([
      { ok: true, value: '2026-09-02' },
      { ok: true, value: '2026-09-02' },
      { ok: true, value: '2026-09-02' },
      { ok: false, code: 'invalid_format' },
      { ok: false, code: 'invalid_format' },
    ]);
  });
});

describe('Excel serials in a date column without a date format (1900 system)', () => {
  it('are read as Excel reads them', () => {
    expect(['1', '59', '60', '61', '0', '-1', '46000'].map((s) => parseDate(s, true))).toEqual([
      { ok: true, value: '1900-01-01' },
      { ok: true, value: '1900-02-28' },
      { ok: false, code: 'invalid_date' },
      { ok: true, value: '1900-03-01' },
      { ok: false, code: 'invalid_date' },
      { ok: false, code: 'invalid_date' },
      { ok: true, value: '2025-12-09' },
    ]);
  });

  it('are not read in a CSV, where `09/02-2026` is no date either', () => {
    expect(parseDate('46000')).toEqual({ ok: false, code: 'invalid_format' });
    expect(parseDate('09/02-2026')).toEqual({ ok: false, code: 'invalid_format' });
  });
});
