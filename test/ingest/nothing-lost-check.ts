/**
 * SYSTEM.md "Nothing lost" on generated malformed activity_log files, shared by the serial run
 * (`nothing-lost.test.ts`, quick) and the worker-thread run (`nothing-lost.workers.test.ts`,
 * slow: each ingest starts a pool of threads).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { IngestTuning } from '../../functions/ingest/index.js';
import { ERROR_CODES } from '../../schemas/index.js';
import { csvCell, ingestPath, lakeTable, openDuck, quarantineOf, rows, tempDir, VALID } from './helpers.js';

const COLUMNS = VALID.activity_log.header.split(',');
const BAD_VALUES = ['', ' ', 'x', '-1', '2026-02-30', '2099-01-01', '3310012345678901', '33.99', '99.99.99', 'lima', '=1+1', '<b>x</b>', 'a,b', 'baris\nbaru', 'kutip "di" dalam', '1.000'];

export type Line =
  | { kind: 'row'; over: Record<string, string> }
  | { kind: 'ragged'; cells: number }
  | { kind: 'blank' };

/** One line of a generated file: a valid row, a row with bad cells, a ragged row or a blank line. */
export const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Line>({ kind: 'row', over: {} }) },
  {
    weight: 6,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...COLUMNS), fc.constantFrom(...BAD_VALUES)), { minLength: 1, maxLength: 3 })
      .map((pairs): Line => ({ kind: 'row', over: Object.fromEntries(pairs) })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 14 }).filter((n) => n !== COLUMNS.length).map((cells): Line => ({ kind: 'ragged', cells })) },
  { weight: 1, arbitrary: fc.constant<Line>({ kind: 'blank' }) },
);

/** The file's text and the line where each record starts. */
function build(lines: Line[], eol: string): { text: string; starts: number[] } {
  const out = [VALID.activity_log.header];
  const starts: number[] = [];
  let lineNo = 2;
  lines.forEach((l, i) => {
    let text: string;
    if (l.kind === 'blank') text = '';
    else if (l.kind === 'ragged') text = Array.from({ length: l.cells }, (_, c) => csvCell(c === 0 ? `R-${i}` : 'y')).join(',');
    else text = VALID.activity_log.row(i, l.over);
    if (l.kind !== 'blank') starts.push(lineNo);
    out.push(text);
    lineNo += 1 + (text.match(/\n/g)?.length ?? 0);
  });
  return { text: out.join(eol) + eol, starts };
}

/**
 * Registers a temp folder and a DuckDB for the calling test file and returns the check: the file
 * built from `lines` is ingested with `tuning`, and every record is either in the lake once or in
 * the quarantine with its reasons.
 */
export function nothingLostCheck(): (lines: Line[], eol: string, tuning: IngestTuning) => Promise<void> {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let duck: Awaited<ReturnType<typeof openDuck>>;
  let runNo = 0;

  beforeAll(async () => {
    tmp = await tempDir('pkh-nothing-lost-');
    duck = await openDuck();
  });
  afterAll(async () => {
    duck?.close();
    await tmp?.cleanup();
  });

  return async function check(lines: Line[], eol: string, tuning: IngestTuning): Promise<void> {
    const { text, starts } = build(lines, eol);
    const n = ++runNo;
    const file = await tmp.file(`acak-${n}.csv`, text);
    const lake = tmp.path(`lake-${n}`);
    const r = await ingestPath('activity_log', file, lake, { tuning });
    const quarantine = await quarantineOf(lake, r);

    expect(r.rows_read).toBe(starts.length);
    expect(r.rows_accepted + r.rows_rejected).toBe(r.rows_read);
    expect(quarantine).toHaveLength(r.rows_rejected);
    const stored = r.rows_accepted > 0 ? await rows(duck.con, `SELECT list(_row ORDER BY _row) AS r FROM ${lakeTable(lake, 'activity_log')}`) : [{ r: [] }];
    const accepted = (stored[0].r as string[]).map(Number);
    expect(accepted).toHaveLength(r.rows_accepted);
    expect([...accepted, ...quarantine.map((q) => q.row)].sort((a, b) => a - b)).toEqual(starts);

    const byCode: Record<string, number> = {};
    for (const q of quarantine) {
      expect(q.errors.length).toBeGreaterThan(0);
      const codes = new Set(q.errors.map((e) => e.code));
      for (const c of codes) {
        expect(ERROR_CODES).toContain(c);
        byCode[c] = (byCode[c] ?? 0) + 1;
      }
      if (codes.has('ragged_row')) expect(q.errors).toHaveLength(1);
    }
    expect(r.rejected_by_code).toEqual(Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(text).toContain(VALID.activity_log.header);
    expect(JSON.stringify(quarantine)).not.toContain('3310012345678901');
  };
}
