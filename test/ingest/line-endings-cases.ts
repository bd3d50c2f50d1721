/**
 * The mixed-line-ending cases of issue 9, run on the serial path (`line-endings.test.ts`, quick)
 * and on the worker-thread path (`line-endings.workers.test.ts`, slow: each ingest starts a pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestTuning } from '../../functions/ingest/index.js';
import { ingestPath, lakeTable, openDuck, quarantineOf, rows, tempDir, VALID } from './helpers.js';

const A = VALID.activity_log;

/** The header and `n` rows (every 10th bad, so some go to the quarantine), each line ended by `eol(i)`. */
function mixed(n: number, headerEol: string, eol: (i: number) => string): { text: string; lines: number[] } {
  let text = A.header + headerEol;
  let line = 1 + (headerEol === '\n\r' ? 2 : 1);
  const lines: number[] = [];
  for (let i = 0; i < n; i++) {
    text += A.row(i, { kpm_reached: i % 10 === 3 ? 'x' : String(i % 9) });
    lines.push(line);
    const e = eol(i);
    text += e;
    // LF then CR is two breaks (the CR alone ends an empty line, which is skipped).
    line += e === '\n\r' ? 2 : 1;
  }
  return { text, lines };
}

const CASES: [string, string, (i: number) => string][] = [
  ['CRLF header, LF rows', '\r\n', () => '\n'],
  ['LF header, CRLF rows', '\n', () => '\r\n'],
  ['CR only', '\r', () => '\r'],
  ['LF then CR', '\n\r', () => '\n\r'],
  ['CRLF header, a mix of all', '\r\n', (i) => ['\n', '\r\n', '\r', '\n\r'][i % 4]],
];

/** Every case of {@link CASES} on one ingest path. */
export function describeLineEndings(pathName: string, tuning: IngestTuning): void {
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

  describe(`a CSV with mixed line endings, ${pathName} path`, () => {
    it.each(CASES)('%s: every physical row is read, numbered and stored once', async (name, headerEol, eol) => {
      const n = 1200;
      const { text, lines } = mixed(n, headerEol, eol);
      const file = await tmp.file(`${pathName}-${name.replaceAll(' ', '_')}.csv`, text);
      const lake = tmp.path(`lake-${pathName}-${name.replaceAll(' ', '_')}`);
      const result = await ingestPath('activity_log', file, lake, { tuning });
      expect(result.rows_read).toBe(n);
      expect(result.rows_rejected).toBe(n / 10);
      expect(result.rows_accepted + result.rows_rejected).toBe(result.rows_read);
      const stored = await rows(duck.con, `SELECT _row FROM ${lakeTable(lake, 'activity_log')} ORDER BY _row`);
      const quarantined = (await quarantineOf(lake, result)).map((q) => q.row);
      const all = [...stored.map((r) => Number(r._row)), ...quarantined].sort((a, b) => a - b);
      expect(all).toEqual(lines);
    }, 60_000);
  });
}
