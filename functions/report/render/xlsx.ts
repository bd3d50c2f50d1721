/**
 * XLSX output (REPORTS.md "Outputs"): one sheet per table with its header in row 1, frozen;
 * identifiers stored as text cells, rates as numbers in `0.0%`, rupiah in `"Rp"#,##0`,
 * statuses as words on their colour, columns as wide as their content, and every sheet set up
 * to print (A4 landscape, fit to the page width, header row repeated on every page, the title in
 * the page header and "page n of m" in the footer). An info sheet gives the report's settings in
 * words. Text is always a string cell, so a name such as `=HYPERLINK(...)` stays text and never
 * becomes a formula.
 */
import ExcelJS from 'exceljs';
import type { RankingReport, SanctionsReport, ScorecardReport } from '../reports/types.js';
import { formatGeneratedAt } from './format.js';
import {
  COMPONENT_LABELS,
  INDICATOR_LABELS,
  SANCTION_LABELS,
  labelOf,
  periodLabel,
  t,
  type Lang,
} from './labels.js';
import { hasAllocation, rankingTable, sanctionsTable, scorecardTable, type Cell, type Column, type ColumnKind, type FlatTable } from './tables.js';
import { settingRows, timeRows } from './settings.js';
import { thresholdRows } from './thresholds.js';

export const NUM_FMT: Record<ColumnKind, string> = {
  id: '@',
  text: '@',
  code: '@',
  int: '#,##0',
  rate: '0.0%',
  delta: '+0.0%;-0.0%;0.0%',
  delta_int: '+0;-0;0',
  score1: '0.0',
  score2: '0.00',
  rupiah: '"Rp"#,##0',
};

/** Fill colours (ARGB) of the status words. */
const STATUS_FILL: Record<string, string> = {
  green: 'FFD7EFDD',
  amber: 'FFFFEDB8',
  red: 'FFF8D3D0',
  none: 'FFECEFF1',
  not_due: 'FFE3E8F0',
};

const HEADER_FILL = 'FF1F3A5F';

/** Characters XML 1.0 forbids; exceljs would write them into an unreadable file. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function cleanText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

function frozenSheet(wb: ExcelJS.Workbook, name: string, xSplit = 0): ExcelJS.Worksheet {
  return wb.addWorksheet(sheetName(name), { views: [{ state: 'frozen', xSplit, ySplit: 1 }] });
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  });
}

/** Widest and narrowest column (Excel character widths); wider text wraps. */
const MAX_WIDTH = 60;
const MIN_WIDTH = 8;

/** Characters a value takes once formatted (grouping, `%`, `Rp`, sign). */
function shownLength(v: Cell, column: Column, lang: Lang): number {
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'number') {
    const digits = Math.trunc(Math.abs(v)).toString().length;
    const grouped = digits + Math.floor((digits - 1) / 3);
    switch (column.kind) {
      case 'rate':
      case 'delta':
        return grouped + 5;
      case 'rupiah':
        return grouped + 3;
      case 'score1':
      case 'score2':
        return grouped + 3;
      default:
        return grouped + 1;
    }
  }
  const shown = column.kind === 'code' && column.translate ? column.translate(v, lang) : v;
  return shown.length;
}

/**
 * A column as wide as its longest value (names are never cut short), at least as wide as the
 * longest word of its header (the header wraps), within MIN_WIDTH..MAX_WIDTH.
 */
function widthOf(column: Column, lang: Lang, values: readonly Cell[]): number {
  const longestWord = Math.max(...column.label[lang].split(/\s+/).map((word) => word.length));
  const content = Math.max(0, ...values.map((v) => shownLength(v, column, lang)));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longestWord + 2, content + 2));
}

/** Page header/footer text: `&` is a control character there. */
function hf(text: string): string {
  return cleanText(text).replace(/&/g, '&&');
}

/**
 * Print setup of a sheet: A4 landscape, fitted to one page wide (as many pages tall as needed),
 * row 1 repeated on every page, the title in the page header and "page n of m" in the footer.
 */
function setUpPrinting(ws: ExcelJS.Worksheet, title: PrintTitle, lang: Lang): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as the rows need
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const page = lang === 'id' ? 'Halaman &P dari &N' : 'Page &P of &N';
  ws.headerFooter = {
    oddHeader: `&L&B${hf(title.main)}&R${hf(title.detail)}`,
    oddFooter: `&L${hf(title.footer)}&R${page}`,
  };
}

export interface PrintTitle {
  /** Report title (left of the page header). */
  main: string;
  /** Where and when, and "SEMENTARA" for a provisional report (right of the page header). */
  detail: string;
  /** Left of the footer: the app and the time the report was made. */
  footer: string;
}

/** Writes a flat table on a new sheet: header row 1 (frozen), typed and formatted cells. */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, table: FlatTable, lang: Lang, xSplit: number, title?: PrintTitle): void {
  const ws = frozenSheet(wb, name, xSplit);
  ws.columns = table.columns.map((c, i) => ({ key: c.key, width: widthOf(c, lang, table.rows.map((r) => r[i])) }));
  const header = ws.addRow(table.columns.map((c) => c.label[lang]));
  header.height = 48;
  styleHeader(header);
  table.rows.forEach((values, r) => {
    const row = ws.addRow([]);
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i];
      cell.numFmt = NUM_FMT[column.kind];
      if (v === null || v === undefined || v === '') return;
      if (typeof v === 'number') {
        cell.value = Number.isFinite(v) ? v : null;
        return;
      }
      const shown = column.kind === 'code' && column.translate ? column.translate(v, lang) : v;
      // A string value: exceljs writes it as a string cell, never a formula.
      cell.value = cleanText(shown);
      if (column.status && v !== column.unjudged && STATUS_FILL[v]) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[v] } };
      }
    });
    if (table.totalRows.includes(r)) row.font = { bold: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  if (title) setUpPrinting(ws, title, lang);
}

type InfoValue = string | number | null;
export interface InfoRow {
  label: string;
  values: InfoValue[];
  fmt?: string;
}

/** A small key/value sheet (legend, report info, allocation summary), header frozen. */
export function addInfoSheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: InfoRow[], title?: PrintTitle, lang: Lang = 'id'): void {
  const ws = frozenSheet(wb, name);
  const longest = (i: number) =>
    Math.max(header[i]?.length ?? 0, ...rows.map((r) => (i === 0 ? r.label.length : String(r.values[i - 1] ?? '').length)));
  ws.columns = header.map((_, i) => ({ width: Math.min(i === 0 ? 90 : MAX_WIDTH, Math.max(i === 0 ? 30 : 16, longest(i) + 2)) }));
  styleHeader(ws.addRow(header.map(cleanText)));
  for (const r of rows) {
    const row = ws.addRow([]);
    const first = row.getCell(1);
    first.value = cleanText(r.label);
    first.numFmt = '@';
    r.values.forEach((v, i) => {
      const cell = row.getCell(i + 2);
      if (typeof v === 'number') {
        cell.value = v;
        if (r.fmt) cell.numFmt = r.fmt;
      } else if (typeof v === 'string') {
        cell.value = cleanText(v);
        cell.numFmt = '@';
      }
    });
  }
  if (title) setUpPrinting(ws, title, lang);
}

type AnyReport = ScorecardReport | SanctionsReport | RankingReport;
type TitleKey = 'scorecard_title' | 'sanctions_title' | 'ranking_title';
/** What a page header needs of a report, kabupaten or region. */
type Titled = { kabupaten_code?: string; kabupaten_name?: string; kabupaten_codes?: string[]; region?: string; region_name?: string | null; period: string; generated_at: string; final?: boolean };

/** `final: false` in the JSON (REPORTS.md "Time of a report"); absent in an older JSON. */
function isProvisional(report: Titled): boolean {
  return (report as { final?: unknown }).final === false;
}

/** "KABUPATEN KLATEN (33.10)", or a region's name and codes for a regional report. */
function placeOf(r: Titled): string {
  return r.kabupaten_code !== undefined ? `${r.kabupaten_name} (${r.kabupaten_code})` : `${r.region_name ?? r.region ?? ''} (${r.region ?? ''})`;
}

export function printTitle(report: Titled, titleKey: TitleKey, lang: Lang): PrintTitle {
  const provisional = isProvisional(report) ? ` — ${lang === 'id' ? 'SEMENTARA' : 'PROVISIONAL'}` : '';
  return {
    main: t(titleKey, lang),
    detail: `${placeOf(report)} · ${periodLabel(report.period, lang)}${provisional}`,
    footer: `${t('app', lang)} · ${t('generated_at', lang)} ${formatGeneratedAt(report.generated_at, report.kabupaten_code ?? report.kabupaten_codes?.[0] ?? '', lang)}`,
  };
}

function reportInfoRows(report: AnyReport, titleKey: TitleKey, lang: Lang): InfoRow[] {
  return [
    { label: t('report', lang), values: [t(titleKey, lang)] },
    { label: t('kabupaten', lang), values: [`${report.kabupaten_name} (${report.kabupaten_code})`] },
    { label: t('period', lang), values: [periodLabel(report.period, lang)] },
    ...timeRows(report, lang).map((r) => ({ label: r.label, values: [r.value] })),
    { label: t('generated_at', lang), values: [formatGeneratedAt(report.generated_at, report.kabupaten_code, lang)] },
  ];
}

/** The effective config in words, after the report's own rows. */
function configInfoRows(report: AnyReport, lang: Lang): InfoRow[] {
  return [
    { label: '', values: [] },
    ...settingRows(report.config, lang).map((r) => ({ label: r.label, values: [r.value], fmt: r.fmt })),
  ];
}

const kecamatanSheet = (lang: Lang) => (lang === 'id' ? 'Kecamatan' : 'Sub-districts');

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.creator = 'Pantau PKH';
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Scorecard: sheet of kecamatan (+ TOTAL row), a legend sheet with the thresholds, and the info sheet. */
export async function scorecardXlsx(report: ScorecardReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const title = printTitle(report, 'scorecard_title', lang);
  addTableSheet(wb, kecamatanSheet(lang), scorecardTable(report), lang, 2, title);
  const rows: InfoRow[] = thresholdRows(report.config, report.period).map((r) => {
    const label = labelOf(INDICATOR_LABELS, r.indicator, lang);
    return {
      label: r.indicator === 'desa_coordination_coverage' ? `${label} (${t('coverage_rule', lang)})` : label,
      values: [r.green, r.amber, r.amber],
      fmt: '0.0%',
    };
  });
  rows.push({ label: t('card_rule', lang), values: [] });
  rows.push({ label: t('score_rule', lang), values: [] });
  addInfoSheet(wb, t('legend', lang), [t('indicator', lang), t('green_from', lang), t('amber_from', lang), t('red_below', lang)], rows, title, lang);
  const unrostered = report.data_quality.unrostered_facilitators;
  const info: InfoRow[] = [
    ...reportInfoRows(report, 'scorecard_title', lang),
    { label: t('unrostered', lang), values: [unrostered.length ? unrostered.join(';') : t('none_listed', lang)] },
    ...configInfoRows(report, lang),
  ];
  addInfoSheet(wb, t('info', lang), [t('item', lang), t('value', lang)], info, title, lang);
  return toBytes(wb);
}

/** Sanctions: sheet of listed facilitators and an info sheet with the rule, the ladder and the settings. */
export async function sanctionsXlsx(report: SanctionsReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const title = printTitle(report, 'sanctions_title', lang);
  addTableSheet(wb, lang === 'id' ? 'Pendamping' : 'Facilitators', sanctionsTable(report), lang, 2, title);
  const ladder = report.config.sanction_ladder;
  const rows: InfoRow[] = [
    ...reportInfoRows(report, 'sanctions_title', lang),
    { label: t('expected_count', lang), values: [report.expected_count], fmt: '#,##0' },
    { label: t('low_count', lang), values: [report.low_count], fmt: '#,##0' },
    ...ladder.map((level, i) => ({
      label: `${t('ladder_rule', lang)}: ${i + 1}${i === ladder.length - 1 ? '+' : ''}`,
      values: [labelOf(SANCTION_LABELS, level, lang)],
    })),
    ...configInfoRows(report, lang),
  ];
  addInfoSheet(wb, t('info', lang), [t('item', lang), t('value', lang)], rows, title, lang);
  return toBytes(wb);
}

/** Ranking: sheet of kecamatan, the allocation summary when a budget was given, and an info sheet. */
export async function rankingXlsx(report: RankingReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const title = printTitle(report, 'ranking_title', lang);
  addTableSheet(wb, kecamatanSheet(lang), rankingTable(report), lang, 2, title);
  if (hasAllocation(report) && report.allocation) {
    const a = report.allocation;
    addInfoSheet(
      wb,
      lang === 'id' ? 'Alokasi' : 'Allocation',
      [t('item', lang), t('value', lang)],
      [
        { label: t('budget', lang), values: [a.budget], fmt: NUM_FMT.rupiah },
        { label: t('unit_cost', lang), values: [a.unit_cost], fmt: NUM_FMT.rupiah },
        { label: t('households_funded', lang), values: [a.households_funded], fmt: NUM_FMT.int },
        { label: t('rupiah_used', lang), values: [a.rupiah_used], fmt: NUM_FMT.rupiah },
        { label: t('csr_households', lang), values: [a.csr_households], fmt: NUM_FMT.int },
      ],
      title,
      lang,
    );
  }
  const rows: InfoRow[] = [
    ...reportInfoRows(report, 'ranking_title', lang),
    { label: t('profile_year', lang), values: [report.profile_year === null ? t('no_data', lang) : String(report.profile_year)] },
    { label: t('window', lang), values: [`${periodLabel(report.window.from, lang)} – ${periodLabel(report.window.to, lang)}`] },
    { label: t('tiers_rule', lang), values: [] },
    { label: t('minmax_rule', lang), values: [] },
    ...configInfoRows(report, lang),
  ];
  addInfoSheet(wb, t('info', lang), [t('item', lang), t('value', lang)], rows, title, lang);
  return toBytes(wb);
}
