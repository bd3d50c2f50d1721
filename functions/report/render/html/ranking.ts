/**
 * Poverty-focus ranking HTML for dinas planners: summary (and budget allocation when given),
 * an index chart coloured by tier, the ranked kecamatan table, and the weights and tier rules.
 */
import type { RankingKecamatan, RankingReport } from '../../reports/types.js';
import { COMPONENT_NAMES } from '../../reports/types.js';
import { formatDecimal, formatInt, formatPercent, formatRupiah } from '../format.js';
import { COMPONENT_LABELS, labelOf, periodLabel, t, tierLabel, type Lang } from '../labels.js';
import { hasAllocation } from '../tables.js';
import { horizontalBars } from './charts.js';
import { cards, htmlDocument, stClass } from './page.js';
import type { TimedReport } from '../notices.js';
import { html, type SafeHtml } from './safe.js';

/** Tier → status colour class: first tier red, other priority tiers amber, regular green. */
function tierStatus(tier: string): string {
  if (tier === 'prioritas_1') return 'red';
  if (tier.startsWith('prioritas_')) return 'amber';
  if (tier === 'reguler') return 'green';
  return 'none';
}

const TIER_BAR: Record<string, string> = { red: '#c0392b', amber: '#d99a00', green: '#3c8d50', none: '#9aa4ae' };

function tierBadge(tier: string, lang: Lang): SafeHtml {
  return html`<span class="badge ${stClass(tierStatus(tier))}">${tierLabel(tier, lang)}</span>`;
}

function table(report: RankingReport, lang: Lang): SafeHtml {
  const alloc = hasAllocation(report);
  const head = html`<thead><tr><th>${t('rank', lang)}</th><th>${t('kecamatan', lang)}</th><th>${t('index', lang)}</th><th>${t('tier', lang)}</th>
<th>${t('extreme_poor_households', lang)}</th><th>${t('pkh_families', lang)}</th><th>${t('uncovered_households', lang)}</th>
${COMPONENT_NAMES.map((c) => html`<th>${labelOf(COMPONENT_LABELS, c, lang)}<br><span class="small">(${t('value', lang)} · ${t('component_score', lang)})</span></th>`)}
${alloc ? html`<th>${t('allocation_households', lang)}</th><th>${t('allocation_rupiah', lang)}</th>` : ''}</tr></thead>`;
  const row = (k: RankingKecamatan) => html`<tr><td class="ctr"><b>${k.rank}</b></td>
<td class="txt name">${k.kecamatan_name}<span class="code">${k.kecamatan_code}</span></td>
<td><b>${formatDecimal(k.index, 2, lang)}</b></td><td class="ctr">${tierBadge(k.tier, lang)}</td>
<td>${formatInt(k.extreme_poor_households, lang)}</td><td>${formatInt(k.pkh_families, lang)}</td><td>${formatInt(k.uncovered_households, lang)}</td>
${COMPONENT_NAMES.map((c) => {
  const comp = k.components[c];
  return html`<td class="ind"><b>${formatPercent(comp.value, lang)}</b><span class="sw">${t('component_score', lang)} ${formatDecimal(comp.score, 2, lang)}</span></td>`;
})}
${alloc ? html`<td>${formatInt(k.allocation?.households ?? null, lang)}</td><td>${formatRupiah(k.allocation?.rupiah ?? null, lang)}</td>` : ''}</tr>`;
  return html`<div class="tbox"><table class="grid">${head}<tbody>${report.kecamatan.map(row)}</tbody></table></div>`;
}

function summary(report: RankingReport, lang: Lang): SafeHtml {
  const first = report.kecamatan.filter((k) => k.tier === 'prioritas_1');
  const uncovered = report.kecamatan.reduce((s, k) => s + (k.uncovered_households ?? 0), 0);
  const base = [
    {
      label: t('profile_year', lang),
      value: report.profile_year === null ? '–' : String(report.profile_year),
      sub: `${t('window', lang)}: ${periodLabel(report.window.from, lang)} – ${periodLabel(report.window.to, lang)}`,
    },
    {
      label: tierLabel('prioritas_1', lang),
      value: formatInt(first.length, lang),
      status: 'red',
      sub: first.map((k) => k.kecamatan_name).join(', '),
    },
    { label: t('uncovered_total', lang), value: formatInt(uncovered, lang) },
  ];
  const a = report.allocation;
  const money = a
    ? [
        { label: t('budget', lang), value: formatRupiah(a.budget, lang), sub: `${t('unit_cost', lang)}: ${formatRupiah(a.unit_cost, lang)}` },
        { label: t('households_funded', lang), value: formatInt(a.households_funded, lang), sub: `${t('rupiah_used', lang)}: ${formatRupiah(a.rupiah_used, lang)}` },
        { label: t('csr_households', lang), value: formatInt(a.csr_households, lang), status: a.csr_households > 0 ? 'amber' : 'green' },
      ]
    : [];
  return cards([...base, ...money]);
}

function chart(report: RankingReport, lang: Lang): SafeHtml {
  const sorted = [...report.kecamatan].sort((a, b) => a.rank - b.rank);
  return horizontalBars({
    title: t('index_by_kecamatan', lang),
    max: 100,
    valueWidth: 110,
    axisText: (v) => formatDecimal(v, 0, lang),
    bars: sorted.map((k) => ({
      label: `${k.rank}. ${k.kecamatan_name}`,
      value: k.index,
      valueText: `${formatDecimal(k.index, 2, lang)} · ${tierLabel(k.tier, lang)}`,
      color: TIER_BAR[tierStatus(k.tier)],
    })),
  });
}

/** "Prioritas 1: peringkat 1–4", … from config `tiers`. */
function tierRanges(tiers: number[], lang: Lang): SafeHtml[] {
  const out: SafeHtml[] = [];
  let from = 1;
  tiers.forEach((size, i) => {
    const tier = `prioritas_${i + 1}`;
    const range = size <= 0 ? '–' : size === 1 ? `${from}` : `${from}–${from + size - 1}`;
    out.push(html`<tr><td>${tierBadge(tier, lang)}</td><td>${t('rank', lang)} ${range}</td></tr>`);
    from += Math.max(0, size);
  });
  out.push(html`<tr><td>${tierBadge('reguler', lang)}</td><td>${t('rank', lang)} ≥ ${from}</td></tr>`);
  out.push(html`<tr><td>${tierBadge('tanpa_data', lang)}</td><td>${t('index', lang)}: ${t('no_data', lang)}</td></tr>`);
  return out;
}

function legend(report: RankingReport, lang: Lang): SafeHtml {
  return html`<h2>${t('legend', lang)}: ${t('weights', lang)}</h2>
<table class="legend"><thead><tr><th>${t('component', lang)}</th><th>${t('weight', lang)}</th></tr></thead>
<tbody>${COMPONENT_NAMES.map(
    (c) => html`<tr><td>${labelOf(COMPONENT_LABELS, c, lang)}</td><td class="num">${formatDecimal(report.weights[c] ?? null, 2, lang)}</td></tr>`,
  )}</tbody></table>
<h2>${t('tier', lang)}</h2>
<table class="legend"><tbody>${tierRanges(report.config.tiers, lang)}</tbody></table>
<ul class="rules"><li>${t('minmax_rule', lang)}.</li><li>${t('tiers_rule', lang)}.</li></ul>`;
}

/** The ranking as one self-contained HTML document. */
export function rankingHtml(report: RankingReport, lang: Lang): string {
  const body = html`${summary(report, lang)}
${table(report, lang)}
<section class="bottom"><div class="keep"><h2>${t('index_by_kecamatan', lang)}</h2>${chart(report, lang)}</div><div class="keep">${legend(report, lang)}</div></section>`;
  return htmlDocument({
    lang,
    titleKey: 'ranking_title',
    kabupatenCode: report.kabupaten_code,
    kabupatenName: report.kabupaten_name,
    period: report.period,
    generatedAt: report.generated_at,
    report: report as unknown as TimedReport,
    body,
  });
}
