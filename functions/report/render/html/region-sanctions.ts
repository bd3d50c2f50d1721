/**
 * Region sanctions HTML: every kabupaten's listed facilitators in one list, the kabupaten named
 * on each row, with the summary, histogram and legend of the kabupaten list.
 */
import type { RegionSanctionsReport } from '../../regions/types.js';
import type { SanctionsReport } from '../../reports/types.js';
import { formatInt } from '../format.js';
import { MONTHLY_STATUS_LABELS, ROLE_LABELS, SANCTION_LABELS, labelOf, monthName, t, type Lang } from '../labels.js';
import { regionTitle, rt } from '../region-labels.js';
import { htmlDocument, idClass } from './page.js';
import { regionBanner } from './region-page.js';
import { html, type SafeHtml } from './safe.js';
import { MONTHLY_STATUS_COLOUR, badge, chart, legend, levelStatus, missingDays, rateCell, summary } from './sanctions.js';

function table(report: RegionSanctionsReport, lang: Lang): SafeHtml {
  if (report.facilitators.length === 0) return html`<p><b>${t('no_rows', lang)}.</b></p>`;
  const ladder = report.config.sanction_ladder;
  const month = monthName(Number(report.period.slice(5, 7)), lang);
  const head = html`<thead><tr><th>${t('no', lang)}</th><th>${rt('kabupaten', lang)}</th><th>${t('facilitator_id', lang)}</th><th>${t('full_name', lang)}</th><th>${t('role', lang)}</th>
<th>${t('kecamatan', lang)}</th><th>${t('supervisor_id', lang)}</th><th>${t('working_days', lang)}</th><th>${t('reported_days', lang)}</th>
<th>${t('daily_reporting_rate', lang)}</th><th>${t('monthly_report_status', lang)}</th><th>${t('consecutive_low_months', lang)}</th>
<th>${t('sanction_level', lang)}</th><th>${t('missing_dates', lang)} (${month})</th></tr></thead>`;
  const rows = report.facilitators.map(
    (f, i) => html`<tr><td class="ctr">${i + 1}</td><td class="txt name">${f.kabupaten_name}<span class="code">${f.kabupaten_code}</span></td>
<td class="txt ${idClass(f.facilitator_id)}">${f.facilitator_id}</td><td class="txt"><b>${f.full_name}</b></td>
<td class="txt">${labelOf(ROLE_LABELS, f.role, lang)}</td>
<td class="txt name">${f.kecamatan_name ?? '–'}${f.kecamatan_code ? html`<span class="code">${f.kecamatan_code}</span>` : ''}</td>
<td class="txt ${idClass(f.supervisor_id ?? '–')}">${f.supervisor_id ?? '–'}</td><td>${formatInt(f.working_days, lang)}</td><td>${formatInt(f.reported_days, lang)}</td>
${rateCell(f, report, lang)}
<td class="ctr">${badge(MONTHLY_STATUS_COLOUR[f.monthly_report_status] ?? 'none', labelOf(MONTHLY_STATUS_LABELS, f.monthly_report_status, lang))}</td>
<td class="ctr"><b>${f.consecutive_low_months}</b></td>
<td class="ctr">${badge(levelStatus(f.sanction_level, ladder), labelOf(SANCTION_LABELS, f.sanction_level, lang))}</td>
<td class="txt small">${missingDays(f.missing_dates, report.period, lang)}</td></tr>`,
  );
  return html`<div style="overflow-x:auto"><table class="grid">${head}<tbody>${rows}</tbody></table></div>`;
}

/** The region sanctions list as one self-contained HTML document. */
export function regionSanctionsHtml(report: RegionSanctionsReport, lang: Lang): string {
  // The kabupaten list's summary and legend read only fields a region list has as well.
  const asList = report as unknown as SanctionsReport;
  const body = html`${regionBanner(report, lang)}${summary(asList, lang)}
${table(report, lang)}
<section class="bottom"><div class="keep"><h2>${t('rate_histogram', lang)}</h2>${chart(report, lang)}</div><div class="keep">${legend(asList, lang)}<p class="small">${rt('region_sanctions_rule', lang)}.</p></div></section>`;
  return htmlDocument({
    lang,
    titleKey: 'sanctions_title',
    kabupatenCode: report.region,
    kabupatenName: regionTitle(report, lang),
    period: report.period,
    generatedAt: report.generated_at,
    body,
    placeLabel: rt('region', lang),
    zoneCode: report.kabupaten_codes[0],
  });
}
