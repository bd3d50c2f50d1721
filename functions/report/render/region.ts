/**
 * Renderers of the region reports (REPORTS.md §4): one region report JSON in, the bytes of one
 * output file out. Pure, like renderReport.
 */
import { UserError } from '../../lib/errors.js';
import type { AnyRegionReport } from '../regions/types.js';
import { tableToCsv } from './csv.js';
import { regionSanctionsHtml } from './html/region-sanctions.js';
import { regionScorecardHtml } from './html/region-scorecard.js';
import type { ReportFormat } from './index.js';
import type { Lang } from './labels.js';
import { regionSanctionsTable, regionScorecardTable } from './region-tables.js';
import { reportTxt } from './txt.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** @example const bytes = await renderRegionReport(report, 'html', { lang: 'id' }); */
export async function renderRegionReport(report: AnyRegionReport, format: ReportFormat, opts: { lang: Lang; fullReport?: string }): Promise<Uint8Array> {
  const { lang } = opts;
  if (lang !== 'id' && lang !== 'en') {
    throw new UserError(`Bahasa "${String(lang)}" tidak dikenal; pakai --lang id atau en / Unknown language "${String(lang)}"; use --lang id or en`, 'invalid_lang');
  }
  const scorecard = report.report === 'scorecard';
  switch (format) {
    case 'json':
      return utf8(`${JSON.stringify(report, null, 2)}\n`);
    case 'csv':
      return tableToCsv(report.report === 'scorecard' ? regionScorecardTable(report) : regionSanctionsTable(report), lang);
    case 'xlsx': {
      // Loaded only for this format, as for a kabupaten's report (render/index.ts).
      const { regionSanctionsXlsx, regionScorecardXlsx } = await import('./region-xlsx.js');
      return report.report === 'scorecard' ? regionScorecardXlsx(report, lang) : regionSanctionsXlsx(report, lang);
    }
    case 'html':
      return utf8(report.report === 'scorecard' ? regionScorecardHtml(report, lang) : regionSanctionsHtml(report, lang));
    case 'pdf': {
      const { htmlToPdf } = await import('./pdf.js');
      return htmlToPdf(report.report === 'scorecard' ? regionScorecardHtml(report, lang) : regionSanctionsHtml(report, lang));
    }
    case 'txt':
      // The summary reads a region report's kabupaten list where a kabupaten report has kecamatan.
      return utf8(reportTxt(report as unknown as Parameters<typeof reportTxt>[0], lang, opts.fullReport ?? ''));
    default:
      throw new UserError(
        `Format "${String(format)}" tidak dikenal untuk laporan ${scorecard ? 'scorecard' : 'sanctions'} wilayah; pakai json, csv, xlsx atau html / Unknown format "${String(format)}" for a region report; use json, csv, xlsx or html`,
        'invalid_format',
      );
  }
}
