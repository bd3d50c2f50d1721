/**
 * Report renderers: one report JSON object in, the bytes of one output file out
 * (REPORTS.md "Outputs"). Pure: no I/O, no network, no clock.
 */
import { UserError } from '../../lib/errors.js';
import type { RankingReport, SanctionsReport, ScorecardReport } from '../reports/types.js';
import { tableToCsv } from './csv.js';
import { rankingHtml } from './html/ranking.js';
import { sanctionsHtml } from './html/sanctions.js';
import { scorecardHtml } from './html/scorecard.js';
import type { Lang } from './labels.js';
import { rankingTable, sanctionsTable, scorecardTable } from './tables.js';
import { reportTxt } from './txt.js';

export type { Lang } from './labels.js';
export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html' | 'pdf' | 'txt';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'xlsx', 'html', 'pdf', 'txt'];

type AnyReport = ScorecardReport | SanctionsReport | RankingReport;

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Renders a report in one format. `lang` picks the labels of csv, xlsx, html, pdf and txt
 * (json is the layout as is). `fullReport` is the file name the txt summary points to.
 * The pdf path alone loads a browser (imported here, on that path only).
 *
 * @example
 * const bytes = await renderReport(scorecard, 'html', { lang: 'id' });
 * await writeFile('report.html', bytes);
 */
export async function renderReport(report: AnyReport, format: ReportFormat, opts: { lang: Lang; fullReport?: string }): Promise<Uint8Array> {
  const { lang } = opts;
  if (lang !== 'id' && lang !== 'en') {
    throw new UserError(`Bahasa "${String(lang)}" tidak dikenal; pakai --lang id atau en / Unknown language "${String(lang)}"; use --lang id or en`, 'invalid_lang');
  }
  switch (format) {
    case 'json':
      return utf8(`${JSON.stringify(report, null, 2)}\n`);
    case 'csv':
      return tableToCsv(
        report.report === 'scorecard' ? scorecardTable(report) : report.report === 'sanctions' ? sanctionsTable(report) : rankingTable(report),
        lang,
      );
    case 'xlsx': {
      // Loaded only for this format: exceljs takes longer to load than a JSON report takes to make.
      const { rankingXlsx, sanctionsXlsx, scorecardXlsx } = await import('./xlsx.js');
      return report.report === 'scorecard'
        ? scorecardXlsx(report, lang)
        : report.report === 'sanctions'
          ? sanctionsXlsx(report, lang)
          : rankingXlsx(report, lang);
    }
    case 'html':
      return utf8(reportHtml(report, lang));
    case 'pdf': {
      const { htmlToPdf } = await import('./pdf.js');
      return htmlToPdf(reportHtml(report, lang));
    }
    case 'txt':
      return utf8(reportTxt(report, lang, opts.fullReport ?? ''));
    default:
      throw new UserError(
        `Format "${String(format)}" tidak dikenal; pakai json, csv, xlsx, html, pdf atau txt / Unknown format "${String(format)}"; use json, csv, xlsx, html, pdf or txt`,
        'invalid_format',
      );
  }
}

function reportHtml(report: AnyReport, lang: Lang): string {
  return report.report === 'scorecard' ? scorecardHtml(report, lang) : report.report === 'sanctions' ? sanctionsHtml(report, lang) : rankingHtml(report, lang);
}
