/**
 * Property 3 — Parquet round trip. Random valid rows, (a) encoded directly with the project's
 * Parquet writer in the lake layout and (b) ingested for real from a JSON Lines upload, read back
 * by DuckDB `read_parquet(..., hive_partitioning, hive_types VARCHAR)` give exactly the values
 * DATA.md describes: dates 'YYYY-MM-DD', timestamps epoch ms, ints, booleans, unicode text,
 * nulls, partition values as text ('33.10', never 33.1).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeParquet } from '../../functions/lib/parquet/index.js';
import { datasetPrefix, partitionPrefix } from '../../functions/lib/lake-layout.js';
import { getDataset, type DatasetName, type Row } from '../../schemas/index.js';
import { ingestBytes, openDuck, readLake, readQuarantine, tempLake, type Duck, type StoredRow } from './support/lake.js';
import { DATASET_NAMES_ALL, partitionOfExpected, validRow, type GenRow } from './support/rows.js';
import { runs } from './support/runs.js';
import { NOW } from './support/world.js';

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck?.close());

const DIRECT_RUNS = runs(15);
const INGEST_RUNS = runs(8);

/** The row as the lake stores it: dataset columns, partition keys as text, lineage. */
function storedOf(name: DatasetName, row: Row, lineage: { _source: string; _row: number; _ingested_at: number }): StoredRow {
  const d = getDataset(name);
  const out: StoredRow = {};
  for (const c of d.storageColumns) out[c.name] = c.name in lineage ? lineage[c.name as keyof typeof lineage] : (row[c.name] ?? null);
  const p = partitionOfExpected(name, row);
  out.kabupaten_code = p.kabupaten_code;
  if (p.period !== undefined) out.period = p.period;
  return out;
}

/** A JSON value for a raw cell: text mostly; plain integers and booleans sometimes as JSON types; blanks as '', null or absent. */
function jsonCell(text: string, kind: string, style: number): unknown {
  if (text.trim() === '') return style % 3 === 0 ? null : style % 3 === 1 ? undefined : text;
  if (kind === 'int' && /^(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text)) && style % 2 === 0) return Number(text);
  if (kind === 'bool' && (text === 'true' || text === 'false') && style % 2 === 0) return text === 'true';
  return text;
}

function jsonlOf(name: DatasetName, rows: GenRow[], styles: number[], layout: { crlf: boolean; bom: boolean; blankBefore: boolean[] }): { text: string; lineOf: number[] } {
  const d = getDataset(name);
  const eol = layout.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  const lineOf: number[] = [];
  rows.forEach((r, i) => {
    if (layout.blankBefore[i % layout.blankBefore.length]) lines.push(i % 2 ? '' : '   ');
    const obj: Record<string, unknown> = {};
    d.columns.forEach((c, j) => {
      const v = jsonCell(r.cells[c.name], c.kind, styles[(i + j) % styles.length]);
      if (v !== undefined) obj[c.name] = v;
    });
    lines.push(JSON.stringify(obj));
    lineOf.push(lines.length);
  });
  return { text: (layout.bom ? '\ufeff' : '') + lines.join(eol) + eol, lineOf };
}

describe.each(DATASET_NAMES_ALL)('Parquet round trip of %s', (name) => {
  const d = getDataset(name);

  it('rows encoded in the lake layout read back from DuckDB with the same values and text partitions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validRow(name, 'any'), { minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: NOW }),
        async (rows, source, ingestedAt) => {
          // Arrange
          const lake = await tempLake();
          try {
            const expected = rows.map((r, i) => storedOf(name, r.expected, { _source: source, _row: i + 1, _ingested_at: ingestedAt }));
            const groups = new Map<string, Record<string, unknown>[]>();
            rows.forEach((r, i) => {
              const p = partitionOfExpected(name, r.expected);
              const dir = partitionPrefix(name, p).slice(datasetPrefix(name).length) || '.';
              const stored = { ...r.expected, _source: source, _row: i + 1, _ingested_at: ingestedAt };
              groups.set(dir, [...(groups.get(dir) ?? []), stored]);
            });
            // Act
            for (const [dir, group] of groups) {
              const folder = join(lake.root, 'lake', name, ...dir.split('/'));
              await mkdir(folder, { recursive: true });
              await writeFile(join(folder, 'part.parquet'), encodeParquet(d.storageColumns, group, { compression: 'snappy' }));
            }
            const back = await readLake(duck, lake.root, name);
            // Assess
            expect(back).toEqual(expected);
          } finally {
            await lake.dispose();
          }
        },
      ),
      { numRuns: DIRECT_RUNS },
    );
  });

  it('rows ingested from a JSON Lines upload read back from DuckDB exactly once, with lineage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validRow(name, 'any'), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
        fc.record({ crlf: fc.boolean(), bom: fc.boolean(), blankBefore: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }) }),
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 4 }),
        async (rows, styles, layout, chunkSizes) => {
          // Arrange
          const lake = await tempLake();
          const key = `incoming/${name}/unggah ${rows.length}.jsonl`;
          try {
            const { text, lineOf } = jsonlOf(name, rows, styles, layout);
            // Act
            const result = await ingestBytes(lake.store, name, key, Buffer.from(text, 'utf8'), chunkSizes);
            const back = await readLake(duck, lake.root, name);
            // Assess
            const quarantine = await readQuarantine(lake.root, result);
            expect(quarantine.lines).toEqual([]);
            expect({ read: result.rows_read, accepted: result.rows_accepted, rejected: result.rows_rejected }).toEqual({ read: rows.length, accepted: rows.length, rejected: 0 });
            const expected = rows.map((r, i) => storedOf(name, r.expected, { _source: key, _row: lineOf[i], _ingested_at: NOW }));
            expect(back).toEqual(expected);
          } finally {
            await lake.dispose();
          }
        },
      ),
      { numRuns: INGEST_RUNS },
    );
  });
});
