/**
 * Escaped-by-default HTML building: the `html` tag escapes every interpolated value unless it
 * is already `SafeHtml`, so a data value (a name, a code) can never become markup.
 */

/** Markup that is already safe to insert as is. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '` for text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template: literal parts are trusted markup, interpolations are escaped
 * (arrays are joined, null/undefined/false render as nothing).
 * @example html`<td>${name}</td>` // name "<b>" → <td>&lt;b&gt;</td>
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted constant markup (the style sheet); never pass data here. */
export function trusted(text: string): SafeHtml {
  return new SafeHtml(text);
}
