import { normalizeHeader } from '../../../schemas/dataset.js';
import type { ReaderErrors } from './messages.js';

/**
 * Throws when two header cells name the same column once normalised the way datasets match
 * headers (trimmed, case-insensitive, spaces and `-` as `_`). Empty header cells are not names
 * and are left to the dataset's "unknown column" handling.
 */
export function assertNoDuplicateColumns(header: readonly string[], errors: ReaderErrors, where: string, whereEn: string): void {
  const seen = new Set<string>();
  for (const cell of header) {
    const key = normalizeHeader(cell);
    if (key === '') continue;
    if (seen.has(key)) throw errors.duplicatedColumn(cell, key, where, whereEn);
    seen.add(key);
  }
}

/**
 * A function that turns a row of values into the cells object keyed by `header`. It is compiled
 * once per file to an object literal, so every row object has the same shape: several times
 * faster than assigning keys in a loop at a million rows. Keys are computed (`["..."]: v[0]`)
 * from JSON string literals, so any header text, `__proto__` included, is just a key.
 */
export function cellsBuilder(header: readonly string[]): (values: ArrayLike<string | null>) => Record<string, string | null> {
  const fields = header.map((name, i) => `[${JSON.stringify(name)}]: v[${i}]`).join(', ');
  return new Function('v', `"use strict"; return { ${fields} };`) as (values: ArrayLike<string | null>) => Record<string, string | null>;
}
