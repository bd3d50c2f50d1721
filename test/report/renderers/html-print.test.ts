/**
 * Print-layout rules of the HTML reports that the real-browser test found broken once: words
 * split mid-token in squeezed columns, a status line wrapping, an orphaned heading, a page holding
 * only the footer, the kabupaten line running through bar values. The page count itself is checked
 * in Chromium (test/browser); here the markup and style sheet that make it so.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../functions/report/render/index.js';
import { horizontalBars } from '../../../functions/report/render/html/charts.js';
import type { AnyReport } from '../../../functions/report/reports/types.js';
import { sanctionsFixture, scorecardFixture } from './fixtures.js';

async function page(report: AnyReport, lang: 'id' | 'en' = 'id'): Promise<string> {
  return new TextDecoder().decode(await renderReport(report, 'html', { lang }));
}

/** The style sheet of a document. */
function css(doc: string): string {
  return doc.slice(doc.indexOf('<style>'), doc.indexOf('</style>'));
}

/** `<text …>` elements of an SVG with their attributes and content. */
function texts(svg: string): { attrs: string; x: number; content: string }[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    attrs: m[1],
    x: Number(/\bx="([\d.]+)"/.exec(m[1])?.[1]),
    content: m[2],
  }));
}

describe('HTML print layout', () => {
  it('text cells break between words only, never mid-word, and the kecamatan name column keeps a minimum width', async () => {
    // Act
    const style = css(await page(scorecardFixture(), 'en'));
    // Assess: `anywhere` would let the table squeeze a column to one letter ("Tenggaron / g").
    expect(style).not.toMatch(/overflow-wrap:\s*anywhere/);
    expect(style).toMatch(/td\.txt \{[^}]*overflow-wrap: break-word;/);
    expect(style).toMatch(/td\.name \{ min-width: \d+mm; \}/);
  });

  it('every kecamatan name cell of scorecard and sanctions carries the name class', async () => {
    // Act
    const scorecard = await page(scorecardFixture(), 'en');
    const sanctions = await page(sanctionsFixture(), 'en');
    // Assess
    expect(scorecard.match(/<td class="txt name">/g)).toHaveLength(scorecardFixture().kecamatan.length);
    const named = sanctionsFixture().facilitators.length;
    expect(sanctions.match(/<td class="txt name">/g)).toHaveLength(named);
  });

  it('the status line under a value (word and arrow) stays on one line', async () => {
    // Act
    const style = css(await page(scorecardFixture(), 'en'));
    // Assess
    expect(style).toMatch(/td\.ind \.sw \{[^}]*white-space: nowrap;/);
  });

  it('a heading stays with what follows it, and the footer with what precedes it', async () => {
    // Act
    const style = css(await page(sanctionsFixture(), 'en'));
    // Assess
    expect(style).toMatch(/h2 \{[^}]*break-after: avoid;/);
    expect(style).toMatch(/footer \{[^}]*break-before: avoid;/);
  });

  it('sanctions: facilitator and supervisor ids are unbroken, a pathologically long one may still wrap', async () => {
    // Prepare
    const report = sanctionsFixture();
    const long = 'KOR-'.padEnd(40, 'X');
    report.facilitators[0].supervisor_id = long;
    // Act
    const doc = await page(report, 'en');
    // Assess
    expect(doc).toContain('<td class="txt nw">PKH-0003</td>');
    expect(doc).toContain('<td class="txt nw">KOR-01</td>');
    expect(doc).toContain(`<td class="txt  brk">${long}</td>`);
    // Only such a cell may break anywhere; ordinary names keep whole words.
    expect(doc).toMatch(/td\.brk \{ word-break: break-all; min-width: \d+mm; \}/);
    expect(doc).toContain('<td class="txt"><b>Siti, &quot;Ani&quot; Rahayu</b></td>');
  });

  it('scorecard: each unrostered id is one unbroken piece of text, escaped', async () => {
    // Act
    const doc = await page(scorecardFixture(), 'en');
    // Assess
    expect(doc).toContain('<span class="nw">PKH-9001</span>, <span class="nw">=1+2</span>');
  });

  it('score chart: values stand right of the plot, so the kabupaten line crosses none of them', async () => {
    // Prepare: a reference equal to a bar's value, the case where the old chart overlapped.
    const bars = [90.2, 84.9, 84.5, 76.2].map((v, i) => ({ label: `K${i}`, value: v, valueText: String(v), color: '#2f6db5' }));
    // Act
    const svg = horizontalBars({ title: 'Skor', bars, max: 100, axisText: String, reference: { value: 84.9, label: 'Skor kabupaten 84,9' } }).text;
    // Assess
    const plotRight = Math.max(...texts(svg).filter((t) => t.attrs.includes('class="axis"')).map((t) => t.x));
    const refX = Number(/<line x1="([\d.]+)"[^>]*class="ref"/.exec(svg)?.[1]);
    const values = texts(svg).filter((t) => t.attrs.includes('class="val"'));
    expect(values.map((v) => v.content)).toEqual(['90.2', '84.9', '84.5', '76.2']);
    for (const v of values) {
      expect(v.attrs).toContain('text-anchor="end"');
      // Right-anchored at x; its text (≤ 5 chars of 8 px) starts well right of the plot and the line.
      expect(v.x - 5 * 5).toBeGreaterThan(plotRight);
      expect(v.x - 5 * 5).toBeGreaterThan(refX);
    }
  });

  it('score chart: the line label stays inside the chart even at the right edge', async () => {
    // Prepare
    const bars = [{ label: 'K', value: 100, valueText: '100', color: '#2f6db5' }];
    const label = 'District score 100.0 (very long label)';
    // Act
    const svg = horizontalBars({ title: 'Score', bars, max: 100, axisText: String, reference: { value: 100, label } }).text;
    // Assess
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);
    const ref = texts(svg).find((t) => t.content === label)!;
    expect(ref.attrs).toContain('text-anchor="middle"');
    expect(ref.x + (label.length * 4.8) / 2).toBeLessThanOrEqual(width);
  });

  it('ranking chart without a reference line keeps each value at the end of its bar', async () => {
    // Prepare
    const bars = [80, 20].map((v, i) => ({ label: `K${i}`, value: v, valueText: `${v}`, color: '#c0392b' }));
    // Act
    const svg = horizontalBars({ title: 'Index', bars, max: 100, axisText: String }).text;
    // Assess
    const values = texts(svg).filter((t) => t.attrs.includes('class="val"'));
    expect(values[0].x).toBeGreaterThan(values[1].x);
  });
});
