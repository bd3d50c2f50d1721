/**
 * The CSV split across worker threads gives exactly what one thread gives: a parallel ingest
 * lands the same rows, quarantine and errors as a serial one (the cutter alone:
 * `csv-cutter.test.ts`).
 */
import iconv from 'iconv-lite';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestTuning } from '../../functions/ingest/index.js';
import { csvCell, ingestPath, lakeTable, openDuck, rows, tempDir, VALID } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;

beforeAll(async () => {
  tmp = await tempDir();
  duck = await openDuck();
});
afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('a parallel ingest and a serial one', () => {
  const serial: IngestTuning = { workers: 0 };
  const parallel: IngestTuning = { workers: 2, parallelMinBytes: 0, parallelChunkBytes: 4096 };
  const A = VALID.activity_log;

  /** Quoted multi-line text, bad rows, ragged rows and blank lines across many small chunks. */
  function awkwardCsv(n: number, eol = '\r\n'): string {
    const lines = [A.header];
    for (let i = 0; i < n; i++) {
      if (i % 97 === 0) lines.push('');
      if (i % 61 === 0) lines.push(`ACT-R${i},PD-1`);
      const description = i % 5 === 0 ? `baris ${i}\nlanjut, "dikutip" ; titik koma` : i % 7 === 0 ? 'ab"c' : `kegiatan ${i}`;
      lines.push(A.row(i, { description, kpm_reached: i % 53 === 0 ? 'x' : String(i % 9), activity_date: `2026-0${1 + (i % 2)}-1${i % 10}`, submitted_at: `2026-02-2${i % 10} 08:00` }));
    }
    return lines.join(eol) + eol;
  }

  async function both(name: string, content: string | Buffer, extra: { limits?: { max_rows?: number } } = {}) {
    const file = await tmp.file(name, content);
    const run = async (tuning: IngestTuning, lake: string) => {
      try {
        return { result: await ingestPath('activity_log', file, tmp.path(lake), { tuning, key: `uploads/${name}`, limits: extra.limits }), lake: tmp.path(lake) };
      } catch (err) {
        return { error: (err as Error).message, lake: tmp.path(lake) };
      }
    };
    return { s: await run(serial, `${name}-serial`), p: await run(parallel, `${name}-parallel`) };
  }

  it('land the same rows, quarantine and summary (CRLF, quoted line breaks, ragged and blank lines)', async () => {
    // Act
    const { s, p } = await both('campur.csv', awkwardCsv(2500));
    // Assess
    expect(s.result!.rows_read).toBeGreaterThan(2500);
    expect(p.result).toEqual(s.result);
    const sql = (lake: string) => `SELECT * FROM ${lakeTable(lake, 'activity_log')} ORDER BY _row`;
    expect(await rows(duck.con, sql(p.lake))).toEqual(await rows(duck.con, sql(s.lake)));
    const q = async (lake: string) => readFile(path.join(lake, s.result!.quarantineKey!), 'utf8');
    expect(await q(p.lake)).toEqual(await q(s.lake));
  }, 60_000);

  it('read a Windows-1252 file the same way', async () => {
    const { s, p } = await both('ansi.csv', iconv.encode(awkwardCsv(800, '\n').replaceAll('kegiatan', 'kegiatan café –'), 'win1252'));
    expect(p.result).toEqual(s.result);
    const sql = (lake: string) => `SELECT description FROM ${lakeTable(lake, 'activity_log')} ORDER BY _row`;
    const got = await rows(duck.con, sql(p.lake));
    expect(got).toEqual(await rows(duck.con, sql(s.lake)));
    expect(got.some((r) => String(r.description).includes('café –'))).toBe(true);
  }, 60_000);

  it('give the same one-line error for a quote left open in the middle of the file, and write nothing', async () => {
    // No other quote follows, so the open one swallows the rest of the file.
    const text = [A.header, ...Array.from({ length: 1500 }, (_, i) => A.row(i))];
    text.splice(701, 0, `ACT-Q,PD-1,"2026-02-10,33.10`);
    const { s, p } = await both('kutip.csv', `${text.join('\n')}\n`);
    expect(s.error).toMatch(/Tanda kutip.*baris 702 .*line 702 /);
    expect(p.error).toBe(s.error);
    expect(await rows(duck.con, `SELECT count(*) AS n FROM glob('${p.lake}/**')`)).toEqual([{ n: '0' }]);
  }, 60_000);

  it('give the same error for too many rows, naming the same line', async () => {
    const { s, p } = await both('banyak.csv', awkwardCsv(1500, '\n'), { limits: { max_rows: 1000 } });
    expect(s.error).toMatch(/lebih dari 1000 baris data/);
    expect(p.error).toBe(s.error);
  }, 60_000);

  it('treat a file of fields quoted over many lines (no safe cut for a while) the same', async () => {
    const lines = [A.header];
    for (let i = 0; i < 300; i++) lines.push(A.row(i, { description: `${'panjang '.repeat(20)}\n`.repeat(3) }));
    const { s, p } = await both('panjang.csv', `${lines.join('\n')}\n`);
    expect(p.result).toEqual(s.result);
    expect(s.result!.rows_accepted).toBe(300);
  }, 60_000);

  it('accept quoting written by a CSV writer (every cell quoted)', async () => {
    const lines = [A.header.split(',').map((h) => `"${h}"`).join(',')];
    for (let i = 0; i < 1000; i++) lines.push(A.row(i).split(',').map((c) => `"${c}"`).join(','));
    const { s, p } = await both('dikutip.csv', `${lines.join('\n')}\n`);
    expect(p.result).toEqual(s.result);
    expect(csvCell('a"b')).toBe('"a""b"');
  }, 60_000);
});
