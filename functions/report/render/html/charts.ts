/**
 * Inline SVG charts (no script, no external resources). Every label goes through `html`,
 * so names are escaped here as everywhere else.
 */
import { html, type SafeHtml } from './safe.js';

export interface Bar {
  label: string;
  /** null: no bar, the value text only (e.g. "–"). */
  value: number | null;
  valueText: string;
  color: string;
}

export interface ReferenceLine {
  value: number;
  label: string;
}


/** Right-truncates a label to fit a column of about `max` characters. */
function fit(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Rough width of a text in the chart's 8 px bold font (no layout engine here to measure it). */
function textWidth(text: string): number {
  return text.length * 4.8;
}

/**
 * Horizontal bar chart, one bar per item on a 0…`max` axis, with gridlines at quarters and an
 * optional dashed reference line (e.g. the kabupaten's total score).
 *
 * With a reference line the values stand in a column right of the plot, so the line never runs
 * through a value; its own label sits above the plot. Without one, each value follows its bar.
 */
export function horizontalBars(opts: {
  title: string;
  bars: Bar[];
  max: number;
  axisText: (v: number) => string;
  reference?: ReferenceLine;
  /** Room right of the plot for the value texts. */
  valueWidth?: number;
}): SafeHtml {
  const { bars, max } = opts;
  const labelW = 150;
  const valueW = opts.valueWidth ?? 52;
  const plotW = 420;
  const rowH = 14;
  const top = 22;
  const width = labelW + plotW + valueW;
  const height = top + bars.length * rowH + 20;
  const x = (v: number) => labelW + (max > 0 ? (Math.max(0, Math.min(v, max)) / max) * plotW : 0);
  const valueColumn = opts.reference !== undefined;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const gx = x(f * max);
    return html`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${height - 16}" class="grid"/>
<text x="${gx}" y="${height - 4}" text-anchor="middle" class="axis">${opts.axisText(f * max)}</text>`;
  });
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    const bar =
      b.value === null
        ? ''
        : html`<rect x="${labelW}" y="${y + 2}" width="${Math.max(0.5, x(b.value) - labelW).toFixed(1)}" height="${rowH - 4}" rx="2" fill="${b.color}"/>`;
    const value = valueColumn
      ? html`<text x="${width - 4}" y="${y + rowH - 4}" text-anchor="end" class="val">${b.valueText}</text>`
      : html`<text x="${(b.value === null ? labelW + 4 : x(b.value) + 4).toFixed(1)}" y="${y + rowH - 4}" class="val">${b.valueText}</text>`;
    return html`<text x="${labelW - 6}" y="${y + rowH - 4}" text-anchor="end" class="lbl">${fit(b.label, 26)}</text>
${bar}${value}`;
  });
  const ref = opts.reference ? referenceLine(opts.reference, x(opts.reference.value), top, height, width) : '';
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${opts.title}">
<title>${opts.title}</title>${grid}${rows}${ref}</svg>`;
}

/** The dashed line from above the first bar to the axis, its label centred over it but kept inside the chart. */
function referenceLine(ref: ReferenceLine, rx: number, top: number, height: number, width: number): SafeHtml {
  const half = textWidth(ref.label) / 2;
  const lx = Math.max(half + 2, Math.min(width - half - 2, rx));
  return html`<line x1="${rx.toFixed(1)}" y1="${top - 6}" x2="${rx.toFixed(1)}" y2="${height - 16}" class="ref"/>
<text x="${lx.toFixed(1)}" y="${top - 9}" text-anchor="middle" class="reflbl">${ref.label}</text>`;
}

export interface Bin {
  label: string;
  count: number;
  color: string;
}

/** Vertical bars of counts per bin (a histogram), with an optional marker between bins. */
export function histogram(opts: { title: string; bins: Bin[]; marker?: { atBin: number; label: string } }): SafeHtml {
  const { bins } = opts;
  const left = 30;
  const binW = 54;
  const plotH = 150;
  const top = 24;
  const width = left + bins.length * binW + 10;
  const height = top + plotH + 34;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const step = Math.max(1, Math.ceil(maxCount / 4));
  const yMax = step * 4;
  const y = (c: number) => top + plotH - (c / yMax) * plotH;
  const grid = [0, 1, 2, 3, 4].map((k) => {
    const gy = y(k * step).toFixed(1);
    return html`<line x1="${left}" y1="${gy}" x2="${width - 10}" y2="${gy}" class="grid"/>
<text x="${left - 4}" y="${Number(gy) + 3}" text-anchor="end" class="axis">${k * step}</text>`;
  });
  const bars = bins.map((b, i) => {
    const bx = left + i * binW;
    const by = y(b.count);
    const bar =
      b.count > 0
        ? html`<rect x="${bx + 5}" y="${by.toFixed(1)}" width="${binW - 10}" height="${(top + plotH - by).toFixed(1)}" rx="2" fill="${b.color}"/>
<text x="${bx + binW / 2}" y="${(by - 3).toFixed(1)}" text-anchor="middle" class="val">${b.count}</text>`
        : '';
    return html`${bar}
<text x="${bx + binW / 2}" y="${top + plotH + 13}" text-anchor="middle" class="axis">${b.label}</text>`;
  });
  const marker = opts.marker
    ? (() => {
        const mx = left + opts.marker.atBin * binW;
        return html`<line x1="${mx}" y1="${top - 8}" x2="${mx}" y2="${top + plotH}" class="ref"/>
<text x="${mx + 3}" y="${top - 11}" class="reflbl">${opts.marker.label}</text>`;
      })()
    : '';
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${opts.title}">
<title>${opts.title}</title>${grid}${bars}${marker}</svg>`;
}
