/**
 * Region scorecard HTML (Korwil, Korreg, province, nation): one row per kabupaten with the same
 * cells, colours, arrows and legend as the kecamatan scorecard; grouped by province for `all`.
 */
import { getProvince } from '../../../lib/wilayah.js';
import type { RegionScorecardKabupaten, RegionScorecardReport } from '../../regions/types.js';
import { COUNT_NAMES, INDICATOR_NAMES } from '../../reports/types.js';
import { formatDecimal, formatInt, formatPercent } from '../format.js';
import { COUNT_LABELS, INDICATOR_LABELS, labelOf, t, type Lang } from '../labels.js';
import { regionTitle, rt } from '../region-labels.js';
import { horizontalBars } from './charts.js';
import { cards, htmlDocument, statusBadge, trend } from './page.js';
import { regionBanner } from './region-page.js';
import { html, type SafeHtml } from './safe.js';
import { countCell, indicatorCell, legend } from './scorecard.js';

const BAR_COLOR = '#2f6db5';
/** Above this many kabupaten the chart shows the weakest ones only (a national chart of 514 bars helps nobody). */
const CHART_MAX_BARS = 40;
const WEAKEST = 20;

function row(k: RegionScorecardKabupaten, lang: Lang): SafeHtml {
  return html`<tr><td class="ctr"><b>${k.rank}</b><span class="code">${trend(k.rank_prev_month - k.rank, 'rank', lang, 'up')}</span></td>
<td class="txt name">${k.kabupaten_name}<span class="code">${k.kabupaten_code}</span></td>
<td><b>${formatDecimal(k.score, 1, lang)}</b></td>${INDICATOR_NAMES.map((n) => indicatorCell(k.indicators[n], lang))}${COUNT_NAMES.map((n) =>
    countCell(n, k.counts[n], lang),
  )}<td>${formatInt(k.kecamatan_count, lang)}</td><td>${formatInt(k.desa_not_covered_count, lang)}</td></tr>`;
}

function table(report: RegionScorecardReport, lang: Lang): SafeHtml {
  const columns = 3 + INDICATOR_NAMES.length + COUNT_NAMES.length + 2;
  const head = html`<thead><tr><th>${t('rank', lang)}</th><th>${rt('kabupaten', lang)}</th><th>${t('score', lang)}</th>${INDICATOR_NAMES.map(
    (n) => html`<th>${labelOf(INDICATOR_LABELS, n, lang)}</th>`,
  )}${COUNT_NAMES.map((n) => html`<th>${labelOf(COUNT_LABELS, n, lang)}</th>`)}<th>${rt('kecamatan_count', lang)}</th><th>${rt('desa_not_covered_count', lang)}</th></tr></thead>`;
  const grouped = report.region === 'all';
  const body: SafeHtml[] = [];
  let province = '';
  for (const k of report.kabupaten) {
    const code = k.kabupaten_code.slice(0, 2);
    if (grouped && code !== province) {
      province = code;
      body.push(html`<tr class="total"><td></td><td class="txt" colspan="${columns - 1}">${rt('province', lang)} ${getProvince(code)?.name ?? code} <span class="code">${code}</span></td></tr>`);
    }
    body.push(row(k, lang));
  }
  const total = report.total;
  const kecamatan = report.kabupaten.reduce((n, k) => n + k.kecamatan_count, 0);
  const desa = report.kabupaten.reduce((n, k) => n + k.desa_not_covered_count, 0);
  const totalRow = html`<tr class="total"><td></td><td class="txt">${rt('region_total', lang)}<span class="code">${report.region}</span></td>
<td>${formatDecimal(total.score, 1, lang)}</td>${INDICATOR_NAMES.map((n) => indicatorCell(total.indicators[n], lang))}${COUNT_NAMES.map((n) =>
    countCell(n, total.counts[n], lang),
  )}<td>${formatInt(kecamatan, lang)}</td><td>${formatInt(desa, lang)}</td></tr>`;
  return html`<div style="overflow-x:auto"><table class="grid">${head}<tbody>${body}${totalRow}</tbody></table></div>`;
}

function summary(report: RegionScorecardReport, lang: Lang): SafeHtml {
  const ind = report.total.indicators;
  const rateCard = (name: (typeof INDICATOR_NAMES)[number]) => ({
    label: labelOf(INDICATOR_LABELS, name, lang),
    value: formatPercent(ind[name].value, lang),
    sub: html`${statusBadge(ind[name].status, lang)} ${trend(ind[name].delta_prev_month, 'rate', lang, 'up')}`,
    status: ind[name].status,
  });
  return cards([
    {
      label: rt('region_score', lang),
      value: formatDecimal(report.total.score, 1, lang),
      sub: `${rt('kabupaten_count', lang)}: ${formatInt(report.kabupaten.length, lang)}`,
    },
    rateCard('monthly_report_rate'),
    rateCard('daily_reporting_rate'),
    rateCard('desa_coordination_coverage'),
    rateCard('disbursement_rate'),
  ]);
}

function chart(report: RegionScorecardReport, lang: Lang): { title: string; svg: SafeHtml } {
  const ranked = [...report.kabupaten].sort((a, b) => a.rank - b.rank);
  const few = ranked.length <= CHART_MAX_BARS;
  const shown = few ? ranked : ranked.slice(-WEAKEST);
  const title = few ? rt('score_by_kabupaten', lang) : `${WEAKEST} ${rt('weakest_kabupaten', lang)}`;
  const svg = horizontalBars({
    title,
    max: 100,
    axisText: (v) => formatDecimal(v, 0, lang),
    bars: shown.map((k) => ({ label: `${k.rank}. ${k.kabupaten_name}`, value: k.score, valueText: formatDecimal(k.score, 1, lang), color: BAR_COLOR })),
    reference:
      report.total.score === null ? undefined : { value: report.total.score, label: `${rt('region_score', lang)} ${formatDecimal(report.total.score, 1, lang)}` },
  });
  return { title, svg };
}

/** The region scorecard as one self-contained HTML document. */
export function regionScorecardHtml(report: RegionScorecardReport, lang: Lang): string {
  const c = chart(report, lang);
  const body = html`${regionBanner(report, lang)}${summary(report, lang)}
${table(report, lang)}
<section class="bottom"><div class="keep"><h2>${c.title}</h2>${c.svg}</div><div class="keep">${legend(report, lang)}<p class="small">${rt('region_rule', lang)}.</p></div></section>`;
  return htmlDocument({
    lang,
    titleKey: 'scorecard_title',
    kabupatenCode: report.region,
    kabupatenName: regionTitle(report, lang),
    period: report.period,
    generatedAt: report.generated_at,
    body,
    placeLabel: rt('region', lang),
    zoneCode: report.kabupaten_codes[0],
  });
}
