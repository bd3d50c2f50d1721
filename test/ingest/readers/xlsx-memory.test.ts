/**
 * XLSX memory and temporary files (issue 9): the shared-strings table is bounded (a workbook whose
 * strings expand far beyond its size is rejected in one line before they are inflated), and a
 * copy of the upload left in the temporary folder by a killed ingest is removed by a later run.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStringsBudget } from '../../../functions/ingest/readers/xlsx.js';
import { DEFAULT_CONFIG } from '../../../functions/lib/config.js';
import { ROOT } from '../helpers.js';
import { collect, openPath, tempDir, userErrorOf } from './helpers.js';
import { craftZip, minimalWorkbook } from './zip-craft.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let privateTmp: string;
const originalTmpdir = process.env.TMPDIR;
beforeAll(async () => {
  tmp = await tempDir();
  // A private temporary folder: the tests look at what the reader leaves there.
  privateTmp = await mkdtemp(join(tmpdir(), 'pkh-readers-xlsxmem-'));
  process.env.TMPDIR = privateTmp;
});
afterAll(async () => {
  process.env.TMPDIR = originalTmpdir;
  if (originalTmpdir === undefined) delete process.env.TMPDIR;
  await rm(privateTmp, { recursive: true, force: true });
  await tmp.cleanup();
});

/** A workbook whose sheet uses `count` shared strings of random text (`bytes` each, so they do not compress much). */
function sharedStringsWorkbook(count: number, bytes: number): Buffer {
  const strings: string[] = [];
  for (let i = 0; i < count; i++) strings.push(`<si><t>${randomBytes(bytes / 2).toString('hex')}</t></si>`);
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${strings.join('')}</sst>`;
  const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>teks</t></is></c></row>'];
  for (let i = 0; i < Math.min(count, 50); i++) rows.push(`<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i}</v></c></row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  return craftZip([...minimalWorkbook(sheet), { name: 'xl/sharedStrings.xml', data: Buffer.from(sst) }]);
}

describe('XLSX shared strings', () => {
  it('have a budget derived from the uncompressed-size limit, at most 64 MiB', () => {
    expect(sharedStringsBudget(DEFAULT_CONFIG.limits.max_xlsx_uncompressed_bytes)).toBe(64 * 1024 * 1024);
    expect(sharedStringsBudget(16 * 1024 * 1024)).toBe(2 * 1024 * 1024);
  });

  it('over the budget: one clear line, before any string is held', async () => {
    // 16 MiB limit → 2 MiB budget; 3 MiB of strings.
    const path = await tmp.file('banyak-teks.xlsx', sharedStringsWorkbook(3 * 1024, 1024));
    const message = await userErrorOf(() => openPath(path, 'banyak-teks.xlsx', { maxXlsxUncompressedBytes: 16 * 1024 * 1024 }), 'banyak-teks.xlsx');
    expect(message).toMatch(/teks bersama.*2 MiB.* \/ .*shared strings.*2 MiB/);
  });

  it('within the budget: read as usual', async () => {
    const path = await tmp.file('cukup.xlsx', sharedStringsWorkbook(1024, 1024));
    const records = await collect(await openPath(path, 'cukup.xlsx', { maxXlsxUncompressedBytes: 16 * 1024 * 1024 }));
    expect(records).toHaveLength(50);
    expect(records[0].cells!.teks).toMatch(/^[0-9a-f]{1024}$/);
  });
});

describe('the temporary copy of an XLSX', () => {
  it('left by an ingest killed while copying it is removed by the next run, and a live run’s copy is not', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRow(['teks']);
    wb.getWorksheet('Data')!.addRow(['satu']);
    const good = await tmp.file('baik.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    // The child copies the first bytes of an upload that never ends, says so, and is killed.
    const reader = pathToFileURL(join(ROOT, 'functions/ingest/readers/index.ts')).href;
    const script = `
      import { openRecords } from ${JSON.stringify(reader)};
      const limits = { maxFileBytes: 1e9, maxRows: 1e6, maxXlsxUncompressedBytes: 1e9 };
      setInterval(() => {}, 1000);
      async function* upload() { yield Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]); console.log('copying'); await new Promise(() => {}); }
      await openRecords({ name: 'unggah.xlsx', stream: upload }, limits);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, TMPDIR: privateTmp }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('copying') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code} before copying`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const left = (await readdir(privateTmp)).filter((n) => n.startsWith('pkh-xlsx-'));
    expect(left).toHaveLength(1);

    // An earlier process with this process's id (a restarted Lambda runtime keeps its /tmp).
    await mkdtemp(join(privateTmp, `pkh-xlsx-${process.pid}.00000000-`));
    // Another ingest of this process, still going: its copy is named as the reader names its own.
    const open = await openPath(good, 'baik.xlsx');
    const own = (await readdir(privateTmp)).find((n) => n.startsWith(`pkh-xlsx-${process.pid}.`) && !n.includes('.00000000-'))!;
    await open.close!();
    const live = await mkdtemp(join(privateTmp, own.replace(/-[^-]+$/, '-')));
    expect(await collect(await openPath(good, 'baik.xlsx'))).toEqual([{ row: 2, cells: { teks: 'satu' } }]);

    expect((await readdir(privateTmp)).filter((n) => n.startsWith('pkh-xlsx-'))).toEqual([live.slice(privateTmp.length + 1)]);
  }, 60_000);
});
