/**
 * XLSX output (REPORTS.md "Outputs"): one sheet per table with its header in row 1, frozen;
 * identifiers stored as text cells, rates as numbers in `0.0%`, rupiah in `"Rp"#,##0`,
 * statuses as words on their colour. Text is always a string cell, so a name such as
 * `=HYPERLINK(...)` stays text and never becomes a formula.
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
import { hasAllocation, rankingTable, sanctionsTable, scorecardTable, type Column, type ColumnKind, type FlatTable } from './tables.js';
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

function widthOf(column: Column, lang: Lang): number {
  const label = column.label[lang].length;
  if (column.kind === 'text') return Math.min(40, Math.max(18, label * 0.6));
  if (column.kind === 'id') return Math.max(14, Math.min(30, label * 0.6));
  return Math.min(22, Math.max(10, label * 0.45));
}

/** Writes a flat table on a new sheet: header row 1 (frozen), typed and formatted cells. */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, table: FlatTable, lang: Lang, xSplit: number): void {
  const ws = frozenSheet(wb, name, xSplit);
  ws.columns = table.columns.map((c) => ({ key: c.key, width: widthOf(c, lang) }));
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
      if (column.status && STATUS_FILL[v]) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[v] } };
      }
    });
    if (table.totalRows.includes(r)) row.font = { bold: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

type InfoValue = string | number | null;
export interface InfoRow {
  label: string;
  values: InfoValue[];
  fmt?: string;
}

/** A small key/value sheet (legend, report info, allocation summary), header frozen. */
export function addInfoSheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: InfoRow[]): void {
  const ws = frozenSheet(wb, name);
  ws.columns = header.map((_, i) => ({ width: i === 0 ? 44 : 22 }));
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
}

function reportInfoRows(
  report: ScorecardReport | SanctionsReport | RankingReport,
  titleKey: 'scorecard_title' | 'sanctions_title' | 'ranking_title',
  lang: Lang,
): InfoRow[] {
  return [
    { label: t('report', lang), values: [t(titleKey, lang)] },
    { label: t('kabupaten', lang), values: [`${report.kabupaten_name} (${report.kabupaten_code})`] },
    { label: t('period', lang), values: [periodLabel(report.period, lang)] },
    { label: t('generated_at', lang), values: [formatGeneratedAt(report.generated_at, report.kabupaten_code, lang)] },
  ];
}

const kecamatanSheet = (lang: Lang) => (lang === 'id' ? 'Kecamatan' : 'Sub-districts');

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.creator = 'Pantau PKH';
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Scorecard: sheet of kecamatan (+ TOTAL row) and a legend sheet with the thresholds. */
export async function scorecardXlsx(report: ScorecardReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addTableSheet(wb, kecamatanSheet(lang), scorecardTable(report), lang, 2);
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
  rows.push({ label: '', values: [] });
  rows.push(...reportInfoRows(report, 'scorecard_title', lang));
  const unrostered = report.data_quality.unrostered_facilitators;
  rows.push({
    label: t('unrostered', lang),
    values: [unrostered.length ? unrostered.join(';') : t('none_listed', lang)],
  });
  addInfoSheet(wb, t('legend', lang), [t('indicator', lang), t('green_from', lang), t('amber_from', lang), t('red_below', lang)], rows);
  return toBytes(wb);
}

/** Sanctions: sheet of listed facilitators and an info sheet with the rule and the ladder. */
export async function sanctionsXlsx(report: SanctionsReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addTableSheet(wb, lang === 'id' ? 'Pendamping' : 'Facilitators', sanctionsTable(report), lang, 2);
  const ladder = report.config.sanction_ladder;
  const rows: InfoRow[] = [
    ...reportInfoRows(report, 'sanctions_title', lang),
    { label: t('expected_count', lang), values: [report.expected_count], fmt: '#,##0' },
    { label: t('low_count', lang), values: [report.low_count], fmt: '#,##0' },
    { label: 'low_threshold', values: [report.low_threshold], fmt: '0.0%' },
    { label: 'min_working_days', values: [report.min_working_days], fmt: '0' },
    ...ladder.map((level, i) => ({
      label: `${t('ladder_rule', lang)}: ${i + 1}${i === ladder.length - 1 ? '+' : ''}`,
      values: [labelOf(SANCTION_LABELS, level, lang)],
    })),
  ];
  addInfoSheet(wb, t('info', lang), [t('item', lang), t('value', lang)], rows);
  return toBytes(wb);
}

/** Ranking: sheet of kecamatan, the allocation summary when a budget was given, and an info sheet. */
export async function rankingXlsx(report: RankingReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addTableSheet(wb, kecamatanSheet(lang), rankingTable(report), lang, 2);
  if (hasAllocation(report) && report.allocation) {
    const a = report.allocation;
    addInfoSheet(wb, lang === 'id' ? 'Alokasi' : 'Allocation', [t('item', lang), t('value', lang)], [
      { label: t('budget', lang), values: [a.budget], fmt: NUM_FMT.rupiah },
      { label: t('unit_cost', lang), values: [a.unit_cost], fmt: NUM_FMT.rupiah },
      { label: t('households_funded', lang), values: [a.households_funded], fmt: NUM_FMT.int },
      { label: t('rupiah_used', lang), values: [a.rupiah_used], fmt: NUM_FMT.rupiah },
      { label: t('csr_households', lang), values: [a.csr_households], fmt: NUM_FMT.int },
    ]);
  }
  const rows: InfoRow[] = [
    ...reportInfoRows(report, 'ranking_title', lang),
    { label: t('profile_year', lang), values: [report.profile_year === null ? t('no_data', lang) : String(report.profile_year)] },
    { label: t('window', lang), values: [`${periodLabel(report.window.from, lang)} – ${periodLabel(report.window.to, lang)}`] },
    ...Object.entries(report.weights).map(([c, w]) => ({
      label: `${t('weight', lang)}: ${labelOf(COMPONENT_LABELS, c, lang)}`,
      values: [w],
      fmt: '0.00',
    })),
    { label: t('tiers_rule', lang), values: [report.config.tiers.join(' / ')] },
    { label: t('minmax_rule', lang), values: [] },
  ];
  addInfoSheet(wb, t('info', lang), [t('item', lang), t('value', lang)], rows);
  return toBytes(wb);
}
