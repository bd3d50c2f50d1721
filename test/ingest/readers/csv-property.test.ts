import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openRecords, type RawRecord } from '../../../functions/ingest/readers/index.js';
import { LIMITS } from './helpers.js';

/** Text pieces that stress CSV: both delimiters, quotes, every newline kind, spaces, multibyte. */
const piece = fc.constantFrom('a', 'Z', '7', ' ', ',', ';', '"', '\n', '\r\n', '\r', 'é', '–', '漢', '😀', '.');
const field = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));

interface Table {
  delimiter: ',' | ';';
  /** Line endings, used in turn: a file edited on several machines mixes them. */
  eols: string[];
  header: string[];
  lines: ({ kind: 'row'; values: string[]; quoteAll: boolean } | { kind: 'empty' })[];
  finalEol: boolean;
  leadingEmpty: number;
  chunkSizes: number[];
}

const table: fc.Arbitrary<Table> = fc
  .record({
    delimiter: fc.constantFrom(',' as const, ';' as const),
    eols: fc.array(fc.constantFrom('\n', '\r\n', '\r', '\n\r'), { minLength: 1, maxLength: 4 }),
    width: fc.integer({ min: 2, max: 4 }),
    finalEol: fc.boolean(),
    leadingEmpty: fc.integer({ min: 0, max: 2 }),
    chunkSizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
  })
  .chain((base) =>
    fc
      .array(
        fc.oneof(
          { weight: 6, arbitrary: fc.record({ kind: fc.constant('row' as const), values: fc.array(field, { minLength: base.width, maxLength: base.width }), quoteAll: fc.boolean() }) },
          { weight: 1, arbitrary: fc.record({ kind: fc.constant('row' as const), values: fc.array(field, { minLength: 1, maxLength: base.width + 2 }), quoteAll: fc.boolean() }) },
          { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
        ),
        { maxLength: 25 },
      )
      .map((lines) => ({ ...base, header: Array.from({ length: base.width }, (_, i) => `kolom_${i}`), lines })),
  );

function serialise(t: Table): { text: string; expected: RawRecord[] } {
  const quote = (v: string, all: boolean) =>
    all || /[",;\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
  // The model (readers/line-breaks.ts): CR LF, LF and a lone CR are one break each; a quoted one is read as LF.
  const breaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
  const asLf = (s: string) => s.replace(/\r\n|\r/g, '\n');
  let n = 0;
  const eol = () => t.eols[n++ % t.eols.length];
  let text = '';
  for (let i = 0; i < t.leadingEmpty; i++) text += eol();
  text += t.header.join(t.delimiter);
  const expected: RawRecord[] = [];
  for (const l of t.lines) {
    text += eol();
    const line = 1 + breaks(text);
    if (l.kind === 'empty') continue;
    // A one-field empty row would be an empty line: always quote so the row is really there.
    const encoded = l.values.map((v) => quote(v, l.quoteAll || l.values.length === 1)).join(t.delimiter);
    text += encoded;
    const blank = l.values.every((v) => v.trim() === '');
    if (!blank) {
      if (l.values.length === t.header.length) {
        expected.push({ row: line, cells: Object.fromEntries(t.header.map((h, i) => [h, asLf(l.values[i])])) });
      } else {
        expected.push({ row: line, cells: null, ragged: { expected: t.header.length, got: l.values.length } });
      }
    }
  }
  if (t.finalEol) text += eol();
  return { text, expected };
}

function chunksOf(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('CSV reader on generated files (property-based)', () => {
  it('returns every non-blank row exactly once, with its values and the physical line it starts on', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const { text, expected } = serialise(t);
        const chunks = chunksOf(Buffer.from(text, 'utf8'), t.chunkSizes);
        const file = await openRecords(
          {
            name: 'acak.csv',
            stream: () =>
              (async function* () {
                yield* chunks;
              })(),
          },
          LIMITS,
        );
        const records: RawRecord[] = [];
        for await (const r of file.records) records.push(r);

        expect(file.delimiter).toBe(t.delimiter);
        expect(file.header).toEqual(t.header);
        expect(records).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
