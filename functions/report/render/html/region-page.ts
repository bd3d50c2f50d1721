/** What the two region HTML documents share: the provisional notice. */
import type { AnyRegionReport } from '../../regions/types.js';
import { formatGeneratedAt } from '../format.js';
import type { Lang } from '../labels.js';
import { rt } from '../region-labels.js';
import { html, type SafeHtml } from './safe.js';

/** A provisional region (not final in every kabupaten) says so at the top; a final one shows nothing. */
export function regionBanner(report: AnyRegionReport, lang: Lang): SafeHtml {
  if (report.final) return html``;
  const asOf = formatGeneratedAt(report.as_of, report.kabupaten_codes[0] ?? '', lang);
  return html`<p class="card st-amber"><b>${rt('provisional', lang).replace('{asof}', asOf)}</b></p>`;
}
