import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../functions/report/render/index.js';
import type { AnyReport } from '../../../functions/report/reports/types.js';
import { FORMULA_NAME, SCRIPT_NAME, rankingFixture, sanctionsFixture, scorecardFixture } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkh-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Renders to a temp file and reopens it with exceljs, as a user's spreadsheet would. */
async function reopen(report: AnyReport, lang: 'id' | 'en'): Promise<ExcelJS.Workbook> {
  const file = join(dir, `${report.report}-${lang}-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(file, await renderReport(report, 'xlsx', { lang }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Column number of a header label in row 1. */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`header ${header} not found`);
  return found;
}

function expectFrozenHeader(ws: ExcelJS.Worksheet): void {
  const view = ws.views[0] as { state?: string; ySplit?: number };
  expect(view.state).toBe('frozen');
  expect(view.ySplit).toBe(1);
}

describe('XLSX renderer', () => {
  it('scorecard: kecamatan and legend sheets with frozen headers (Indonesian and English names)', async () => {
    // Act
    const id = await reopen(scorecardFixture(), 'id');
    const en = await reopen(scorecardFixture(), 'en');
    // Assess
    expect(id.worksheets.map((w) => w.name)).toEqual(['Kecamatan', 'Legenda', 'Info']);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Sub-districts', 'Legend', 'Info']);
    for (const ws of [...id.worksheets, ...en.worksheets]) expectFrozenHeader(ws);
  });

  it('scorecard: codes are text, rates numbers in 0.0%, deltas signed, rupiah in "Rp"#,##0, TOTAL row last', async () => {
    // Act
    const ws = (await reopen(scorecardFixture(), 'id')).getWorksheet('Kecamatan')!;
    // Assess
    const code = ws.getCell(2, columnOf(ws, 'Kode kecamatan'));
    expect(code.type).toBe(ExcelJS.ValueType.String);
    expect(code.value).toBe('33.10.01');
    const rate = ws.getCell(2, columnOf(ws, 'Laporan bulanan masuk – nilai'));
    expect(rate.value).toBe(0.95);
    expect(rate.numFmt).toBe('0.0%');
    const delta = ws.getCell(3, columnOf(ws, 'Laporan bulanan masuk – selisih bulan lalu'));
    expect(delta.value).toBe(-0.05);
    expect(delta.numFmt).toBe('+0.0%;-0.0%;0.0%');
    const rupiah = ws.getCell(2, columnOf(ws, 'Realisasi penyaluran – pembilang'));
    expect(rupiah.numFmt).toBe('"Rp"#,##0');
    const status = ws.getCell(2, columnOf(ws, 'Laporan bulanan masuk – status'));
    expect(status.value).toBe('hijau');
    const empty = ws.getCell(4, columnOf(ws, 'Laporan bulanan masuk – nilai'));
    expect(empty.value).toBeNull();
    expect(ws.getCell(5, 1).value).toBe('TOTAL');
    expect(ws.getCell(4, columnOf(ws, 'Desa belum dikoordinasi')).value).toBeNull();
    expect(ws.getCell(3, columnOf(ws, 'Desa belum dikoordinasi')).value).toBe('33.10.02.2001;33.10.02.2002');
  });

  it('scorecard legend: thresholds from the config and the coverage target month/12 as percentages', async () => {
    // Prepare
    const report = scorecardFixture();
    report.config.thresholds.daily_reporting_rate = { green: 0.95, amber: 0.85 };
    // Act
    const ws = (await reopen(report, 'en')).getWorksheet('Legend')!;
    // Assess
    const rowOf = (prefix: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (String(row.getCell(1).value).startsWith(prefix)) found ??= row;
      });
      return found!;
    };
    const daily = rowOf('Daily reporting');
    expect([daily.getCell(2).value, daily.getCell(3).value]).toEqual([0.95, 0.85]);
    expect(daily.getCell(2).numFmt).toBe('0.0%');
    const coverage = rowOf('Village coordination coverage');
    expect(coverage.getCell(2).value).toBeCloseTo(10 / 12, 10);
    expect(coverage.getCell(3).value).toBeCloseTo(0.75 * (10 / 12), 10);
  });

  it('sanctions: a formula-like name stays a string cell, ids keep leading zeros and signs as text', async () => {
    // Act
    const wb = await reopen(sanctionsFixture(), 'id');
    // Assess
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Pendamping', 'Info']);
    const ws = wb.getWorksheet('Pendamping')!;
    expectFrozenHeader(ws);
    const name = ws.getCell(3, columnOf(ws, 'Nama lengkap'));
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(FORMULA_NAME);
    expect(name.formula).toBeUndefined();
    const ids = [2, 3].map((r) => ws.getCell(r, columnOf(ws, 'ID pendamping')));
    expect(ids.map((c) => c.value)).toEqual(['0012', '-5']);
    expect(ids.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(ws.getCell(2, columnOf(ws, 'Pelaporan harian')).numFmt).toBe('0.0%');
    expect(ws.getCell(2, columnOf(ws, 'Tingkat sanksi')).value).toBe('SP2');
  });

  it('ranking: allocation sheet in rupiah only with a budget; scores with 2 decimals', async () => {
    // Act
    const without = await reopen(rankingFixture(false), 'id');
    const withBudget = await reopen(rankingFixture(true), 'en');
    // Assess
    expect(without.worksheets.map((w) => w.name)).toEqual(['Kecamatan', 'Info']);
    expect(withBudget.worksheets.map((w) => w.name)).toEqual(['Sub-districts', 'Allocation', 'Info']);
    for (const ws of withBudget.worksheets) expectFrozenHeader(ws);
    const ws = withBudget.getWorksheet('Sub-districts')!;
    const rupiah = ws.getCell(2, columnOf(ws, 'Allocation (Rp)'));
    expect(rupiah.value).toBe(500_000_000);
    expect(rupiah.numFmt).toBe('"Rp"#,##0');
    expect(ws.getCell(2, columnOf(ws, 'Index')).numFmt).toBe('0.00');
    expect(ws.getCell(2, columnOf(ws, 'Tier')).value).toBe('Priority 1');
    const alloc = withBudget.getWorksheet('Allocation')!;
    expect(alloc.getCell(2, 2).value).toBe(500_000_000);
    expect(alloc.getCell(2, 2).numFmt).toBe('"Rp"#,##0');
  });
  it('every sheet prints on A4 landscape, one page wide, header row repeated, title and page numbers', async () => {
    for (const report of [scorecardFixture(), sanctionsFixture(), rankingFixture(true)]) {
      // Act
      const wb = await reopen(report, 'id');
      // Assess
      for (const ws of wb.worksheets) {
        const setup = ws.pageSetup;
        expect(setup.paperSize).toBe(9);
        expect(setup.orientation).toBe('landscape');
        expect(setup.fitToPage).toBe(true);
        expect(setup.fitToWidth).toBe(1);
        expect(setup.fitToHeight).toBe(0);
        expect(setup.printTitlesRow).toBe('1:1');
        expect(ws.headerFooter.oddHeader).toContain('KABUPATEN KLATEN');
        expect(ws.headerFooter.oddHeader).toContain('Oktober 2026');
        expect(ws.headerFooter.oddFooter).toContain('Halaman &P dari &N');
      }
    }
  });

  it('a provisional report says SEMENTARA in the page header and its as-of time and status on the info sheet', async () => {
    // Arrange: the fields the as-of JSON carries (REPORTS.md "JSON layout")
    const report = Object.assign(scorecardFixture(), { as_of: '2026-10-20T03:00:00.000Z', final: false });
    // Act
    const wb = await reopen(report, 'id');
    const info = wb.getWorksheet('Info')!;
    // Assess
    expect(wb.getWorksheet('Kecamatan')!.headerFooter.oddHeader).toContain('SEMENTARA');
    const values = new Map<string, unknown>();
    info.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Data per')).toBe('20 Oktober 2026 10.00 WIB');
    expect(String(values.get('Status laporan'))).toMatch(/^Sementara/);
    const final = await reopen(Object.assign(scorecardFixture(), { as_of: '2026-11-10T03:00:00.000Z', final: true }), 'en');
    expect(final.getWorksheet('Sub-districts')!.headerFooter.oddHeader).not.toContain('PROVISIONAL');
  });

  it('info sheet: the settings in words (no raw config key), numbers typed and formatted', async () => {
    for (const report of [scorecardFixture(), sanctionsFixture(), rankingFixture(false)]) {
      // Act
      const info = (await reopen(report, 'id')).getWorksheet('Info')!;
      // Assess
      const labels: string[] = [];
      const cells = new Map<string, ExcelJS.Cell>();
      info.eachRow((row) => {
        labels.push(String(row.getCell(1).value ?? ''));
        cells.set(String(row.getCell(1).value), row.getCell(2));
      });
      for (const key of ['low_threshold', 'min_working_days', 'grace_days', 'report_deadline_day', 'expected_roles', 'sanction_ladder', 'tiers', 'extra_holidays']) {
        expect(labels.join('\n')).not.toContain(key);
      }
      const low = cells.get('Ambang pelaporan harian rendah')!;
      expect(low.value).toBe(0.8);
      expect(low.numFmt).toBe('0.0%');
      expect(cells.get('Hari kerja minimum untuk dinilai')!.value).toBe(5);
      expect(cells.get('Peran yang wajib melapor')!.value).toBe('Pendamping, APD');
      expect(cells.get('Tangga sanksi')!.value).toBe('Teguran lisan → SP1 → SP2 → SP3');
    }
  });

  it('columns are as wide as their content: a long name is not cut at 18 characters', async () => {
    // Arrange
    const report = sanctionsFixture();
    const long = 'Raden Ajeng Siti Nurhaliza Kusumawardhani Prameswari';
    report.facilitators[0].full_name = long;
    // Act
    const ws = (await reopen(report, 'id')).getWorksheet('Pendamping')!;
    // Assess
    const width = ws.getColumn(columnOf(ws, 'Nama lengkap')).width!;
    expect(width).toBeGreaterThanOrEqual(long.length);
    expect(ws.getColumn(columnOf(ws, 'ID pendamping')).width).toBeLessThan(20);
    expect(SCRIPT_NAME.length).toBeLessThan(width);
  });

  it('count columns show their values; an unjudged count status says so, not "tidak ada data" (regression)', async () => {
    // Act
    const ws = (await reopen(scorecardFixture(), 'id')).getWorksheet('Kecamatan')!;
    // Assess
    const value = ws.getCell(2, columnOf(ws, 'Pemutakhiran DTKS/DTSEN – nilai'));
    expect(value.value).toBe(1250);
    expect(value.numFmt).toBe('#,##0');
    const status = ws.getCell(2, columnOf(ws, 'Pemutakhiran DTKS/DTSEN – status'));
    expect(status.value).toBe('tidak dinilai');
    expect((status.fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    for (const header of ['Graduasi – status', 'Hari rapat koordinasi kecamatan – status']) {
      expect(ws.getCell(2, columnOf(ws, header)).value).toBe('tidak dinilai');
    }
    const custody = ws.getCell(3, columnOf(ws, 'Kartu dipegang pihak ketiga – status'));
    expect(custody.value).toBe('merah');
    expect((custody.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8D3D0');
  });
});
