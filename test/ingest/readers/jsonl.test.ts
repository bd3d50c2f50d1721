import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, openPath, tempDir, userErrorOf } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => {
  await tmp.cleanup();
});

describe('JSON Lines', () => {
  it('reads one object per line: numbers and booleans as text, null as null, header from the first object', async () => {
    const path = await tmp.file(
      'aktivitas.jsonl',
      '{"activity_id":"A1","kpm_count":12,"online":true,"notes":null,"amount":1250000.5}\n' +
        '\n' +
        '{"activity_id":"A2","kpm_count":0,"extra":{"x":1},"list":[1,2]}\r\n',
    );

    const file = await openPath(path, 'aktivitas.jsonl');
    const records = await collect(file);

    expect(file.format).toBe('jsonl');
    expect(file.header).toEqual(['activity_id', 'kpm_count', 'online', 'notes', 'amount']);
    expect(records).toEqual([
      { row: 1, cells: { activity_id: 'A1', kpm_count: '12', online: 'true', notes: null, amount: '1250000.5' } },
      { row: 3, cells: { activity_id: 'A2', kpm_count: '0', extra: '{"x":1}', list: '[1,2]' } },
    ]);
  });

  it('keeps the other rows when a line is not a JSON object, flagging that row invalidJson', async () => {
    const path = await tmp.file('rusak.jsonl', '{"a":"1"}\n{"a": "2",\n"teks biasa"\n42\n{"a":"5"}\n[1,2]\n{"a":"7"}');

    const records = await collect(await openPath(path, 'rusak.jsonl'));

    expect(records).toEqual([
      { row: 1, cells: { a: '1' } },
      { row: 2, cells: null, invalidJson: true, line: '{"a": "2",' },
      { row: 3, cells: null, invalidJson: true, line: '"teks biasa"' },
      { row: 4, cells: null, invalidJson: true, line: '42' },
      { row: 5, cells: { a: '5' } },
      { row: 6, cells: null, invalidJson: true, line: '[1,2]' },
      { row: 7, cells: { a: '7' } },
    ]);
  });

  it('takes the header from the first valid object when earlier lines are bad, still yielding those lines first', async () => {
    const path = await tmp.file('awal-rusak.jsonl', 'oops\n\n{"period":"2026-01","n":"1"}\n');

    const file = await openPath(path, 'awal-rusak.jsonl');
    const records = await collect(file);

    expect(file.header).toEqual(['period', 'n']);
    expect(records).toEqual([
      { row: 1, cells: null, invalidJson: true, line: 'oops' },
      { row: 3, cells: { period: '2026-01', n: '1' } },
    ]);
  });

  it('does not let a "__proto__" key change the cells object', async () => {
    const path = await tmp.file('proto.jsonl', '{"__proto__":{"polluted":"yes"},"a":"1"}\n');

    const [record] = await collect(await openPath(path, 'proto.jsonl'));

    expect(record.cells).toEqual({ a: '1' });
    expect(Object.getPrototypeOf(record.cells)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips a BOM and reads a .ndjson name', async () => {
    const path = await tmp.file('bom.ndjson', '\ufeff{"a":"é"}\n');

    const file = await openPath(path, 'bom.ndjson');

    expect(file.header).toEqual(['a']);
    expect(await collect(file)).toEqual([{ row: 1, cells: { a: 'é' } }]);
  });

  it('rejects a duplicated key in the first object after normalising', async () => {
    const path = await tmp.file('ganda.jsonl', '{"Period":"2026-01","period ":"2026-02"}\n');

    const message = await userErrorOf(() => openPath(path, 'ganda.jsonl'), 'ganda.jsonl');

    expect(message).toContain('period');
  });

  it('rejects a JSON array file with advice to write one object per line', async () => {
    const path = await tmp.file('larik.json', '[\n {"a":1},\n {"a":2}\n]\n');

    const message = await userErrorOf(async () => collect(await openPath(path, 'larik.json')), 'larik.json');

    expect(message).toContain('JSON Lines');
  });

  it('rejects an empty JSONL file', async () => {
    const path = await tmp.file('kosong.jsonl', '\n\n  \n');

    const message = await userErrorOf(() => openPath(path, 'kosong.jsonl'), 'kosong.jsonl');

    expect(message).toContain('is empty');
  });

  it('rejects a line over maxLineBytes, naming it', async () => {
    const path = await tmp.file('panjang.jsonl', `{"a":"1"}\n{"a":"${'x'.repeat(10_000)}"}\n`);

    const message = await userErrorOf(async () => collect(await openPath(path, 'panjang.jsonl', { maxLineBytes: 1000 })), 'panjang.jsonl');

    expect(message).toMatch(/Baris 2\b.*Line 2\b/);
  });
});
