import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, openRecords, type RawRecord } from '../../../functions/ingest/readers/index.js';
import { completeUtf8Length, sniffEncoding } from '../../../functions/ingest/readers/text.js';
import { LIMITS, userErrorOf } from './helpers.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('detectFormat', () => {
  it.each([
    ['laporan.csv', 'PK\x03\x04\x14\x00', 'xlsx'],
    ['laporan', 'PK\x03\x04', 'xlsx'],
    ['laporan.xlsx', 'PK\x03\x04', 'xlsx'],
    ['LAPORAN.XLSX', 'a,b\n', 'xlsx'],
    ['laporan.csv', 'a,b\n', 'csv'],
    ['laporan.txt', '{"a":1}\n', 'csv'],
    ['laporan.jsonl', '{"a":1}\n', 'jsonl'],
    ['laporan.ndjson', '{"a":1}\n', 'jsonl'],
    ['laporan.json', '{"a":1}\n', 'jsonl'],
    ['s3/bucket/key/aktivitas', ' {"a":1}', 'jsonl'],
    ['s3/bucket/key/aktivitas', 'a;b', 'csv'],
    ['raw/2026/01/data.jsonl?versionId=3', '{', 'jsonl'],
  ])('%s starting with %j is %s', (name, first, format) => {
    expect(detectFormat(name, bytes(first))).toBe(format);
  });
});

describe('encoding sniffing', () => {
  it('does not call a sample invalid because its last character is cut', () => {
    const euro = Buffer.from('harga €', 'utf8');

    expect(sniffEncoding(euro.subarray(0, euro.length - 1))).toBe('utf-8');
    expect(completeUtf8Length(euro.subarray(0, euro.length - 1))).toBe(euro.length - 3);
    expect(sniffEncoding(bytes('caf\xe9 ok'))).toBe('windows-1252');
  });
});

describe('error messages', () => {
  it('stay on one line even when the file name holds a newline', async () => {
    const name = 'jahat\nnama.csv';

    let message = '';
    try {
      await openRecords({ name, stream: () => (async function* () {})() }, LIMITS);
    } catch (err) {
      message = (err as Error).message;
    }

    expect(message).toContain('jahat nama.csv');
    expect(message).not.toMatch(/[\r\n]/);
  });

  it('name the file for an input stream that yields nothing', async () => {
    await userErrorOf(() => openRecords({ name: 'nol.jsonl', stream: () => (async function* () {})() }, LIMITS), 'nol.jsonl');
  });
});

describe('JSONL reader on generated files (property-based)', () => {
  const line = fc.oneof(
    fc.dictionary(fc.constantFrom('a', 'b', 'Kode Desa', 'n'), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))).map((o) => ({ text: JSON.stringify(o), ok: true })),
    fc.constantFrom('', '   ', '\t').map((text) => ({ text, ok: null })),
    fc.constantFrom('oops', '{"a":', '42', '"x"', 'null', '{"a":1}}').map((text) => ({ text, ok: false })),
  );

  it('gives one record per non-empty line, in order, with its physical line number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        fc.pre(lines.some((l) => l.ok !== null));
        // The first non-empty line starting with "[" would be a JSON array file; none here does.
        const text = lines.map((l) => l.text).join(eol);
        const file = await openRecords({ name: 'acak.jsonl', stream: () => (async function* () { yield Buffer.from(text); })() }, LIMITS);
        const records: RawRecord[] = [];
        for await (const r of file.records) records.push(r);

        const expected = lines.flatMap((l, i) => (l.ok === null ? [] : [{ row: i + 1, valid: l.ok }]));
        expect(records.map((r) => ({ row: r.row, valid: r.cells !== null }))).toEqual(expected);
        for (const r of records) expect(r.cells === null ? r.invalidJson : undefined).toBe(r.cells === null ? true : undefined);
      }),
      { numRuns: 200 },
    );
  });
});
