/**
 * CSV output (REPORTS.md "Outputs"): UTF-8 with BOM so Excel reads it as UTF-8, RFC 4180
 * quoting, CRLF line ends, and formula-injection safe.
 *
 * Language: with `id` the header holds Indonesian labels and codes (statuses, levels, tiers) are
 * translated, for people opening the file in Excel; with `en` the header holds the snake_case
 * keys and the cells the JSON's own codes, a machine-friendly flattening of the JSON.
 * Numbers are written as in the JSON (dot decimals, rates as fractions), and a number cell is
 * written as the number, negative ones included, so other programs read `-0.05` as a number.
 */
import type { Lang } from './labels.js';
import type { Cell, Column, FlatTable } from './tables.js';

const BOM = '\uFEFF';

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV text field: a text that starts like a formula gets a leading `'` (an id such as `-5`
 * included: it is text, not a number), then RFC 4180 quoting when it holds a quote, comma or
 * line break.
 */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A number cell as a plain decimal (`-0.6667`, never `'-0.6667` nor `1e-7`): a spreadsheet runs
 * no formula from a number, so it needs no guard (REPORTS.md "Outputs").
 */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

function csvCell(cell: Cell, column: Column, lang: Lang): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return csvNumber(cell);
  if (column.kind === 'code' && column.translate && lang === 'id') return csvField(column.translate(cell, lang));
  return csvField(cell);
}

/** A flat table as CSV bytes. */
export function tableToCsv(table: FlatTable, lang: Lang): Uint8Array {
  const lines: string[] = [];
  lines.push(table.columns.map((c) => csvField(lang === 'id' ? c.label.id : c.key)).join(','));
  for (const row of table.rows) {
    lines.push(row.map((cell, i) => csvCell(cell, table.columns[i], lang)).join(','));
  }
  return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}
