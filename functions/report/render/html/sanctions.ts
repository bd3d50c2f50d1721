/**
 * Sanctions list HTML for coordinators: summary cards, a histogram of the listed facilitators'
 * daily reporting rates, the list itself, and the rule and ladder that produced it.
 */
import type { SanctionEntry, SanctionsReport } from '../../reports/types.js';
import { formatDate, formatInt, formatPercent } from '../format.js';
import {
  MONTHLY_STATUS_LABELS,
  ROLE_LABELS,
  SANCTION_LABELS,
  labelOf,
  monthName,
  t,
  type Lang,
} from '../labels.js';
import { histogram, type Bin } from './charts.js';
import { cards, htmlDocument, idClass, longRunClass, stClass } from './page.js';
import type { TimedReport } from '../notices.js';
import { html, type SafeHtml } from './safe.js';

/** Every monthly status the list can show, with its colour (the legend lists them all; not yet due is not judged). */
export const MONTHLY_STATUS_COLOUR: Record<string, string> = { on_time: 'green', late: 'amber', missing: 'red', not_due: 'none' };

/** First rung of the ladder amber, every heavier one red. */
export function levelStatus(level: string, ladder: string[]): string {
  const i = ladder.indexOf(level);
  return i <= 0 ? 'amber' : 'red';
}

export function badge(status: string, text: string): SafeHtml {
  return html`<span class="badge ${stClass(status)}">${text}</span>`;
}

/** Missing dates inside P as day numbers ("1, 2, 6"); anything else as a full date. */
export function missingDays(dates: string[], period: string, lang: Lang): string {
  return dates.map((d) => (d.startsWith(`${period}-`) ? String(Number(d.slice(8, 10))) : formatDate(d, lang))).join(', ');
}

export function rateCell(f: SanctionEntry, report: Pick<SanctionsReport, 'min_working_days' | 'low_threshold'>, lang: Lang): SafeHtml {
  const judged = f.working_days >= report.min_working_days && f.daily_reporting_rate !== null;
  const low = judged && (f.daily_reporting_rate as number) < report.low_threshold;
  const note = low ? t('below_threshold', lang) : judged ? '' : t('too_few_days', lang);
  return html`<td class="ind${low ? ' st-red' : ''}"><b>${formatPercent(f.daily_reporting_rate, lang)}</b>${note ? html`<span class="sw note">${note}</span>` : ''}</td>`;
}

function table(report: SanctionsReport, lang: Lang): SafeHtml {
  if (report.facilitators.length === 0) return html`<p><b>${t('no_rows', lang)}.</b></p>`;
  const ladder = report.config.sanction_ladder;
  const month = monthName(Number(report.period.slice(5, 7)), lang);
  const head = html`<thead><tr><th>${t('no', lang)}</th><th>${t('facilitator_id', lang)}</th><th>${t('full_name', lang)}</th><th>${t('role', lang)}</th>
<th>${t('kecamatan', lang)}</th><th>${t('supervisor_id', lang)}</th><th>${t('working_days', lang)}</th><th>${t('reported_days', lang)}</th>
<th>${t('daily_reporting_rate', lang)}</th><th>${t('monthly_report_status', lang)}</th><th>${t('consecutive_low_months', lang)}</th>
<th>${t('sanction_level', lang)}</th><th>${t('missing_dates', lang)} (${month})</th></tr></thead>`;
  const rows = report.facilitators.map(
    (f, i) => html`<tr><td class="ctr">${i + 1}</td><td class="txt ${idClass(f.facilitator_id)}">${f.facilitator_id}</td><td class="txt${longRunClass(f.full_name)}"><b>${f.full_name}</b></td>
<td class="txt">${labelOf(ROLE_LABELS, f.role, lang)}</td>
<td class="txt name">${f.kecamatan_name ?? '–'}${f.kecamatan_code ? html`<span class="code">${f.kecamatan_code}</span>` : ''}</td>
<td class="txt ${idClass(f.supervisor_id ?? '–')}${longRunClass(f.supervisor_id ?? '')}">${f.supervisor_id ?? '–'}</td><td>${formatInt(f.working_days, lang)}</td><td>${formatInt(f.reported_days, lang)}</td>
${rateCell(f, report, lang)}
<td class="ctr">${badge(MONTHLY_STATUS_COLOUR[f.monthly_report_status] ?? 'none', labelOf(MONTHLY_STATUS_LABELS, f.monthly_report_status, lang))}</td>
<td class="ctr"><b>${f.consecutive_low_months}</b></td>
<td class="ctr">${badge(levelStatus(f.sanction_level, ladder), labelOf(SANCTION_LABELS, f.sanction_level, lang))}</td>
<td class="txt small">${missingDays(f.missing_dates, report.period, lang)}</td></tr>`,
  );
  return html`<div class="tbox"><table class="grid">${head}<tbody>${rows}</tbody></table></div>`;
}

export function summary(report: SanctionsReport, lang: Lang): SafeHtml {
  const ladder = report.config.sanction_ladder;
  const levels = [...new Set([...ladder, ...report.facilitators.map((f) => f.sanction_level)])];
  const perLevel = levels
    .map((l) => `${labelOf(SANCTION_LABELS, l, lang)}: ${report.facilitators.filter((f) => f.sanction_level === l).length}`)
    .join(' · ');
  const missing = report.facilitators.filter((f) => f.monthly_report_status === 'missing').length;
  const share = report.expected_count > 0 ? report.low_count / report.expected_count : null;
  return cards([
    { label: t('expected_count', lang), value: formatInt(report.expected_count, lang) },
    {
      label: t('low_count', lang),
      value: formatInt(report.low_count, lang),
      status: report.low_count > 0 ? 'red' : 'green',
      sub: `${t('low_share', lang)}: ${formatPercent(share, lang)}`,
    },
    { label: t('missing_monthly', lang), value: formatInt(missing, lang), status: missing > 0 ? 'red' : 'green' },
    { label: t('by_level', lang), value: formatInt(report.facilitators.length, lang), sub: perLevel },
  ]);
}

export function chart(report: Pick<SanctionsReport, 'facilitators' | 'low_threshold'>, lang: Lang): SafeHtml {
  const bins: Bin[] = [{ label: t('rate_bin_none', lang), count: 0, color: '#9aa4ae' }];
  for (let b = 0; b < 10; b++) {
    const upper = (b + 1) / 10;
    bins.push({
      label: `${b * 10}–${(b + 1) * 10}%`,
      count: 0,
      color: upper <= report.low_threshold + 1e-9 ? '#c0392b' : '#d99a00',
    });
  }
  for (const f of report.facilitators) {
    const r = f.daily_reporting_rate;
    const i = r === null ? 0 : 1 + Math.min(9, Math.max(0, Math.floor(r * 10)));
    bins[i].count++;
  }
  return histogram({
    title: t('rate_histogram', lang),
    bins,
    marker: { atBin: 1 + report.low_threshold * 10, label: `${formatPercent(report.low_threshold, lang)}` },
  });
}

/**
 * The rule and the ladder, compact, above the table: a coordinator reading who gets which letter
 * needs them on the same page (printed below the table they once landed alone on page 2).
 */
export function legend(report: SanctionsReport, lang: Lang): SafeHtml {
  const ladder = report.config.sanction_ladder;
  const rule = t('low_rule', lang)
    .replace('{min}', String(report.min_working_days))
    .replace('{thr}', formatPercent(report.low_threshold, lang));
  return html`<section class="keep legend-top"><h2>${t('legend', lang)}</h2>
<ul class="rules"><li>${rule}.</li>
<li>${t('ladder_rule', lang)}: ${ladder.map(
    (l, i) => html`${i ? ' · ' : ''}<span class="nw">${i + 1}${i === ladder.length - 1 ? '+' : ''} → ${badge(levelStatus(l, ladder), labelOf(SANCTION_LABELS, l, lang))}</span>`,
  )} (${t('sp_note', lang)}).</li>
<li>${t('monthly_status_legend', lang)}: ${Object.keys(MONTHLY_STATUS_COLOUR).map((s) => html`${badge(MONTHLY_STATUS_COLOUR[s], labelOf(MONTHLY_STATUS_LABELS, s, lang))} `)}</li></ul></section>`;
}

/** The sanctions list as one self-contained HTML document. */
export function sanctionsHtml(report: SanctionsReport, lang: Lang): string {
  const body = html`${summary(report, lang)}
${legend(report, lang)}
${table(report, lang)}
<section class="bottom"><div class="keep"><h2>${t('rate_histogram', lang)}</h2>${chart(report, lang)}</div></section>`;
  return htmlDocument({
    lang,
    titleKey: 'sanctions_title',
    kabupatenCode: report.kabupaten_code,
    kabupatenName: report.kabupaten_name,
    period: report.period,
    generatedAt: report.generated_at,
    report: report as unknown as TimedReport,
    body,
  });
}
