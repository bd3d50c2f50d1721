import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../functions/generator/index.js';
import { RowFileWriter } from '../../functions/generator/writer.js';

describe('CSV output', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkh-gen-writer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('quotes cells with commas, quotes or line breaks so a CSV parser reads them back unchanged', () => {
    // Prepare
    const cells = ['Nur Aini, S.Sos.', '=HYPERLINK("http://x","y")', 'baris\nbaru', 'Soka"an', '<script>', ''];
    // Act
    const line = csvLine(cells);
    // Assess
    expect(parse(line)).toEqual([cells]);
  });

  it('writes many chunks through the stream and keeps every row in order, text columns quoted', async () => {
    // Prepare
    const path = join(dir, 'many.csv');
    const writer = await RowFileWriter.open(path, ['id', 'text'], 'csv', [false, true]);
    // Act
    for (let i = 0; i < 50_000; i++) {
      const wait = writer.push([String(i), i % 7 === 0 ? `catatan, "${i}"` : `catatan ${i}`]);
      if (wait) await wait;
    }
    await writer.close();
    // Assess
    const records = parse(await readFile(path, 'utf8'), { columns: true }) as { id: string; text: string }[];
    expect(records).toHaveLength(50_000);
    expect(records[49_999]).toEqual({ id: '49999', text: 'catatan 49999' });
    expect(records[7]).toEqual({ id: '7', text: 'catatan, "7"' });
  });

  it('quotes any cell of an invalid row, not only the text columns', async () => {
    // Prepare
    const path = join(dir, 'invalid.csv');
    const writer = await RowFileWriter.open(path, ['amount', 'text'], 'csv', [false, true]);
    // Act
    await writer.push(['1,250,000', 'x'], true);
    await writer.close();
    // Assess
    expect(parse(await readFile(path, 'utf8'), { columns: true })).toEqual([{ amount: '1,250,000', text: 'x' }]);
  });

  it('rejects when the file cannot be created', async () => {
    await expect(RowFileWriter.open(join(dir, 'no-such-dir', 'x.csv'), ['a'], 'csv')).rejects.toThrow(/ENOENT/);
  });
});
