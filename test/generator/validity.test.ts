import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateRows, invalidCodesOf, toRawCells, type GenerateResult } from '../../functions/generator/index.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { ERROR_CODES, getDataset, type ErrorCode } from '../../schemas/index.js';
import { KUTAI_KARTANEGARA, NOW, readCsv } from './helpers.js';

const sample = { kabupaten: KUTAI_KARTANEGARA, months: 2, endPeriod: '2026-10', now: NOW, seed: 11 };

describe('generated rows against the schemas', () => {
  let dir: string;
  let result: GenerateResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkh-gen-valid-'));
    result = await generate({ ...sample, outDir: dir });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(DATASET_NAMES)('every %s row read back from the CSV passes validation at invalid-rate 0', async (d) => {
    // Prepare
    const records = await readCsv(result.files[d]);
    // Act
    const failures = records
      .map((r, i) => ({ line: i + 2, res: getDataset(d).validate(r, { now: NOW }) }))
      .filter((x) => !x.res.ok);
    // Assess
    expect(records.length).toBe(result.rows[d]);
    expect(records.length).toBeGreaterThan(0);
    expect(failures.slice(0, 3)).toEqual([]);
    expect(result.invalidRows[d]).toBe(0);
  });
});

describe('invalid rows', () => {
  it.each(DATASET_NAMES)('each invalid %s row fails with exactly its intended code, and valid rows still pass', (d) => {
    // Prepare
    const dataset = getDataset(d);
    const wrong: string[] = [];
    const seen = new Set<ErrorCode>();
    let invalid = 0;
    let total = 0;
    // Act
    for (const row of generateRows(d, { ...sample, invalidRate: 0.3 })) {
      total++;
      const res = dataset.validate(toRawCells(d, row.cells), { now: NOW });
      const codes = res.ok ? [] : [...new Set(res.errors.map((e) => e.code))];
      if (row.invalid === null) {
        if (!res.ok) wrong.push(`valid row failed: ${JSON.stringify(res.errors)}`);
        continue;
      }
      invalid++;
      seen.add(row.invalid);
      if (codes.length !== 1 || codes[0] !== row.invalid) wrong.push(`${row.invalid} gave [${codes}]: ${row.cells.join('|')}`);
    }
    // Assess
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(Math.abs(invalid - total * 0.3)).toBeLessThanOrEqual(1);
    expect([...seen].sort()).toEqual(invalidCodesOf(d).sort());
  });

  it('covers every error code of DATA.md except ragged_row across the five datasets', () => {
    // Act
    const codes = new Set(DATASET_NAMES.flatMap((d) => invalidCodesOf(d)));
    // Assess
    expect([...codes].sort()).toEqual(ERROR_CODES.filter((c) => c !== 'ragged_row').sort());
  });

  it('counts the invalid rows it wrote per code, and exactly those rows fail when read back', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'pkh-gen-invalid-'));
    try {
      // Act
      const r = await generate({ ...sample, months: 1, invalidRate: 0.05, outDir: dir });
      // Assess
      for (const d of DATASET_NAMES) {
        const failedByCode: Partial<Record<ErrorCode, number>> = {};
        for (const rec of await readCsv(r.files[d])) {
          const res = getDataset(d).validate(rec, { now: NOW });
          if (!res.ok) for (const code of new Set(res.errors.map((e) => e.code))) failedByCode[code] = (failedByCode[code] ?? 0) + 1;
        }
        expect(failedByCode, d).toEqual(r.invalidByCode[d]);
        expect(Object.values(failedByCode).reduce((a, b) => a + b, 0)).toBe(r.invalidRows[d]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
