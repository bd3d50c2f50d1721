/**
 * Property 1 — nothing lost, never a crash (SYSTEM.md "Reliability and security"). Generated
 * uploads of every dataset (valid rows mutated cell by cell, blank lines, ragged rows, quotes and
 * line breaks in cells, unicode, BOM, Windows-1252, formula and <script> payloads, 16-digit
 * numbers, impossible dates, unknown and missing columns) go through the real `ingestFile` into a
 * FolderStore. Either the file is refused with one UserError line naming it and nothing is left
 * behind, or: rows_read = rows_accepted + rows_rejected = the non-blank data rows written; every
 * accepted row is in the lake exactly once with its values (read back by DuckDB); every rejected
 * row is in the quarantine with its reasons (codes of DATA.md, messages "id / en"), its raw cells
 * (NIK masked) and its line; rejected_by_code matches the quarantine; no NIK is stored.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../functions/lib/errors.js';
import type { IngestResult } from '../../functions/ingest/types.js';
import { ERROR_CODES, getDataset, type DatasetName } from '../../schemas/index.js';
import { expectationOf, filePlan, lakeRowOf, writeFile, type FilePlan, type Format } from './support/files.js';
import { ingestBytes, openDuck, readLake, readQuarantine, tempLake, type Duck } from './support/lake.js';
import { DATASET_NAMES_ALL } from './support/rows.js';
import { runs } from './support/runs.js';
import { maskedText, NIK_RUN } from './support/world.js';

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck?.close());

const RUNS: Record<Format, number> = { csv: runs(8), jsonl: runs(6), xlsx: runs(3) };

function describePlan(plan: FilePlan): string {
  const rows = plan.lines.filter((l) => l.kind === 'row').map((l) => (l.kind === 'row' ? l.mutations.join(' ') || '-' : ''));
  return `${plan.key} fault=${plan.fault} ${plan.encoding} delim=${JSON.stringify(plan.delimiter)} header=${JSON.stringify(plan.header.map((h) => h.text))} mutations=[${rows.join(' | ')}]`;
}

async function checkOneFile(plan: FilePlan): Promise<void> {
  const d = getDataset(plan.dataset);
  // Arrange
  const { bytes, written } = await writeFile(plan);
  const expected = expectationOf(plan, written);
  const lake = await tempLake();
  try {
    // Act
    let result: IngestResult | undefined;
    let error: unknown;
    try {
      result = await ingestBytes(lake.store, plan.dataset, plan.key, bytes, plan.chunkSizes);
    } catch (err) {
      error = err;
    }

    // Assess
    const where = describePlan(plan);
    if (error !== undefined && !isUserError(error)) throw new Error(`not a UserError (${String(error)}) for ${where}`, { cause: error });
    if (expected.kind === 'file_error') {
      expect(error, `expected the whole file refused (${expected.why}): ${where}`).toBeDefined();
      const message = (error as Error).message;
      expect(message).not.toMatch(/[\r\n]/);
      expect(message).toContain(plan.key);
      expect(message).toContain(' / ');
      for (const dir of ['lake', 'quarantine', 'manifests']) expect(existsSync(join(lake.root, dir)), `${dir} left behind: ${where}`).toBe(false);
      return;
    }
    if (error !== undefined) throw new Error(`file refused (${(error as Error).message}) but should be read: ${where}`);
    const r = result!;

    expect(r.rows_read, where).toBe(expected.rowsRead);
    expect(r.rows_read).toBe(r.rows_accepted + r.rows_rejected);
    expect(r.rows_accepted, where).toBe(expected.accepted.length);

    const quarantine = await readQuarantine(lake.root, r);
    expect(NIK_RUN.test(quarantine.text), `a NIK in the quarantine: ${where}`).toBe(false);
    expect(
      quarantine.lines.map((q) => ({ row: q.row, errors: q.errors.map((e) => ({ column: e.column, code: e.code })) })),
      where,
    ).toEqual(expected.rejected.map((x) => ({ row: x.row, errors: x.errors })));
    const byCode: Record<string, number> = {};
    quarantine.lines.forEach((q, i) => {
      expect(q.source).toBe(plan.key);
      expect(q.errors.length).toBeGreaterThan(0);
      for (const e of q.errors) {
        expect(ERROR_CODES).toContain(e.code);
        expect(e.message).toContain(' / ');
        expect(e.message).not.toMatch(/[\r\n]/);
      }
      for (const code of new Set(q.errors.map((e) => e.code))) byCode[code] = (byCode[code] ?? 0) + 1;
      const raw = expected.rejected[i].raw;
      if (raw) expect(q.raw, `raw cells of row ${q.row}: ${where}`).toEqual(raw);
    });
    expect(r.rejected_by_code).toEqual(byCode);

    const stored = await readLake(duck, lake.root, plan.dataset);
    expect(stored, where).toEqual(expected.accepted.map((a) => lakeRowOf(plan, a)));
    for (const row of stored) {
      for (const c of d.columns) {
        const v = row[c.name];
        if (typeof v !== 'string') continue;
        if (!c.maskNik) expect(v, `NIK stored in ${c.name}`).not.toMatch(/(^|\D)\d{16}(\D|$)/);
        if (c.maskNik) expect(v, `NIK stored in ${c.name}`).toBe(maskedText(v));
      }
    }

    const perPartition = new Map<string, number>();
    for (const row of stored) {
      const k = `${row.kabupaten_code}/${row.period ?? ''}`;
      perPartition.set(k, (perPartition.get(k) ?? 0) + 1);
    }
    expect(new Map(r.partitions.map((p) => [`${p.kabupaten_code}/${p.period ?? ''}`, p.rows]))).toEqual(perPartition);
    expect([...r.unknown_columns].sort()).toEqual([...expected.unknown].sort());
  } finally {
    await lake.dispose();
  }
}

describe.each(DATASET_NAMES_ALL)('ingest of generated %s uploads: nothing lost, never a crash', (name: DatasetName) => {
  it.each(['csv', 'jsonl', 'xlsx'] as Format[])('%s', async (format) => {
    await fc.assert(fc.asyncProperty(filePlan(name, format), checkOneFile), { numRuns: RUNS[format] });
  });
});
