/**
 * The cutter that splits a CSV for the worker threads only cuts at record boundaries: checked
 * against csv-parse on generated files (the parallel ingest itself: `parallel.workers.test.ts`).
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvCutter } from '../../functions/ingest/parallel/cutter.js';

/**
 * How the readers read a CSV: every line break as LF (readers/line-breaks.ts), then csv-parse as
 * they configure it (relaxed quotes and column counts, empty lines skipped).
 */
function records(text: string | Buffer, delimiter: string): string[][] {
  const lf = Buffer.from(text).toString('latin1').replace(/\r\n|\r/g, '\n');
  return parse(Buffer.from(lf, 'latin1'), { delimiter, record_delimiter: '\n', relax_quotes: true, relax_column_count: true, skip_empty_lines: true });
}

describe('CsvCutter', () => {
  const field = fc.oneof(
    fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
    fc.constantFrom('"a,b"', '"x\ny"', '"q ""kutip"" q"', '"\r\n"', 'ab"c', '5" layar', '""', '"a;b"', '"x"y'),
  );
  const csvText = fc.record({
    delimiter: fc.constantFrom(',', ';'),
    eols: fc.array(fc.constantFrom('\n', '\r\n', '\r', '\n\r'), { minLength: 1, maxLength: 4 }),
    lines: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 40 }),
    blank: fc.array(fc.nat(40), { maxLength: 3 }),
  });

  it('cuts only at record boundaries: every chunk parses to the records of its part of the file', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), (t, chunkBytes, pieces) => {
        const lines = t.lines.map((cells) => cells.join(t.delimiter));
        for (const at of t.blank) lines.splice(Math.min(at, lines.length), 0, '');
        // Mixed line endings, as a file edited on several machines has them.
        const text = Buffer.from(lines.map((l, i) => l + t.eols[i % t.eols.length]).join(''));
        let whole: string[][];
        try {
          whole = records(text, t.delimiter);
        } catch {
          return; // An unterminated quote: the serial reader reports it; nothing to compare.
        }
        const cutter = new CsvCutter(t.delimiter.charCodeAt(0), chunkBytes, 0, 1);
        const chunks = [];
        for (let at = 0, i = 0; at < text.length; i++) {
          const size = pieces[i % pieces.length];
          chunks.push(...cutter.push(text.subarray(at, at + size)));
          at += size;
        }
        const last = cutter.end();
        if (last) chunks.push(last);
        expect(Buffer.concat(chunks.map((c) => c.bytes))).toEqual(text);
        expect(chunks.flatMap((c) => records(Buffer.from(c.bytes), t.delimiter))).toEqual(whole);
        for (const c of chunks) {
          expect(c.start).toBe(chunks.filter((o) => o.index < c.index).reduce((s, o) => s + o.bytes.length, 0));
          // Never between a CR and its LF; lines counted as the reader counts them.
          expect(c.bytes[0] === 10 && c.start > 0 && text[c.start - 1] === 13).toBe(false);
          expect(c.firstLine).toBe(1 + (text.subarray(0, c.start).toString('latin1').match(/\r\n|\r|\n/g) ?? []).length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
