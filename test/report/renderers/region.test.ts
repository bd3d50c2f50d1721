/**
 * Region renderers: CSV (one row per kabupaten / facilitator, injection-safe), XLSX read back
 * with exceljs, HTML (escaped, the region in the title, grouped by province for `all`).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../../functions/lib/config.js';
import { assembleRegionSanctions } from '../../../functions/report/regions/region-sanctions.js';
import { assembleRegionScorecard, pastTotal, type KabupatenScorecards } from '../../../functions/report/regions/region-scorecard.js';
import type { ResolvedRegion } from '../../../functions/report/regions/resolve.js';
import type { RegionSanctionsReport, RegionScorecardReport } from '../../../functions/report/regions/types.js';
import { renderRegionReport } from '../../../functions/report/render/region.js';
import type { ScorecardReport } from '../../../functions/report/reports/types.js';
import { FORMULA_NAME, SCRIPT_NAME, sanctionsFixture, scorecardFixture } from './fixtures.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const opts = { period: '2026-10', config, asOf: '2026-11-03T02:15:00.000Z', generatedAt: '2026-11-03T02:15:00.000Z' };
const text = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

function kabupaten(code: string, name: string, final: boolean): KabupatenScorecards {
  const now: ScorecardReport = { ...scorecardFixture(), kabupaten_code: code, kabupaten_name: name, final };
  return { now, prevMonth: pastTotal(now), prevYear: pastTotal(now), final };
}

function scorecard(region: ResolvedRegion, final = false): RegionScorecardReport {
  return assembleRegionScorecard(region, region.kabupaten_codes.map((c, i) => kabupaten(c, i === 0 ? 'KABUPATEN KLATEN' : SCRIPT_NAME, final)), opts);
}

const korwil: ResolvedRegion = { region: 'jateng-2', region_name: 'jateng-2', kabupaten_codes: ['33.10', '33.11'] };
const nation: ResolvedRegion = { region: 'all', region_name: 'Nasional', kabupaten_codes: ['33.10', '64.02'] };

function sanctions(): RegionSanctionsReport {
  const a = sanctionsFixture();
  const b = { ...sanctionsFixture(), kabupaten_code: '33.11', kabupaten_name: FORMULA_NAME };
  return assembleRegionSanctions(korwil, [{ report: a, final: true }, { report: b, final: false }], opts);
}

describe('region CSV', () => {
  it('scorecard: one row per kabupaten then TOTAL, codes as text', async () => {
    const lines = text(await renderRegionReport(scorecard(korwil), 'csv', { lang: 'id' })).split('\r\n').filter((l) => l !== '');
    expect(lines[0].startsWith('\uFEFFKode kabupaten/kota,Nama kabupaten/kota,Peringkat,Peringkat bulan lalu,Skor,')).toBe(true);
    expect(lines[0].endsWith(',Jumlah kecamatan,Desa belum dikoordinasi')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['33.10', '33.11', 'TOTAL']);
  });

  it('sanctions: the kabupaten first on every row, formula names neutralised', async () => {
    const lines = text(await renderRegionReport(sanctions(), 'csv', { lang: 'en' })).split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      '\uFEFFkabupaten_code,kabupaten_name,facilitator_id,full_name,role,kecamatan_code,kecamatan_name,supervisor_id,working_days,reported_days,daily_reporting_rate,monthly_report_status,consecutive_low_months,sanction_level,missing_dates',
    );
    expect(lines).toHaveLength(1 + 6);
    expect(lines.filter((l) => l.startsWith('33.11,')).every((l) => l.startsWith(`33.11,"'=HYPERLINK(""http://x"",""y"")"`))).toBe(true);
  });
});

describe('region XLSX', () => {
  it('a Kabupaten sheet, frozen header, codes as text, statuses coloured; an info sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderRegionReport(scorecard(korwil), 'xlsx', { lang: 'id' })) as never);
    const ws = wb.getWorksheet('Kabupaten')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A2').value).toBe('33.10');
    expect(ws.getCell('A3').value).toBe('33.11');
    const statusCol = (ws.getRow(1).values as string[]).indexOf('Laporan bulanan masuk – status');
    expect(ws.getRow(2).getCell(statusCol).fill).toMatchObject({ type: 'pattern' });
    expect(wb.getWorksheet('Legenda')).toBeDefined();
  });
});

describe('region HTML', () => {
  it('Korwil name in the title, hostile names escaped, provisional notice', async () => {
    const html = text(await renderRegionReport(scorecard(korwil), 'html', { lang: 'id' }));
    expect(html).toContain('<title>Kartu Kinerja Koordinasi PKH – Korwil jateng-2 – Oktober 2026</title>');
    expect(html).not.toContain(SCRIPT_NAME);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('SEMENTARA');
    expect(text(await renderRegionReport(scorecard(korwil, true), 'html', { lang: 'id' }))).not.toContain('SEMENTARA');
  });

  it('national: kabupaten grouped under their province', async () => {
    const html = text(await renderRegionReport(scorecard(nation), 'html', { lang: 'en' }));
    const jateng = html.indexOf('Province JAWA TENGAH');
    const kaltim = html.indexOf('Province KALIMANTAN TIMUR');
    expect(jateng).toBeGreaterThan(0);
    expect(kaltim).toBeGreaterThan(jateng);
    expect(html.indexOf('KABUPATEN KLATEN')).toBeGreaterThan(jateng);
    expect(html.indexOf('KABUPATEN KLATEN')).toBeLessThan(kaltim);
    expect(html).toContain('<title>PKH Coordination Scorecard – National – October 2026</title>');
  });

  it('sanctions: every row names its kabupaten', async () => {
    const html = text(await renderRegionReport(sanctions(), 'html', { lang: 'id' }));
    const rows = html.split('<tr>').slice(2); // header rows of the grid and legend come first
    const gridRows = rows.filter((r) => r.includes('class="ctr"') && r.includes('<span class="code">33.1'));
    expect(gridRows).toHaveLength(6);
    expect(html).not.toContain('<script>');
  });
});
