/**
 * The HTML document frame shared by the three reports: inline style sheet (A4 landscape print),
 * title block, summary cards, status badges and trend arrows. No script, no external resource;
 * a Content-Security-Policy forbids any network request even if one slipped in.
 */
import { formatGeneratedAt, formatPoints, formatNumber, DASH } from '../format.js';
import { STATUS_LABELS, labelOf, periodLabel, t, type Lang, type TextKey } from '../labels.js';
import { noticeText, notices, reportTime, type TimedReport } from '../notices.js';
import { html, trusted, type SafeHtml } from './safe.js';

/*
 * Sizes: on paper nothing is under 8 pt (REPORTS.md "Outputs"); the `@page` margin boxes put the
 * title and "page n of m" on every printed page (Chromium ≥ 131 draws them, also in page.pdf).
 * On a phone (≤ 700 px) the header, cards and the chart/legend block wrap, and only a table scrolls,
 * inside its own box (.tbox), so the page never scrolls sideways.
 */
const CSS = `
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
.doc-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; gap: 4px 16px;
  border-bottom: 3px solid var(--brand); padding-bottom: 5px; margin-bottom: 6px; }
.doc-head > div:first-child { flex: 1 1 320px; min-width: 0; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 8pt; font-weight: 700; color: var(--accent); }
h1 { font-size: 15pt; margin: 1px 0 2px; color: var(--brand); overflow-wrap: break-word; }
h1 .flag { font-size: 10pt; vertical-align: middle; background: var(--a-bg); color: var(--a); }
.notice { border: 2px solid #d99a00; background: #fff6dc; border-radius: 4px; padding: 4px 8px; margin: 4px 0 6px; break-inside: avoid; }
.notice.no_data { border-color: var(--r); background: var(--r-bg); }
.notice b { display: block; font-size: 10.5pt; }
.tbox { max-width: 100%; overflow-x: auto; }
@media print { .tbox { overflow: visible; } }
h2 { font-size: 10pt; margin: 8px 0 4px; color: var(--brand); break-after: avoid; page-break-after: avoid; }
.sub { font-size: 10.5pt; font-weight: 600; }
.meta { text-align: right; font-size: 8pt; color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 6px; }
.card { flex: 1 1 120px; min-width: 0; border: 1px solid var(--line); border-left: 4px solid var(--brand); border-radius: 4px;
  padding: 3px 8px; break-inside: avoid; overflow-wrap: break-word; }
.card .k { font-size: 8pt; color: var(--muted); }
.card .v { font-size: 13pt; font-weight: 700; line-height: 1.2; }
.card .s { font-size: 8pt; color: var(--muted); }
.card.st-green { border-left-color: var(--g); } .card.st-amber { border-left-color: #d99a00; }
.card.st-red { border-left-color: var(--r); } .card.st-none { border-left-color: var(--n); }
table { border-collapse: collapse; }
table.grid { width: 100%; font-size: 8pt; font-variant-numeric: tabular-nums; }
table.grid th { background: var(--brand); color: #fff; font-weight: 600; padding: 3px 2px; text-align: center;
  vertical-align: bottom; line-height: 1.15; }
table.grid td { border-bottom: 1px solid var(--line); padding: 1.5px 3px; text-align: right; vertical-align: middle; line-height: 1.2; }
table.grid tbody tr:nth-child(even) td { background: var(--zebra); }
/* break-word, not anywhere: a word stays whole unless it alone is wider than its column, so the
   table cannot squeeze a name column into mid-word breaks ("Tenggaron / g"). */
table.grid td.txt { text-align: left; overflow-wrap: break-word; }
table.grid td.name { min-width: 27mm; }
table.grid td.brk { word-break: break-all; min-width: 25mm; }
table.grid td.nw, .nw { white-space: nowrap; }
table.grid td.ctr { text-align: center; }
table.grid tr.total td { border-top: 2px solid var(--brand); font-weight: 700; background: #eef2f7; }
thead { display: table-header-group; }
tr, .card, .keep { break-inside: avoid; page-break-inside: avoid; }
.code { color: var(--muted); font-size: 8pt; display: block; line-height: 1.1; }
td.ind b { display: block; font-size: 8.5pt; line-height: 1.15; }
td.ind .sw { display: block; font-size: 8pt; line-height: 1.2; white-space: nowrap; }
/* A sentence under a value wraps; on paper the trend goes under the status word, so that 8-pt
   text still fits 18 columns across A4 landscape (each part stays whole). */
td.ind .sw.note { white-space: normal; min-width: 20mm; }
@media print {
  td.ind .sw { white-space: normal; }
  td.ind .sw .tr { display: block; }
  /* 15 indicator and count headers side by side at 8 pt are wider than the page: on paper they
     stand upright (read bottom to top), so each column is as wide as its values. */
  table.grid th.vh { vertical-align: bottom; padding: 3px 1px; }
  table.grid th.vh span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; max-height: 34mm; text-align: left; }
}
table.grid tbody tr td.st-green, .badge.st-green { background: var(--g-bg); color: var(--g); }
table.grid tbody tr td.st-amber, .badge.st-amber { background: var(--a-bg); color: var(--a); }
table.grid tbody tr td.st-red, .badge.st-red { background: var(--r-bg); color: var(--r); }
table.grid tbody tr td.st-none, .badge.st-none { background: var(--n-bg); color: var(--n); }
.badge { display: inline-block; border-radius: 3px; padding: 0 4px; font-weight: 600; white-space: nowrap; }
.tr { white-space: nowrap; color: var(--n); }
.tr.good { color: var(--g); } .tr.bad { color: var(--r); }
.bottom { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; margin-top: 6px; break-inside: avoid; }
.bottom > div { flex: 1 1 300px; min-width: 0; }
svg.chart { width: 100%; height: auto; max-height: 92mm; }
svg .grid { stroke: #e3e8ee; stroke-width: 1; }
svg .axis { font-size: 8px; fill: #5b6675; }
svg .lbl { font-size: 8.5px; fill: #1d2733; }
svg .val { font-size: 8px; fill: #1d2733; font-weight: 600; }
svg .ref { stroke: #a8231b; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .reflbl { font-size: 8px; fill: #a8231b; font-weight: 600; }
table.legend { font-size: 8pt; }
table.legend th, table.legend td { border-bottom: 1px solid var(--line); padding: 1.5px 6px; text-align: left; }
table.legend td.num { text-align: right; }
.rules { font-size: 8pt; color: var(--muted); margin: 4px 0 0; padding-left: 14px; }
.notes { font-size: 8pt; margin-top: 6px; }
.notes .cols { columns: 3; column-gap: 16px; }
@media (max-width: 700px) { .notes .cols { columns: 1; } .meta { text-align: left; } body { padding: 10px; } }
.surprise { font-size: 8pt; margin: 4px 0; }
.notes p { margin: 0 0 2px; break-inside: avoid; }
.small { font-size: 8pt; color: var(--muted); }
th .small { color: #d3deea; font-weight: 400; }
/* One line that must not get a page of its own: little margin, and it goes with what is above. */
footer { margin-top: 5px; border-top: 1px solid var(--line); padding-top: 2px; font-size: 8pt; line-height: 1.2; color: var(--muted);
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

/** Longest run without a space a table cell keeps whole; real names and ids are far shorter. */
const LONG_RUN = 24;

/**
 * ' brk' for a value holding a run of more than {@link LONG_RUN} characters without a space (bad
 * data, e.g. markup typed as a name): only such a cell may break anywhere, so it cannot push a
 * printed table past the page while ordinary words never split mid-word.
 */
export function longRunClass(text: string): string {
  return text.split(/\s+/).some((w) => w.length > LONG_RUN) ? ' brk' : '';
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
  /**
   * The report itself: its `as_of`, `final` and `rows_in_period` decide the notices. Without it
   * (the region pages, which print their own provisional notice) the page has none.
   */
  report?: TimedReport;
  body: SafeHtml;
  /** Label of the place in the meta block (default "Kabupaten/Kota"); a region says "Wilayah". */
  placeLabel?: string;
  /** Code whose time zone `generated_at` is shown in (default kabupatenCode). */
  zoneCode?: string;
}

/** A CSS string literal for `content:`; every character that could end it (or the style element) is escaped. */
export function cssString(text: string): string {
  return `"${text.replace(/[^\p{L}\p{N} .,()\u2013\u00b7:/-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/** The title of a report as printed: the sanctions list is an early warning until final. */
export function documentTitle(spec: Pick<DocumentSpec, 'titleKey' | 'report' | 'lang'>): string {
  if (spec.titleKey === 'sanctions_title' && spec.report && !reportTime(spec.report).final) return noticeText('early_warning', spec.lang);
  return t(spec.titleKey, spec.lang);
}

/** The `@page` rules: A4 landscape, the title (and provisional flag) on top, "page n of m" below, on every page. */
function pageCss(title: string, place: string, period: string, flag: string, lang: Lang): string {
  const box = 'font-family: "Segoe UI", "Noto Sans", Arial, sans-serif; font-size: 8pt; color: #5b6675;';
  return `@page { size: A4 landscape; margin: 11mm 10mm 10mm;
  @top-left { content: ${cssString(`${title} \u00b7 ${place} \u00b7 ${period}`)}; ${box} }
  @top-right { content: ${cssString(flag)}; ${box} color: #7a5000; font-weight: 700; }
  @bottom-right { content: ${cssString(`${noticeText('page', lang)} `)} counter(page) ${cssString(` ${noticeText('of', lang)} `)} counter(pages); ${box} }
}`;
}

/** The notices above the report: provisional, no data, early warning (REPORTS.md "Time of a report"). */
function noticeBlocks(report: TimedReport, lang: Lang): SafeHtml {
  return html`${notices(report, lang).map((n) => html`<section class="notice ${n.kind}" role="note"><b>${n.title}</b>${n.note}</section>`)}`;
}

/** The whole self-contained document. */
export function htmlDocument(spec: DocumentSpec): string {
  const { lang } = spec;
  const title = documentTitle(spec);
  const period = periodLabel(spec.period, lang);
  const flag = !spec.report || reportTime(spec.report).final ? '' : noticeText('provisional_word', lang);
  const doc = html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}${flag ? ` (${flag})` : ''} – ${spec.kabupatenName} – ${period}</title>
<style>${trusted(pageCss(title, spec.kabupatenName, period, flag, lang))}${trusted(CSS)}</style>
</head>
<body>
<header class="doc-head">
<div><div class="eyebrow">${t('app', lang)} · ${t('report', lang)}</div>
<h1>${title}${flag ? html` <span class="badge flag">${flag}</span>` : ''}</h1>
<div class="sub">${spec.kabupatenName} <span class="small">(${spec.kabupatenCode})</span> · ${period}</div></div>
<div class="meta">${spec.placeLabel ?? t('kabupaten', lang)}: ${spec.kabupatenName}<br>${t('period', lang)}: ${period}<br>${t('generated_at', lang)}: ${formatGeneratedAt(spec.generatedAt, spec.zoneCode ?? spec.kabupatenCode, lang)}</div>
</header>
${spec.report ? noticeBlocks(spec.report, lang) : ''}
${spec.body}
<footer>${t('footer', lang)}</footer>
</body>
</html>
`;
  return doc.text;
}
