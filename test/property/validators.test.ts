/**
 * Property 2 — validators. Random valid rows (every accepted spelling of dates, timestamps,
 * booleans, enums, rupiah) validate to exactly the row DATA.md describes; the stored row fits
 * the dataset's zod schema; validating its canonical text again gives the same row; and every
 * known-bad single-cell change fails with the expected code on the expected column.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDataset, type Dataset, type Row } from '../../schemas/index.js';
import { mutationsOf } from './support/mutations.js';
import { DATASET_NAMES_ALL, validRow } from './support/rows.js';
import { runs } from './support/runs.js';
import { NOW } from './support/world.js';

const RUNS = runs(150);
const MUTATION_RUNS = runs(40);

/** The plain text of a stored value that any reader would hand back. */
function canonicalText(d: Dataset, row: Row): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of d.columns) {
    const v = row[c.name];
    out[c.name] = v === null || v === undefined ? '' : c.kind === 'timestamp' ? new Date(v as number).toISOString() : String(v);
  }
  return out;
}

describe.each(DATASET_NAMES_ALL)('validator of %s on generated rows', (name) => {
  const d = getDataset(name);

  it('accepts every valid row, stores the values DATA.md describes, and is idempotent on its own output', () => {
    fc.assert(
      fc.property(validRow(name, 'any'), (r) => {
        // Act
        const result = d.validate(r.cells, { now: NOW });
        // Assess
        if (!result.ok) throw new Error(`rejected a valid row: ${JSON.stringify(result.errors)}`);
        expect(result.row).toEqual(r.expected);
        expect(d.rowSchema.safeParse(result.row).success).toBe(true);
        const again = d.validate(canonicalText(d, result.row), { now: NOW });
        expect(again).toEqual({ ok: true, row: result.row });
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects every known-bad single-cell change with the expected code on the expected column', () => {
    fc.assert(
      fc.property(validRow(name, 'any'), (r) => {
        for (const mut of mutationsOf(name, r)) {
          // Arrange
          const cells = { ...r.cells, [mut.target]: mut.text };
          // Act
          const result = d.validate(cells, { now: NOW });
          // Assess
          const where = `${mut.what} (${mut.target} = ${JSON.stringify(mut.text)})`;
          if (result.ok) throw new Error(`accepted ${where}`);
          const got = result.errors.map((e) => ({ column: e.column, code: e.code }));
          expect(got, where).toContainEqual({ column: mut.column, code: mut.code });
          if (mut.alone) expect(got, where).toEqual([{ column: mut.column, code: mut.code }]);
          for (const e of result.errors) expect(e.message, where).toMatch(/^[^\n]+ \/ [^\n]+$/);
        }
      }),
      { numRuns: MUTATION_RUNS },
    );
  });
});
