import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecords } from '../../../functions/ingest/readers/index.js';
import { collect, LIMITS, openPath, tempDir, userErrorOf } from './helpers.js';
import { craftZip, minimalWorkbook, sheetXml } from './zip-craft.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let privateTmp: string;
const originalTmpdir = process.env.TMPDIR;
beforeAll(async () => {
  tmp = await tempDir();
  // The reader spools XLSX to os.tmpdir(); a private one lets the tests see what it leaves behind.
  privateTmp = await mkdtemp(join(tmpdir(), 'pkh-readers-xlsx-'));
  process.env.TMPDIR = privateTmp;
});
afterAll(async () => {
  process.env.TMPDIR = originalTmpdir;
  if (originalTmpdir === undefined) delete process.env.TMPDIR;
  await rm(privateTmp, { recursive: true, force: true });
  await tmp.cleanup();
});

async function writeWorkbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(tmp.dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

function dataSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Data');
  ws.addRow([' period ', 'tanggal', 'waktu', 'jumlah', 'dobel', 'pecahan', 'nama', 'aktif', 'tautan', 'galat', 'rumus_kosong', 'besar']);
  ws.addRow([
    '2026-01',
    new Date(Date.UTC(2026, 0, 15)),
    new Date(Date.UTC(2026, 0, 15, 10, 30, 0)),
    42,
    { formula: 'D2*2', result: 84 },
    0.1 + 0.2,
    { richText: [{ text: 'Tenggarong ' }, { text: 'Seberang', font: { bold: true } }] },
    true,
    { text: 'klik', hyperlink: 'https://example.org' },
    { error: '#N/A' },
    { formula: 'TODAY()' },
    3201234567890123,
  ]);
  ws.getCell('B2').numFmt = 'yyyy-mm-dd';
  ws.addRow([]);
  // A date typed as a number with a date format (Excel serial 46000 = 2025-12-09).
  ws.addRow(['2026-02', 46000, null, '=HYPERLINK("http://x")', { sharedFormula: 'E2', result: 5 }]);
  ws.getCell('B4').numFmt = 'dd/mm/yyyy';
}

describe('XLSX values', () => {
  it('reads the first sheet: dates as text, formulas by cached result, rich text plain, numbers plain, empty rows skipped', async () => {
    const path = await writeWorkbook('data.xlsx', (wb) => {
      dataSheet(wb);
      wb.addWorksheet('Lain').addRow(['tidak dibaca']);
    });

    const file = await openPath(path, 'data.xlsx');
    const records = await collect(file);

    expect(file.format).toBe('xlsx');
    expect(file.header).toEqual(['period', 'tanggal', 'waktu', 'jumlah', 'dobel', 'pecahan', 'nama', 'aktif', 'tautan', 'galat', 'rumus_kosong', 'besar']);
    expect(records).toEqual([
      {
        row: 2,
        cells: {
          period: '2026-01',
          tanggal: '2026-01-15',
          waktu: '2026-01-15T10:30:00',
          jumlah: '42',
          dobel: '84',
          pecahan: '0.3',
          nama: 'Tenggarong Seberang',
          aktif: 'true',
          tautan: 'klik',
          galat: '#N/A',
          rumus_kosong: null,
          besar: '3201234567890123',
        },
      },
      {
        row: 4,
        cells: {
          period: '2026-02',
          tanggal: '2025-12-09',
          waktu: null,
          jumlah: '=HYPERLINK("http://x")',
          dobel: '5',
          pecahan: null,
          nama: null,
          aktif: null,
          tautan: null,
          galat: null,
          rumus_kosong: null,
          besar: null,
        },
      },
    ]);
  });

  it('reads an XLSX renamed .csv as XLSX', async () => {
    const original = await writeWorkbook('asli.xlsx', dataSheet);
    const renamed = await tmp.file('sebenarnya-xlsx.csv', await readFile(original));

    const file = await openPath(renamed, 'sebenarnya-xlsx.csv');

    expect(file.format).toBe('xlsx');
    expect((await collect(file))[0].cells?.tanggal).toBe('2026-01-15');
  });

  it('reads the first visible sheet in tab order, skipping a hidden one', async () => {
    const path = await writeWorkbook('tersembunyi.xlsx', (wb) => {
      const hidden = wb.addWorksheet('Referensi', { state: 'hidden' });
      hidden.addRow(['kode']);
      hidden.addRow(['x']);
      const ws = wb.addWorksheet('Data');
      ws.addRow(['period']);
      ws.addRow(['2026-03']);
    });

    const file = await openPath(path, 'tersembunyi.xlsx');

    expect(file.header).toEqual(['period']);
    expect(await collect(file)).toEqual([{ row: 2, cells: { period: '2026-03' } }]);
  });

  it('keeps non-ASCII text intact across inflate chunk borders (30,000 shared strings)', async () => {
    const path = await writeWorkbook('unicode.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['no', 'nama']);
      for (let i = 0; i < 30_000; i++) ws.addRow([i, `Kecamatan Tenggarong Seberang – café 漢字 ${i}`]);
    });

    const records = await collect(await openPath(path, 'unicode.xlsx'));

    expect(records).toHaveLength(30_000);
    const wrong = records.filter((r, i) => r.cells?.nama !== `Kecamatan Tenggarong Seberang – café 漢字 ${i}`);
    expect(wrong).toEqual([]);
  });

  it('uses the first non-empty row as header and keeps sheet row numbers', async () => {
    const path = await writeWorkbook('mulai-baris-3.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('A3').value = 'period';
      ws.getCell('B3').value = 'n';
      ws.getCell('A5').value = '2026-01';
      ws.getCell('B5').value = 7;
    });

    const file = await openPath(path, 'mulai-baris-3.xlsx');

    expect(file.header).toEqual(['period', 'n']);
    expect(await collect(file)).toEqual([{ row: 5, cells: { period: '2026-01', n: '7' } }]);
  });

  it('removes its temporary copy of the workbook after reading, and after an early stop', async () => {
    const path = await writeWorkbook('bersih.xlsx', dataSheet);

    await collect(await openPath(path, 'bersih.xlsx'));
    const early = await openPath(path, 'bersih.xlsx');
    for await (const record of early.records) {
      void record;
      break;
    }
    const neverRead = await openPath(path, 'bersih.xlsx');
    await neverRead.close!();

    expect((await readdir(privateTmp)).filter((n) => n.startsWith('pkh-xlsx-'))).toEqual([]);
  });
});

describe('XLSX errors', () => {
  it('rejects a duplicated column naming it', async () => {
    const path = await writeWorkbook('ganda.xlsx', (wb) => wb.addWorksheet('Data').addRow(['period', 'Period']));

    const message = await userErrorOf(() => openPath(path, 'ganda.xlsx'), 'ganda.xlsx');

    expect(message).toContain('"Period"');
  });

  it('rejects a sheet over the row limit, naming the limit and the sheet row', async () => {
    const path = await writeWorkbook('banyak.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['n']);
      for (let i = 0; i < 120; i++) ws.addRow([i]);
    });
    const file = await openPath(path, 'banyak.xlsx', { maxRows: 100 });

    const message = await userErrorOf(() => collect(file), 'banyak.xlsx');

    expect(message).toMatch(/lebih dari 100 baris data.*baris lembar 102\b.*more than 100 data rows.*sheet row 102\b/);
    expect((await readdir(privateTmp)).filter((n) => n.startsWith('pkh-xlsx-'))).toEqual([]);
  });

  it('rejects a zip bomb (a 20 MiB entry compressed about 1000:1) before inflating it', async () => {
    const bomb = Buffer.alloc(20 * 1024 * 1024, 0x20);
    const path = await tmp.file('bom.xlsx', craftZip(minimalWorkbook(bomb)));

    const message = await userErrorOf(() => openPath(path, 'bom.xlsx'), 'bom.xlsx');

    expect(message).toContain('zip bomb');
    expect(message).toContain('xl/worksheets/sheet1.xml');
  });

  it('rejects an entry that inflates beyond its declared size (lying central directory)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [String(i), 'x'.repeat(200)]);
    const xml = sheetXml([['no', 'isi'], ...rows]);
    const path = await tmp.file('bohong.xlsx', craftZip(minimalWorkbook(xml, 1000)));
    const file = await openPath(path, 'bohong.xlsx').catch((err: Error) => err);

    const message = await userErrorOf(async () => {
      if (file instanceof Error) throw file;
      await collect(file);
    }, 'bohong.xlsx');

    expect(message).toContain('declared size');
  });

  it('rejects a workbook whose total uncompressed size is over maxXlsxUncompressedBytes', async () => {
    const path = await writeWorkbook('besar.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['n', 'teks']);
      for (let i = 0; i < 2000; i++) ws.addRow([i, `baris ${i}`]);
    });

    const message = await userErrorOf(() => openPath(path, 'besar.xlsx', { maxXlsxUncompressedBytes: 50_000 }), 'besar.xlsx');

    expect(message).toContain('48.8 KiB');
  });

  it('reads a hand-made minimal workbook (the crafted zip format itself is valid)', async () => {
    const path = await tmp.file('minimal.xlsx', craftZip(minimalWorkbook(sheetXml([['period'], ['2026-01']]))));

    expect(await collect(await openPath(path, 'minimal.xlsx'))).toEqual([{ row: 2, cells: { period: '2026-01' } }]);
  });

  it('rejects a corrupt zip and a truncated workbook as damaged XLSX', async () => {
    const garbage = await tmp.file('rusak.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 7)]));
    const full = await readFile(await writeWorkbook('utuh.xlsx', dataSheet));
    const truncated = await tmp.file('terpotong.xlsx', full.subarray(0, Math.floor(full.length / 2)));

    for (const [path, name] of [
      [garbage, 'rusak.xlsx'],
      [truncated, 'terpotong.xlsx'],
    ]) {
      const message = await userErrorOf(() => openPath(path, name), name);
      expect(message).toContain('not a valid XLSX or is damaged');
    }
  });

  it('rejects a workbook larger than maxFileBytes while copying it, leaving no temporary file', async () => {
    const path = await writeWorkbook('berat.xlsx', dataSheet);

    const input = { name: 'berat.xlsx', stream: () => createReadStream(path, { highWaterMark: 1024 }) };

    const message = await userErrorOf(() => openRecords(input, { ...LIMITS, maxFileBytes: 4_000 }), 'berat.xlsx');

    expect(message).toContain('lebih besar dari batas');
    expect((await readdir(privateTmp)).filter((n) => n.startsWith('pkh-xlsx-'))).toEqual([]);
  });

  it('rejects an Excel 97-2003 .xls file with advice', async () => {
    const path = await tmp.file('lama.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));

    const message = await userErrorOf(() => openPath(path, 'lama.xls'), 'lama.xls');

    expect(message).toContain('.xlsx');
  });

  it('rejects a workbook whose first sheet is empty', async () => {
    const path = await writeWorkbook('kosong.xlsx', (wb) => wb.addWorksheet('Data'));

    const message = await userErrorOf(() => openPath(path, 'kosong.xlsx'), 'kosong.xlsx');

    expect(message).toContain('is empty');
  });
});
