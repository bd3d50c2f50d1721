/**
 * XLSX of the region reports: the table sheet (frozen header, codes as text, percent formats,
 * status colours) and an info sheet, with the same writers as the kabupaten reports.
 */
import ExcelJS from 'exceljs';
import type { RegionSanctionsReport, RegionScorecardReport } from '../regions/types.js';
import { formatGeneratedAt } from './format.js';
import { INDICATOR_LABELS, SANCTION_LABELS, labelOf, periodLabel, t, type Lang } from './labels.js';
import { regionTitle, rt } from './region-labels.js';
import { regionSanctionsTable, regionScorecardTable } from './region-tables.js';
import { thresholdRows } from './thresholds.js';
import { addInfoSheet, addTableSheet, printTitle, toBytes, type InfoRow } from './xlsx.js';
import { SETTING_LABELS } from './settings.js';

function infoRows(report: RegionScorecardReport | RegionSanctionsReport, title: string, lang: Lang): InfoRow[] {
  const rows: InfoRow[] = [
    { label: t('report', lang), values: [title] },
    { label: rt('region', lang), values: [`${regionTitle(report, lang)} (${report.region})`] },
    { label: rt('kabupaten_count', lang), values: [report.kabupaten_codes.length], fmt: '#,##0' },
    { label: t('period', lang), values: [periodLabel(report.period, lang)] },
    { label: SETTING_LABELS.as_of[lang], values: [formatGeneratedAt(report.as_of, report.kabupaten_codes[0] ?? '', lang)] },
    { label: t('generated_at', lang), values: [formatGeneratedAt(report.generated_at, report.kabupaten_codes[0] ?? '', lang)] },
  ];
  if (!report.final) rows.push({ label: rt('provisional', lang).replace('{asof}', report.as_of), values: [] });
  return rows;
}

const kabupatenSheet = (lang: Lang) => (lang === 'id' ? 'Kabupaten' : 'Districts');

/** Region scorecard: kabupaten sheet (+ region TOTAL row) and the legend with the report's settings. */
export async function regionScorecardXlsx(report: RegionScorecardReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const title = printTitle(report, 'scorecard_title', lang);
  addTableSheet(wb, kabupatenSheet(lang), regionScorecardTable(report), lang, 2, title);
  const rows: InfoRow[] = thresholdRows(report.config, report.period).map((r) => ({
    label: r.indicator === 'desa_coordination_coverage' ? `${labelOf(INDICATOR_LABELS, r.indicator, lang)} (${t('coverage_rule', lang)})` : labelOf(INDICATOR_LABELS, r.indicator, lang),
    values: [r.green, r.amber, r.amber],
    fmt: '0.0%',
  }));
  rows.push({ label: t('card_rule', lang), values: [] }, { label: t('score_rule', lang), values: [] }, { label: rt('region_rule', lang), values: [] }, { label: '', values: [] });
  rows.push(...infoRows(report, t('scorecard_title', lang), lang));
  addInfoSheet(wb, t('legend', lang), [t('indicator', lang), t('green_from', lang), t('amber_from', lang), t('red_below', lang)], rows, title, lang);
  return toBytes(wb);
}

/** Region sanctions: facilitators with their kabupaten, and an info sheet with the rule and ladder. */
export async function regionSanctionsXlsx(report: RegionSanctionsReport, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const title = printTitle(report, 'sanctions_title', lang);
  addTableSheet(wb, lang === 'id' ? 'Pendamping' : 'Facilitators', regionSanctionsTable(report), lang, 4, title);
  const ladder = report.config.sanction_ladder;
  const rows: InfoRow[] = [
    ...infoRows(report, t('sanctions_title', lang), lang),
    { label: t('expected_count', lang), values: [report.expected_count], fmt: '#,##0' },
    { label: t('low_count', lang), values: [report.low_count], fmt: '#,##0' },
    { label: SETTING_LABELS.low_threshold[lang], values: [report.low_threshold], fmt: '0.0%' },
    { label: SETTING_LABELS.min_working_days[lang], values: [report.min_working_days], fmt: '0' },
    { label: rt('region_sanctions_rule', lang), values: [] },
    ...ladder.map((level, i) => ({
      label: `${t('ladder_rule', lang)}: ${i + 1}${i === ladder.length - 1 ? '+' : ''}`,
      values: [labelOf(SANCTION_LABELS, level, lang)],
    })),
  ];
  addInfoSheet(wb, t('info', lang), [t('item', lang), t('value', lang)], rows, title, lang);
  return toBytes(wb);
}
