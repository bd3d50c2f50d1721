/**
 * The HTML document frame shared by the three reports: inline style sheet (A4 landscape print),
 * title block, summary cards, status badges and trend arrows. No script, no external resource;
 * a Content-Security-Policy forbids any network request even if one slipped in.
 */
import { formatGeneratedAt, formatPoints, formatNumber, DASH } from '../format.js';
import { STATUS_LABELS, labelOf, periodLabel, t, type Lang, type TextKey } from '../labels.js';
import { html, trusted, type SafeHtml } from './safe.js';

const CSS = `
@page { size: A4 landscape; margin: 10mm; }
:root {
  --ink: #1d2733; --muted: #5b6675; --line: #d5dbe3; --zebra: #f6f8fb;
  --brand: #1f3a5f; --accent: #2f6db5;
  --g: #1b6e30; --g-bg: #d7efdd; --a: #7a5000; --a-bg: #ffedb8;
  --r: #a8231b; --r-bg: #f8d3d0; --n: #55606b; --n-bg: #eceff1;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto; padding: 14px 18px; max-width: 1500px; background: #fff; color: var(--ink);
  font-family: "Segoe UI", "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size: 9pt; line-height: 1.3;
}
@media print { body { padding: 0; max-width: none; } }
.doc-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px;
  border-bottom: 3px solid var(--brand); padding-bottom: 5px; margin-bottom: 6px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 7pt; font-weight: 700; color: var(--accent); }
h1 { font-size: 15pt; margin: 1px 0 2px; color: var(--brand); }
h2 { font-size: 10pt; margin: 8px 0 4px; color: var(--brand); break-after: avoid; page-break-after: avoid; }
.sub { font-size: 10.5pt; font-weight: 600; }
.meta { text-align: right; font-size: 7.5pt; color: var(--muted); white-space: nowrap; }
.cards { display: flex; gap: 6px; margin: 4px 0 6px; }
.card { flex: 1 1 0; border: 1px solid var(--line); border-left: 4px solid var(--brand); border-radius: 4px;
  padding: 3px 8px; break-inside: avoid; }
.card .k { font-size: 7pt; color: var(--muted); }
.card .v { font-size: 13pt; font-weight: 700; line-height: 1.2; }
.card .s { font-size: 7pt; color: var(--muted); }
.card.st-green { border-left-color: var(--g); } .card.st-amber { border-left-color: #d99a00; }
.card.st-red { border-left-color: var(--r); } .card.st-none { border-left-color: var(--n); }
table { border-collapse: collapse; }
table.grid { width: 100%; font-size: 6.8pt; font-variant-numeric: tabular-nums; }
table.grid th { background: var(--brand); color: #fff; font-weight: 600; padding: 3px 2px; text-align: center;
  vertical-align: bottom; line-height: 1.15; }
table.grid td { border-bottom: 1px solid var(--line); padding: 1.5px 3px; text-align: right; vertical-align: middle; line-height: 1.2; }
table.grid tbody tr:nth-child(even) td { background: var(--zebra); }
/* break-word, not anywhere: a word stays whole unless it alone is wider than its column, so the
   table cannot squeeze a name column into mid-word breaks ("Tenggaron / g"). */
table.grid td.txt { text-align: left; overflow-wrap: break-word; }
table.grid td.name { min-width: 27mm; }
table.grid td.nw, .nw { white-space: nowrap; }
table.grid td.ctr { text-align: center; }
table.grid tr.total td { border-top: 2px solid var(--brand); font-weight: 700; background: #eef2f7; }
thead { display: table-header-group; }
tr, .card, .keep { break-inside: avoid; page-break-inside: avoid; }
.code { color: var(--muted); font-size: 6pt; display: block; line-height: 1.1; }
td.ind b { display: block; font-size: 7.4pt; line-height: 1.15; }
td.ind .sw { display: block; font-size: 5.8pt; line-height: 1.2; white-space: nowrap; }
table.grid tbody tr td.st-green, .badge.st-green { background: var(--g-bg); color: var(--g); }
table.grid tbody tr td.st-amber, .badge.st-amber { background: var(--a-bg); color: var(--a); }
table.grid tbody tr td.st-red, .badge.st-red { background: var(--r-bg); color: var(--r); }
table.grid tbody tr td.st-none, .badge.st-none { background: var(--n-bg); color: var(--n); }
.badge { display: inline-block; border-radius: 3px; padding: 0 4px; font-weight: 600; white-space: nowrap; }
.tr { white-space: nowrap; color: var(--n); }
.tr.good { color: var(--g); } .tr.bad { color: var(--r); }
.bottom { display: flex; gap: 14px; align-items: flex-start; margin-top: 6px; break-inside: avoid; }
.bottom > div { flex: 1 1 0; }
svg.chart { width: 100%; height: auto; max-height: 92mm; }
svg .grid { stroke: #e3e8ee; stroke-width: 1; }
svg .axis { font-size: 8px; fill: #5b6675; }
svg .lbl { font-size: 8.5px; fill: #1d2733; }
svg .val { font-size: 8px; fill: #1d2733; font-weight: 600; }
svg .ref { stroke: #a8231b; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .reflbl { font-size: 8px; fill: #a8231b; font-weight: 600; }
table.legend { font-size: 7.2pt; }
table.legend th, table.legend td { border-bottom: 1px solid var(--line); padding: 1.5px 6px; text-align: left; }
table.legend td.num { text-align: right; }
.rules { font-size: 7.2pt; color: var(--muted); margin: 4px 0 0; padding-left: 14px; }
.notes { font-size: 7pt; margin-top: 6px; }
.notes .cols { columns: 3; column-gap: 16px; }
.notes p { margin: 0 0 2px; break-inside: avoid; }
.small { font-size: 6.5pt; color: var(--muted); }
th .small { color: #d3deea; font-weight: 400; }
/* One line that must not get a page of its own: little margin, and it goes with what is above. */
footer { margin-top: 5px; border-top: 1px solid var(--line); padding-top: 2px; font-size: 6.5pt; line-height: 1.2; color: var(--muted);
  break-before: avoid; page-break-before: avoid; }
`;

/** Status codes the style sheet knows; anything else renders as "none". */
function statusClass(status: string): string {
  return ['green', 'amber', 'red'].includes(status) ? `st-${status}` : 'st-none';
}

/** `st-green` etc., for a cell or card coloured by status. */
export function stClass(status: string): string {
  return statusClass(status);
}

/** Status as a coloured badge with its word (colour and text, never colour alone). */
export function statusBadge(status: string, lang: Lang): SafeHtml {
  return html`<span class="badge ${statusClass(status)}">${labelOf(STATUS_LABELS, status, lang)}</span>`;
}

/**
 * Trend arrow with the change: ▲ up, ▼ down, ▶ unchanged, "–" without a previous value.
 * `kind` 'rate' prints percentage points; 'count' whole numbers. `better` says which direction
 * is good (colours the arrow), or null for neutral.
 */
export function trend(delta: number | null, kind: 'rate' | 'count' | 'rank', lang: Lang, better: 'up' | 'down' | null): SafeHtml {
  if (delta === null) return html`<span class="tr">${DASH}</span>`;
  const shown = kind === 'rate' ? formatPoints(delta, lang) : formatNumber(Math.abs(delta), 0, lang);
  // Unchanged when the change rounds to 0 at the precision shown (0.0 points, 0 places).
  const flat = Math.round(Math.abs(delta) * (kind === 'rate' ? 1000 : 1)) === 0;
  const arrow = flat ? '▶' : delta > 0 ? '▲' : '▼';
  const good = flat || better === null ? '' : (delta > 0) === (better === 'up') ? ' good' : ' bad';
  return html`<span class="tr${good}">${arrow} ${shown}</span>`;
}

export interface CardSpec {
  label: string;
  value: string;
  sub?: string | SafeHtml;
  status?: string;
}

/** Longest id kept on one line; a longer one (bad data) may wrap rather than widen the page. */
const ID_NOWRAP_MAX = 16;

/** Classes for an id: unbroken ("PD-6402-9901", never "PD-" / "6402-9901") when of a sane length. */
export function idClass(id: string): string {
  return id.length <= ID_NOWRAP_MAX ? 'nw' : '';
}

/** A row of summary cards. */
export function cards(items: CardSpec[]): SafeHtml {
  return html`<section class="cards">${items.map(
    (c) => html`<div class="card${c.status ? ` ${statusClass(c.status)}` : ''}"><div class="k">${c.label}</div>
<div class="v">${c.value}</div>${c.sub ? html`<div class="s">${c.sub}</div>` : ''}</div>`,
  )}</section>`;
}

export interface DocumentSpec {
  lang: Lang;
  titleKey: Extract<TextKey, 'scorecard_title' | 'sanctions_title' | 'ranking_title'>;
  kabupatenCode: string;
  kabupatenName: string;
  period: string;
  generatedAt: string;
  body: SafeHtml;
  /** Label of the place in the meta block (default "Kabupaten/Kota"); a region says "Wilayah". */
  placeLabel?: string;
  /** Code whose time zone `generated_at` is shown in (default kabupatenCode). */
  zoneCode?: string;
}

/** The whole self-contained document. */
export function htmlDocument(spec: DocumentSpec): string {
  const { lang } = spec;
  const title = t(spec.titleKey, lang);
  const period = periodLabel(spec.period, lang);
  const doc = html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${spec.kabupatenName} – ${period}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<header class="doc-head">
<div><div class="eyebrow">${t('app', lang)} · ${t('report', lang)}</div>
<h1>${title}</h1>
<div class="sub">${spec.kabupatenName} <span class="small">(${spec.kabupatenCode})</span> · ${period}</div></div>
<div class="meta">${spec.placeLabel ?? t('kabupaten', lang)}: ${spec.kabupatenName}<br>${t('period', lang)}: ${period}<br>${t('generated_at', lang)}: ${formatGeneratedAt(spec.generatedAt, spec.zoneCode ?? spec.kabupatenCode, lang)}</div>
</header>
${spec.body}
<footer>${t('footer', lang)}</footer>
</body>
</html>
`;
  return doc.text;
}
