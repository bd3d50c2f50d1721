/**
 * JSON Lines rows that cannot be read as one plain object (issue 9): duplicate keys are not
 * resolved silently (the row is rejected `invalid_format`, naming the key), and a line that is
 * not JSON keeps its content in the quarantine as text, NIKs masked.
 */
import { describe, expect, it } from 'vitest';
import { ingestPath, lakeTable, openDuck, quarantineOf, rows, tempDir, VALID, withTempAndDuck } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
withTempAndDuck((t, d) => ((tmp = t), (duck = d)));

const A = VALID.activity_log;
const header = A.header.split(',');
/** Row i as a JSON object text, with `extra` appended raw (e.g. a second `"kpm_reached"`). */
function objectText(i: number, extra = ''): string {
  const cells = A.row(i).split(',');
  return `{${header.map((h, c) => `${JSON.stringify(h)}: ${JSON.stringify(cells[c])}`).join(', ')}${extra}}`;
}

describe('JSON Lines rows', () => {
  it('rejects an object with a key twice (also escaped, also nested, also an alias with its column) and keeps every line', async () => {
    const lines = [
      objectText(1),
      objectText(2, ', "kpm_reached": "8"'),
      objectText(3, ', "kpm_re\\u0061ched": "8"'),
      objectText(4, ', "lain": {"a": 1, "a": 2}'),
      objectText(5, ', "kode_kabupaten": "33.10"'),
      objectText(6),
    ];
    const lake = tmp.path('lake-dup');
    const result = await ingestPath('activity_log', await tmp.file('ganda.jsonl', lines.join('\n')), lake);
    expect(result.rows_read).toBe(6);
    expect(result.rows_accepted).toBe(2);
    expect(result.rejected_by_code).toEqual({ invalid_format: 4 });
    expect(await rows(duck.con, `SELECT _row FROM ${lakeTable(lake, 'activity_log')} ORDER BY _row`)).toEqual([{ _row: '1' }, { _row: '6' }]);
    const q = await quarantineOf(lake, result);
    expect(q.map((e) => [e.row, e.errors.map((x) => `${x.column}:${x.code}`)])).toEqual([
      [2, ['kpm_reached:invalid_format']],
      [3, ['kpm_reached:invalid_format']],
      [4, ['a:invalid_format']],
      [5, ['kabupaten_code:invalid_format']],
    ]);
    expect(q[0].errors[0].message).toMatch(/dua kali.* \/ .*twice/);
    // Both values are kept: the line as it was written.
    expect(q[0].raw).toEqual({ _line: lines[1] });
  });

  it('keeps a line that is not JSON as text in the quarantine, its NIK masked', async () => {
    const broken = '{"activity_id": "ACT-9", "description": "KPM 3201234567890001 pindah", "kpm_reached": 3';
    const lake = tmp.path('lake-bad');
    const result = await ingestPath('activity_log', await tmp.file('rusak.jsonl', [objectText(1), broken, 'teks biasa 3201 2345 6789 0001'].join('\n')), lake);
    expect(result.rows_read).toBe(3);
    expect(result.rows_rejected).toBe(2);
    const q = await quarantineOf(lake, result);
    expect(q[0].raw).toEqual({ _line: broken.replace('3201234567890001', '************0001') });
    expect(q[0].errors).toEqual([{ column: '', code: 'invalid_format', message: 'baris 2 bukan objek JSON / line 2 is not a JSON object' }]);
    expect(JSON.stringify(q)).not.toContain('3201234567890001');
    expect(q[1].row).toBe(3);
    expect(typeof q[1].raw._line).toBe('string');
  });
});
