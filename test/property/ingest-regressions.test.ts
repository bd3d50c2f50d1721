/**
 * Regressions for bugs the properties of this folder found (both fixed): each keeps its minimal
 * example and its property.
 *
 * 1. A count above 2^31 - 1 (a NIK typed into `jumlah_kpm`, say) passes validation — int columns
 *    have no upper bound — but is stored as Parquet int32: `ColumnBatch.push` throws a plain
 *    Error ("parquet: column "kpm_reached" expects a 32-bit integer number") and the WHOLE file
 *    fails, good rows included, with a stack trace instead of one UserError line or a rejected
 *    row. Either bound int32 columns (out_of_range) or store them as int64.
 * 2. CSV: a line of blank cells is skipped ("an empty line") only when its first cell is empty or
 *    starts with an ASCII space: `\u00a0,,,` is read as a row (rejected, `required` × n) while
 *    `,\u00a0,,` is skipped, and XLSX skips both. CsvEngine.push guards `isBlank` with
 *    `first.charCodeAt(0) <= 32`, but `isBlank` trims Unicode spaces too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset, type DatasetName } from '../../schemas/index.js';
import { ingestBytes, openDuck, readLake, readQuarantine, tempLake, type Duck } from './support/lake.js';
import { DATASET_NAMES_ALL, validRow } from './support/rows.js';
import { runs } from './support/runs.js';

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck?.close());

const INT32_MAX = 2_147_483_647;

function csvOf(name: DatasetName, rows: Record<string, string>[]): string {
  const cols = getDataset(name).columns.map((c) => c.name);
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => q(r[c] ?? '')).join(','))].join('\n') + '\n';
}

describe('regression: a count above 2^31 - 1 crashes the whole ingest', () => {
  it('minimal: activity_log with kpm_reached = a NIK; the other row is stored and the bad one is rejected or stored exactly', async () => {
    // Arrange
    const header = 'activity_id,facilitator_id,activity_date,kabupaten_code,kecamatan_code,desa_code,activity_type,kpm_reached,submitted_at';
    const csv = `${header}\nA1,PD-1,2026-01-05,64.02,64.02.01,,administrasi,3201234567890123,2026-01-05 10:00\nA2,PD-1,2026-01-05,64.02,64.02.01,,administrasi,3,2026-01-05 10:00\n`;
    const lake = await tempLake();
    try {
      // Act
      const r = await ingestBytes(lake.store, 'activity_log', 'aktivitas.csv', Buffer.from(csv));
      // Assess
      expect(r.rows_read).toBe(2);
      const stored = await readLake(duck, lake.root, 'activity_log');
      expect(stored.find((s) => s.activity_id === 'A2')?.kpm_reached).toBe(3);
      if (r.rows_rejected === 1) expect(r.rejected_by_code).toEqual({ out_of_range: 1 });
      else expect(stored.find((s) => s.activity_id === 'A1')?.kpm_reached).toBe(3201234567890123);
    } finally {
      await lake.dispose();
    }
  });

  /** int32 columns without an upper bound of their own (tahap 1–12 and year ≤ 2100 are bounded). */
  const unbounded = (n: DatasetName) => getDataset(n).columns.filter((c) => c.storage === 'int32' && (c.max === undefined || c.max >= INT32_MAX)).map((c) => c.name);

  it.each(DATASET_NAMES_ALL.filter((n) => unbounded(n).length > 0))(
    'property: %s — any int32 column set to a value in [2^31, 2^53) never crashes the file',
    async (name) => {
      const int32 = unbounded(name);
      await fc.assert(
        fc.asyncProperty(
          validRow(name),
          validRow(name),
          fc.constantFrom(...int32),
          fc.integer({ min: INT32_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
          async (bad, good, column, value) => {
            // Arrange
            const lake = await tempLake();
            try {
              const csv = csvOf(name, [{ ...bad.cells, [column]: String(value) }, good.cells]);
              // Act
              const r = await ingestBytes(lake.store, name, 'data.csv', Buffer.from(csv));
              // Assess
              expect(r.rows_read).toBe(2);
              const q = await readQuarantine(lake.root, r);
              const badRow = q.lines.find((l) => l.row === 2);
              if (badRow) expect(badRow.errors.map((e) => e.code)).toContain('out_of_range');
              else expect((await readLake(duck, lake.root, name)).find((s) => s._row === 2)?.[column]).toBe(value);
            } finally {
              await lake.dispose();
            }
          },
        ),
        { numRuns: runs(3) },
      );
    },
  );
});

describe('regression: a CSV line of blank cells counts as a row when its first cell starts with a Unicode space', () => {
  const width = getDataset('roster').columns.length;
  const good = 'PD-1,Ani,pendamping,64.02,64.02.01,,2025-01-01,';
  it.each(['\u00a0', '\u3000', '\u2003', '\ufeff'])('a blank-cells line holding %j in any one cell (all positions) is skipped like an empty line', async (space) => {
    for (let at = 0; at < width; at++) {
      // Arrange
      const blanks = Array.from({ length: width }, (_, i) => (i === at ? space : ''));
      const csv = `${getDataset('roster').columns.map((c) => c.name).join(',')}\n${good}\n${blanks.join(',')}\n`;
      const lake = await tempLake();
      try {
        // Act
        const r = await ingestBytes(lake.store, 'roster', 'roster.csv', Buffer.from(csv));
        // Assess: only the real row is read, wherever the space is (as XLSX does).
        expect(r.rows_read, `space in cell ${at + 1}`).toBe(1);
      } finally {
        await lake.dispose();
      }
    }
  });
});
