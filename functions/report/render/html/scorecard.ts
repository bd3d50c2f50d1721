/**
 * Scorecard HTML for the Bupati's office: summary cards, the kecamatan table (value, status word
 * on its colour, trend arrow per indicator), a score chart, and the legend with its thresholds.
 */
import type { CountJson, IndicatorJson, ScorecardReport } from '../../reports/types.js';
import { COUNT_NAMES, INDICATOR_NAMES } from '../../reports/types.js';
import { formatDecimal, formatInt, formatPercent } from '../format.js';
import { COUNT_LABELS, INDICATOR_LABELS, STATUS_LABELS, labelOf, periodLabel, t, type Lang } from '../labels.js';
import { coverageTarget, thresholdRows } from '../thresholds.js';
import { horizontalBars } from './charts.js';
import { cards, htmlDocument, idClass, stClass, statusBadge, trend } from './page.js';
import { noticeText, type TimedReport } from '../notices.js';
import { html, type SafeHtml } from './safe.js';

const BAR_COLOR = '#2f6db5';

/** A rate above 100 % can surprise (e.g. complaints of earlier months resolved now): marked with * and explained in the notes. */
const over100 = (ind: IndicatorJson) => ind.value !== null && ind.value > 1;

export function indicatorCell(ind: IndicatorJson, lang: Lang): SafeHtml {
  const fraction = `${formatInt(ind.numerator, lang)} / ${formatInt(ind.denominator, lang)}`;
  return html`<td class="ind ${stClass(ind.status)}" title="${fraction}"><b>${formatPercent(ind.value, lang)}${over100(ind) ? '*' : ''}</b><span class="sw">${labelOf(STATUS_LABELS, ind.status, lang)} ${trend(ind.delta_prev_month, 'rate', lang, 'up')}</span></td>`;
}

export function countCell(name: string, c: CountJson, lang: Lang): SafeHtml {
  // Only card custody has a judged status; the other counts are always "none" (informative).
  const judged = name === 'card_custody_flags';
  const better = judged ? 'down' : null;
  return html`<td class="ind${judged ? ` ${stClass(c.status)}` : ''}"><b>${formatInt(c.value, lang)}</b><span class="sw">${judged ? `${labelOf(STATUS_LABELS, c.status, lang)} ` : ''}${trend(c.delta_prev_month, 'count', lang, better)}</span></td>`;
}

function table(report: ScorecardReport, lang: Lang): SafeHtml {
  const head = html`<thead><tr><th>${t('rank', lang)}</th><th>${t('kecamatan', lang)}</th><th>${t('score', lang)}</th>${INDICATOR_NAMES.map(
    (n) => html`<th class="vh"><span>${labelOf(INDICATOR_LABELS, n, lang)}</span></th>`,
  )}${COUNT_NAMES.map((n) => html`<th class="vh"><span>${labelOf(COUNT_LABELS, n, lang)}</span></th>`)}</tr></thead>`;
  const rows = report.kecamatan.map(
    (k) => html`<tr><td class="ctr"><b>${k.rank}</b><span class="code">${trend(k.rank_prev_month - k.rank, 'rank', lang, 'up')}</span></td>
<td class="txt name">${k.kecamatan_name}<span class="code">${k.kecamatan_code}</span></td>
<td><b>${formatDecimal(k.score, 1, lang)}</b></td>${INDICATOR_NAMES.map((n) => indicatorCell(k.indicators[n], lang))}${COUNT_NAMES.map((n) =>
      countCell(n, k.counts[n], lang),
    )}</tr>`,
  );
  const total = report.total;
  const totalRow = html`<tr class="total"><td></td><td class="txt">${t('total_row', lang)}<span class="code">${report.kabupaten_code}</span></td>
<td>${formatDecimal(total.score, 1, lang)}</td>${INDICATOR_NAMES.map((n) => indicatorCell(total.indicators[n], lang))}${COUNT_NAMES.map((n) =>
    countCell(n, total.counts[n], lang),
  )}</tr>`;
  return html`<div class="tbox"><table class="grid">${head}<tbody>${rows}${totalRow}</tbody></table></div>`;
}

function summary(report: ScorecardReport, lang: Lang): SafeHtml {
  const ind = report.total.indicators;
  const rateCard = (name: (typeof INDICATOR_NAMES)[number]) => ({
    label: labelOf(INDICATOR_LABELS, name, lang),
    value: formatPercent(ind[name].value, lang),
    sub: html`${statusBadge(ind[name].status, lang)} ${trend(ind[name].delta_prev_month, 'rate', lang, 'up')}`,
    status: ind[name].status,
  });
  const red = INDICATOR_NAMES.filter((n) => ind[n].status === 'red').length;
  const custody = report.total.counts.card_custody_flags;
  return cards([
    {
      label: t('kabupaten_score', lang),
      value: formatDecimal(report.total.score, 1, lang),
      sub: `${t('kecamatan_count', lang)}: ${formatInt(report.kecamatan.length, lang)}`,
    },
    rateCard('monthly_report_rate'),
    rateCard('daily_reporting_rate'),
    rateCard('desa_coordination_coverage'),
    rateCard('disbursement_rate'),
    {
      label: t('red_indicators', lang),
      value: `${red} / ${INDICATOR_NAMES.length}`,
      status: red > 0 ? 'red' : 'green',
      sub: statusBadge(red > 0 ? 'red' : 'green', lang),
    },
    {
      label: labelOf(COUNT_LABELS, 'card_custody_flags', lang),
      value: formatInt(custody.value, lang),
      status: custody.status,
      sub: html`${statusBadge(custody.status, lang)} ${trend(custody.delta_prev_month, 'count', lang, 'down')}`,
    },
  ]);
}

function chart(report: ScorecardReport, lang: Lang): SafeHtml {
  const sorted = [...report.kecamatan].sort((a, b) => a.rank - b.rank);
  return horizontalBars({
    title: t('score_by_kecamatan', lang),
    max: 100,
    axisText: (v) => formatDecimal(v, 0, lang),
    bars: sorted.map((k) => ({
      label: `${k.rank}. ${k.kecamatan_name}`,
      value: k.score,
      valueText: formatDecimal(k.score, 1, lang),
      color: BAR_COLOR,
    })),
    reference:
      report.total.score === null
        ? undefined
        : { value: report.total.score, label: `${t('kabupaten_score', lang)} ${formatDecimal(report.total.score, 1, lang)}` },
  });
}

export function legend(report: Pick<ScorecardReport, 'config' | 'period'>, lang: Lang): SafeHtml {
  const rows = thresholdRows(report.config, report.period).map(
    (r) => html`<tr><td>${labelOf(INDICATOR_LABELS, r.indicator, lang)}</td><td class="num">${formatPercent(r.green, lang)}</td><td class="num">${formatPercent(r.amber, lang)}</td><td class="num">${formatPercent(r.amber, lang)}</td></tr>`,
  );
  const target = coverageTarget(report.period);
  return html`<h2>${t('legend', lang)}: ${t('thresholds', lang)}</h2>
<table class="legend"><thead><tr><th>${t('indicator', lang)}</th><th>${statusBadge('green', lang)} ≥</th><th>${statusBadge('amber', lang)} ≥</th><th>${statusBadge('red', lang)} &lt;</th></tr></thead>
<tbody>${rows}</tbody></table>
<ul class="rules">
<li>${t('coverage_rule', lang)} (${periodLabel(report.period, lang)}: ${formatPercent(target, lang)}; ${labelOf(STATUS_LABELS, 'amber', lang)} ≥ 75% × target).</li>
<li>${t('card_rule', lang)}.</li>
<li>${statusBadge('none', lang)}: ${t('none_rule', lang)}.</li>
<li>${t('score_rule', lang)}.</li>
<li>${t('arrows_rule', lang)}.</li>
</ul>`;
}

/** Where a rate is above 100 %: which indicator, where, how much, and why that can be right. */
function surprises(report: ScorecardReport, lang: Lang): SafeHtml {
  const rows = [...report.kecamatan.map((k) => ({ name: k.kecamatan_name, ind: k.indicators })), { name: t('total_row', lang), ind: report.total.indicators }];
  const found = INDICATOR_NAMES.map((n) => ({
    n,
    where: rows.filter((r) => over100(r.ind[n])).map((r) => `${r.name} ${formatPercent(r.ind[n].value, lang)}`),
  })).filter((x) => x.where.length > 0);
  if (found.length === 0) return html``;
  return html`<div class="keep surprise"><p><b>* ${noticeText('over_100', lang)}.</b></p>${found.map(
    (x) => html`<p>${labelOf(INDICATOR_LABELS, x.n, lang)}: ${x.where.join(', ')}</p>`,
  )}</div>`;
}

function notes(report: ScorecardReport, lang: Lang): SafeHtml {
  const withGaps = report.kecamatan.filter((k) => k.desa_not_covered.length > 0);
  const desa = withGaps.length
    ? html`<div class="cols">${withGaps.map(
        (k) => html`<p><b>${k.kecamatan_name}</b> (${k.desa_not_covered.length}): ${k.desa_not_covered.map((d) => d.desa_name).join(', ')}</p>`,
      )}</div>`
    : html`<p>${t('all_desa_covered', lang)}.</p>`;
  const ids = report.data_quality.unrostered_facilitators;
  return html`<section class="notes">${surprises(report, lang)}<h2>${t('desa_not_covered', lang)}</h2>${desa}
<div class="keep"><h2>${t('unrostered', lang)} (${ids.length})</h2><p>${ids.length ? html`${t('unrostered_note', lang)}: ${ids.map((id, i) => html`${i ? ', ' : ''}<span class="${idClass(id)}">${id}</span>`)}` : t('none_listed', lang)}</p></div></section>`;
}

/** The scorecard as one self-contained HTML document. */
export function scorecardHtml(report: ScorecardReport, lang: Lang): string {
  const body = html`${summary(report, lang)}
${table(report, lang)}
<section class="bottom"><div class="keep"><h2>${t('score_by_kecamatan', lang)}</h2>${chart(report, lang)}</div><div class="keep">${legend(report, lang)}</div></section>
${notes(report, lang)}`;
  return htmlDocument({
    lang,
    titleKey: 'scorecard_title',
    kabupatenCode: report.kabupaten_code,
    kabupatenName: report.kabupaten_name,
    period: report.period,
    generatedAt: report.generated_at,
    report: report as unknown as TimedReport,
    body,
  });
}
