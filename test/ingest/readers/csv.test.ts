import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { openCsvArrays, openRecords } from '../../../functions/ingest/readers/index.js';
import { collect, LIMITS, openPath, tempDir, userErrorOf } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => {
  await tmp.cleanup();
});

/** An input whose stream yields the given chunks (to control chunk borders). */
function chunkedInput(name: string, chunks: Buffer[]) {
  return {
    name,
    stream: () =>
      (async function* () {
        for (const c of chunks) yield c;
      })(),
  };
}

describe('CSV delimiters, encodings and header', () => {
  it('reads a comma file: header trimmed, values untouched, first data row is row 2', async () => {
    const path = await tmp.file('koma.csv', ' period , kabupaten_code,catatan\n2026-01,64.02, ada spasi \n2026-02,64.03,\n');

    const file = await openPath(path, 'koma.csv');
    const records = await collect(file);

    expect(file.format).toBe('csv');
    expect(file.delimiter).toBe(',');
    expect(file.encoding).toBe('utf-8');
    expect(file.header).toEqual(['period', 'kabupaten_code', 'catatan']);
    expect(records).toEqual([
      { row: 2, cells: { period: '2026-01', kabupaten_code: '64.02', catatan: ' ada spasi ' } },
      { row: 3, cells: { period: '2026-02', kabupaten_code: '64.03', catatan: '' } },
    ]);
  });

  it('detects ";" from the header even when values contain commas', async () => {
    const path = await tmp.file('titikkoma.csv', 'kecamatan;jumlah;"catatan; bebas"\nTenggarong;1,5;"a, b"\n');

    const file = await openPath(path, 'titikkoma.csv');
    const records = await collect(file);

    expect(file.delimiter).toBe(';');
    expect(file.header).toEqual(['kecamatan', 'jumlah', 'catatan; bebas']);
    expect(records[0].cells).toEqual({ kecamatan: 'Tenggarong', jumlah: '1,5', 'catatan; bebas': 'a, b' });
  });

  it('strips a UTF-8 BOM so the first column name is clean', async () => {
    const path = await tmp.file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('period;nama\n2026-01;Samarinda\n')]));

    const file = await openPath(path, 'bom.csv');
    const records = await collect(file);

    expect(file.header).toEqual(['period', 'nama']);
    expect(records[0].cells).toEqual({ period: '2026-01', nama: 'Samarinda' });
  });

  it('converts a Windows-1252 file (en dash 0x96, é 0xE9) to proper text', async () => {
    const bytes = Buffer.from('kecamatan,jumlah\nKecamatan Tenggarong Seberang \x96 caf\xe9,3\n', 'latin1');
    const path = await tmp.file('ansi.csv', bytes);

    const file = await openPath(path, 'ansi.csv');
    const records = await collect(file);

    expect(file.encoding).toBe('windows-1252');
    expect(records[0].cells).toEqual({ kecamatan: 'Kecamatan Tenggarong Seberang – café', jumlah: '3' });
  });

  it('switches to Windows-1252 when the first invalid byte comes after the first 64 KiB, keeping earlier rows', async () => {
    const ascii = Array.from({ length: 8000 }, (_, i) => `${i},Desa ${i}\n`).join('');
    const bytes = Buffer.concat([Buffer.from(`no,nama\n${ascii}`), Buffer.from('8000,Caf\xe9\n', 'latin1')]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const path = await tmp.file('ansi-late.csv', bytes);

    const file = await openPath(path, 'ansi-late.csv');
    expect(file.encoding).toBe('utf-8');
    const records = await collect(file);

    expect(records).toHaveLength(8001);
    expect(records[7999].cells).toEqual({ no: '7999', nama: 'Desa 7999' });
    expect(records[8000]).toEqual({ row: 8002, cells: { no: '8000', nama: 'Café' } });
    expect(file.encoding).toBe('windows-1252');
  });

  it('keeps UTF-8 characters that are split between chunks (1-byte chunks)', async () => {
    const text = '\ufeffnama,kota\nKecamatan – café 漢字 😀,Tenggarong\n';
    const chunks = [...Buffer.from(text)].map((b) => Buffer.from([b]));

    const file = await openRecords(chunkedInput('potong.csv', chunks), LIMITS);
    const records = await collect(file);

    expect(file.encoding).toBe('utf-8');
    expect(file.header).toEqual(['nama', 'kota']);
    expect(records).toEqual([{ row: 2, cells: { nama: 'Kecamatan – café 漢字 😀', kota: 'Tenggarong' } }]);
  });

  it('rejects a duplicated column (after normalising case, spaces and "-") naming it', async () => {
    const path = await tmp.file('ganda.csv', 'Kabupaten Code,period,kabupaten-code\n64.02,2026-01,64.03\n');

    const message = await userErrorOf(() => openPath(path, 'ganda.csv'), 'ganda.csv');

    expect(message).toContain('kabupaten-code');
    expect(message).toContain('kabupaten_code');
    expect(message).toMatch(/baris 1\b.*line 1\b/);
  });

  it('rejects a UTF-16 file with advice to save as UTF-8', async () => {
    const path = await tmp.file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));

    const message = await userErrorOf(() => openPath(path, 'utf16.csv'), 'utf16.csv');

    expect(message).toContain('UTF-16');
  });
});

describe('CSV rows and line numbers', () => {
  it('reads quoted fields with delimiters, quotes and LF / CRLF newlines; later rows keep their physical line', async () => {
    const text = 'id,catatan\r\n1,"satu, dua"\r\n2,"baris\r\nkedua\r\nketiga"\r\n3,"kata ""kutip"""\r\n4,"x\ny"\r\n5,akhir\r\n';
    const path = await tmp.file('kutip.csv', text);

    const records = await collect(await openPath(path, 'kutip.csv'));

    expect(records).toEqual([
      { row: 2, cells: { id: '1', catatan: 'satu, dua' } },
      // One line-ending model (readers/line-breaks.ts): a quoted CR LF is read as LF.
      { row: 3, cells: { id: '2', catatan: 'baris\nkedua\nketiga' } },
      { row: 6, cells: { id: '3', catatan: 'kata "kutip"' } },
      { row: 7, cells: { id: '4', catatan: 'x\ny' } },
      { row: 9, cells: { id: '5', catatan: 'akhir' } },
    ]);
  });

  it('skips empty and blank lines without counting them, row numbers still physical lines', async () => {
    const path = await tmp.file('kosong.csv', '\n\nperiod;n\n2026-01;1\n\n\n;;\n   \n2026-02;2\n\n');

    const file = await openPath(path, 'kosong.csv');
    const records = await collect(file);

    expect(file.header).toEqual(['period', 'n']);
    expect(records).toEqual([
      { row: 4, cells: { period: '2026-01', n: '1' } },
      { row: 9, cells: { period: '2026-02', n: '2' } },
    ]);
  });

  it('reports ragged rows one by one with cells null, the rows around them intact', async () => {
    const path = await tmp.file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');

    const records = await collect(await openPath(path, 'ragged.csv'));

    expect(records).toEqual([
      { row: 2, cells: { a: '1', b: '2', c: '3' } },
      { row: 3, cells: null, ragged: { expected: 3, got: 2 } },
      { row: 4, cells: null, ragged: { expected: 3, got: 4 } },
      { row: 5, cells: { a: '10', b: '11', c: '12' } },
    ]);
  });

  it('gives zero records for a header-only file (with or without final newline)', async () => {
    for (const [name, text] of [
      ['header1.csv', 'period,kabupaten_code\n'],
      ['header2.csv', 'period,kabupaten_code'],
      ['header3.csv', 'period,kabupaten_code\r\n\r\n\r\n'],
    ]) {
      const file = await openPath(await tmp.file(name, text), name);
      expect(file.header).toEqual(['period', 'kabupaten_code']);
      expect(await collect(file)).toEqual([]);
    }
  });

  it('reads the last row without a final newline', async () => {
    const records = await collect(await openPath(await tmp.file('akhir.csv', 'a\n1\n2'), 'akhir.csv'));

    expect(records.map((r) => r.row)).toEqual([2, 3]);
  });

  it('gives the same rows through batches and csvArrays', async () => {
    const text = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? `${i}\n` : `${i},"v\n${i}"\n`)).join('');
    const path = await tmp.file('setara.csv', text);

    const viaRecords = await collect(await openPath(path, 'setara.csv'));
    const viaBatches = [];
    for await (const batch of (await openPath(path, 'setara.csv')).batches!) viaBatches.push(...batch);
    const viaArrays: { row: number; values: string[] }[] = [];
    for await (const batch of (await openPath(path, 'setara.csv')).csvArrays!) {
      batch.rows.forEach((row, i) => viaArrays.push({ row, values: batch.values[i] }));
    }

    expect(viaRecords).toHaveLength(5000);
    expect(viaBatches).toEqual(viaRecords);
    expect(viaArrays.map((r) => r.row)).toEqual(viaRecords.map((r) => r.row));
    expect(viaArrays[1]).toEqual({ row: 3, values: ['1', 'v\n1'] });
    expect(viaArrays[7]).toEqual({ row: 15, values: ['7'] });
  });
});

describe('openCsvArrays', () => {
  it('reads a CSV as header plus row arrays, and refuses a workbook', async () => {
    const csv = await tmp.file('larik.csv', 'a;b\n1;2\n\n3\n');
    const zip = await tmp.file('buku.csv', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]));

    const opened = await openCsvArrays({ name: 'larik.csv', stream: () => createReadStream(csv) }, LIMITS);
    const rows: [number, string[]][] = [];
    for await (const batch of opened.batches) batch.rows.forEach((row, i) => rows.push([row, batch.values[i]]));
    const message = await userErrorOf(() => openCsvArrays({ name: 'buku.csv', stream: () => createReadStream(zip) }, LIMITS), 'buku.csv');

    expect(opened.header).toEqual(['a', 'b']);
    expect(opened.delimiter).toBe(';');
    expect(rows).toEqual([
      [2, ['1', '2']],
      [4, ['3']],
    ]);
    expect(message).toContain('not CSV');
  });
});

describe('CSV errors', () => {
  it('names the line where an unterminated quote opens', async () => {
    const path = await tmp.file('kutip-buka.csv', 'a,b\n1,2\n\n3,"tidak ditutup\n4,5\n6,7\n');
    const file = await openPath(path, 'kutip-buka.csv');

    const message = await userErrorOf(() => collect(file), 'kutip-buka.csv');

    expect(message).toMatch(/baris 4\b.*line 4\b/);
  });

  it.each([
    ['sampah.csv', false],
    ['sampah-tanpa-nul.csv', true],
  ])('rejects binary garbage (%s) as "not a CSV/text file"', async (name, withoutNul) => {
    let seed = 42;
    const random = Buffer.from(
      Buffer.alloc(20_000, 0).map(() => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const b = seed & 0xff;
        return withoutNul && b === 0 ? 1 : b;
      }),
    );
    const path = await tmp.file(name, random);

    const message = await userErrorOf(() => openPath(path, name), name);

    expect(message).toContain('bukan berkas CSV/teks');
    expect(message).toContain('not a CSV/text file');
  });

  it('rejects a NUL byte that appears after the first 64 KiB, naming its line', async () => {
    const lines = Array.from({ length: 8000 }, (_, i) => `${i},Desa ${i}\n`).join('');
    const path = await tmp.file('nul.csv', Buffer.concat([Buffer.from(`no,nama\n${lines}`), Buffer.from('8000,x\0y\n')]));
    const file = await openPath(path, 'nul.csv');

    const message = await userErrorOf(() => collect(file), 'nul.csv');

    expect(message).toMatch(/baris 8002\b.*line 8002\b/);
  });
});

describe('CSV empty-file cases', () => {
  it.each([
    ['kosong.csv', ''],
    ['spasi.csv', ' \r\n\n\t\n'],
    ['bom-saja.csv', '\ufeff'],
    ['titikkoma-saja.csv', ';;;\n;;;\n'],
  ])('%s is rejected as an empty file', async (name, content) => {
    const path = await tmp.file(name, content);

    const message = await userErrorOf(() => openPath(path, name), name);

    expect(message).toContain('kosong');
    expect(message).toContain('is empty');
  });
});
