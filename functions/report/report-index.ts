/**
 * `index.html` at the output root (REPORTS.md "Outputs"): every report there, newest period
 * first, one row per run (its files share a name) with a link per format. Rewritten after each
 * run from a listing of the store, so it also picks up files other runs wrote.
 */
import type { ObjectStore } from '../lib/object-store/types.js';
import { parseReportKey, type ReportFileKey } from './output-names.js';
import { periodLabel, t, type Lang } from './render/labels.js';
import { html, trusted } from './render/html/safe.js';

export const INDEX_KEY = 'index.html';

const REPORT_TITLE = { scorecard: 'scorecard_title', sanctions: 'sanctions_title', ranking: 'ranking_title' } as const;
/** The order a reader wants a run's files in: print, forward, compute, the rest. */
const FORMAT_ORDER = ['pdf', 'txt', 'xlsx', 'html', 'csv', 'json'];

interface Row extends ReportFileKey {
  files: { key: string; ext: string }[];
  written: number;
}

/** Runs found in a listing, newest period first, then most recently written, then by name. */
export function indexRows(keys: { key: string; lastModified?: Date }[]): Row[] {
  const rows = new Map<string, Row>();
  for (const { key, lastModified } of keys) {
    const parsed = parseReportKey(key);
    if (!parsed) continue;
    const id = `${parsed.report}/${parsed.place}/${parsed.period}/${parsed.base}`;
    const row = rows.get(id) ?? { ...parsed, files: [], written: 0 };
    row.files.push({ key, ext: parsed.ext });
    row.written = Math.max(row.written, lastModified?.getTime() ?? 0);
    rows.set(id, row);
  }
  for (const row of rows.values()) row.files.sort((a, b) => rank(a.ext) - rank(b.ext));
  return [...rows.values()].sort(
    (a, b) => (a.period !== b.period ? (a.period < b.period ? 1 : -1) : b.written - a.written || (a.base < b.base ? -1 : 1)),
  );
}

function rank(ext: string): number {
  const i = FORMAT_ORDER.indexOf(ext);
  return i < 0 ? FORMAT_ORDER.length : i;
}

const WORDS = {
  title: { id: 'Daftar laporan', en: 'Reports' },
  place: { id: 'Wilayah', en: 'Area' },
  state: { id: 'Status', en: 'Status' },
  files: { id: 'Berkas', en: 'Files' },
  final: { id: 'final', en: 'final' },
  provisional: { id: 'sementara per', en: 'provisional as of' },
  empty: { id: 'Belum ada laporan.', en: 'No reports yet.' },
  note: {
    id: 'PDF untuk dicetak, TXT untuk diteruskan di WhatsApp, XLSX untuk dibuka di Excel.',
    en: 'PDF to print, TXT to forward in WhatsApp, XLSX to open in Excel.',
  },
};

/** The index page for the rows (relative links, so it works in a folder and in a bucket alike). */
export function indexHtml(rows: Row[], lang: Lang): string {
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const body = rows.length
    ? html`<table><thead><tr><th>${t('period', lang)}</th><th>${t('report', lang)}</th><th>${w('place')}</th><th>${w('state')}</th><th>${w('files')}</th></tr></thead><tbody>${rows.map(
        (r) => html`<tr><td>${periodLabel(r.period, lang)}</td><td>${r.report in REPORT_TITLE ? t(REPORT_TITLE[r.report as keyof typeof REPORT_TITLE], lang) : r.report}</td>
<td>${r.place}</td><td>${r.provisional ? html`<b class="prov">${w('provisional')} ${r.asOfDate}</b>` : w('final')}</td>
<td>${r.files.map((f) => html`<a href="${encodeURI(f.key)}">${f.ext.toUpperCase()}</a> `)}<div class="name">${r.base}</div></td></tr>`,
      )}</tbody></table>`
    : html`<p>${w('empty')}</p>`;
  return html`<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pantau PKH – ${w('title')}</title>
<style>${trusted(`body{font-family:"Segoe UI","Noto Sans",Arial,sans-serif;margin:12px;color:#1d2733;font-size:11pt}
h1{font-size:15pt;color:#1f3a5f;margin:0 0 6px}.box{overflow-x:auto}table{border-collapse:collapse}
th{background:#1f3a5f;color:#fff;text-align:left;padding:4px 8px}td{border-bottom:1px solid #d5dbe3;padding:4px 8px;vertical-align:top}
a{margin-right:6px;font-weight:600}.name{font-size:8.5pt;color:#5b6675;overflow-wrap:anywhere}.prov{color:#7a5000}`)}</style>
</head><body><h1>Pantau PKH – ${w('title')}</h1><p>${w('note')}</p><div class="box">${body}</div></body></html>
`.text;
}

/** Lists the store and rewrites `index.html` at its root. */
export async function writeReportIndex(store: ObjectStore, lang: Lang): Promise<void> {
  const rows = indexRows(await store.list(''));
  await store.put(INDEX_KEY, indexHtml(rows, lang), { contentType: 'text/html; charset=utf-8' });
}
