/**
 * Property 1, bytes level — never a crash. Generated uploads are damaged byte by byte (cut short,
 * random bytes, NUL, stray quotes and line breaks, a UTF-16 BOM, swapped extensions, pure random
 * bytes) and go through the real `ingestFile`. Whatever the damage: either one UserError line
 * naming the file with nothing left behind, or a consistent result (rows_read = accepted +
 * rejected, quarantine and rejected_by_code agree, every row accounted for once, every stored row
 * fits the dataset's schema, no NIK in the quarantine). Never any other exception.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../functions/lib/errors.js';
import type { IngestResult } from '../../functions/ingest/types.js';
import { ERROR_CODES, getDataset, type DatasetName } from '../../schemas/index.js';
import { filePlan, writeFile, type Format } from './support/files.js';
import { ingestBytes, openDuck, readLake, readQuarantine, tempLake, type Duck } from './support/lake.js';
import { DATASET_NAMES_ALL } from './support/rows.js';
import { runs } from './support/runs.js';
import { NIK_RUN } from './support/world.js';

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck?.close());

type Damage =
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'repeat'; at: number; length: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.constantFrom<number[]>([0x22], [0x0a], [0x0d], [0x00], [0x2c, 0x22], [0x3b], [0xe9], [0xff, 0xfe], [0xc3], [0x7b], [0x5b]),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }),
    ),
  }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);

function damaged(bytes: Uint8Array, list: Damage[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const d of list) {
    const at = b.length === 0 ? 0 : d.at % (b.length + 1);
    if (d.kind === 'cut') b = b.subarray(0, at);
    else if (d.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(d.bytes), b.subarray(at)]);
    else if (d.kind === 'flip' && at < b.length) b = Buffer.concat([b.subarray(0, at), Buffer.from([d.byte]), b.subarray(at + 1)]);
    else if (d.kind === 'repeat') b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + d.length), b.subarray(at)]);
  }
  return b;
}

describe.each(DATASET_NAMES_ALL)('ingest of damaged %s uploads: never a crash', (name: DatasetName) => {
  it.each(['csv', 'jsonl', 'xlsx'] as Format[])('%s', async (format) => {
    const arb = fc.record({
      plan: filePlan(name, format),
      list: fc.array(damage, { minLength: 1, maxLength: 3 }),
      rename: fc.option(fc.constantFrom('csv', 'jsonl', 'xlsx', 'txt', 'CSV', 'dat'), { freq: 4 }),
      utf16: fc.boolean(),
      randomFile: fc.option(fc.uint8Array({ maxLength: 600 }), { freq: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ plan, list, rename, utf16, randomFile }) => {
        // Arrange
        const { bytes } = await writeFile(plan);
        let body = randomFile ?? damaged(bytes, list);
        if (utf16 && randomFile === null && list.length === 1) body = Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
        const key = rename === null ? plan.key : plan.key.replace(/\.\w+$/, `.${rename}`);
        const where = `${key}: ${randomFile ? 'random bytes' : JSON.stringify(list)}${utf16 ? ' +utf16 BOM' : ''}`;
        const lake = await tempLake();
        try {
          // Act
          let result: IngestResult | undefined;
          let error: unknown;
          try {
            result = await ingestBytes(lake.store, name, key, body, plan.chunkSizes);
          } catch (err) {
            error = err;
          }
          // Assess
          if (error !== undefined) {
            if (!isUserError(error)) throw new Error(`not a UserError (${String(error)}) for ${where}`, { cause: error });
            const message = error.message;
            expect(message).not.toMatch(/[\r\n]/);
            expect(message).toContain(key);
            expect(message).toContain(' / ');
            for (const dir of ['lake', 'quarantine', 'manifests']) expect(existsSync(join(lake.root, dir)), `${dir} left behind: ${where}`).toBe(false);
            return;
          }
          await checkConsistent(name, key, lake.root, result!, where);
        } finally {
          await lake.dispose();
        }
      }),
      { numRuns: format === 'xlsx' ? runs(3) : runs(6) },
    );
  });
});

async function checkConsistent(name: DatasetName, key: string, root: string, r: IngestResult, where: string): Promise<void> {
  const d = getDataset(name);
  expect(r.rows_read, where).toBe(r.rows_accepted + r.rows_rejected);
  const quarantine = await readQuarantine(root, r);
  expect(quarantine.lines.length, where).toBe(r.rows_rejected);
  expect(NIK_RUN.test(quarantine.text), `a NIK in the quarantine: ${where}`).toBe(false);
  const byCode: Record<string, number> = {};
  for (const q of quarantine.lines) {
    expect(q.source).toBe(key);
    expect(q.errors.length).toBeGreaterThan(0);
    for (const e of q.errors) {
      expect(ERROR_CODES).toContain(e.code);
      expect(e.message).toContain(' / ');
      expect(e.message).not.toMatch(/[\r\n]/);
    }
    for (const code of new Set(q.errors.map((e) => e.code))) byCode[code] = (byCode[code] ?? 0) + 1;
  }
  expect(r.rejected_by_code, where).toEqual(byCode);
  const stored = await readLake(duck, root, name);
  expect(stored.length, where).toBe(r.rows_accepted);
  const rows = [...stored.map((s) => s._row as number), ...quarantine.lines.map((q) => q.row)];
  expect(new Set(rows).size, `a row stored or quarantined twice: ${where}`).toBe(rows.length);
  for (const s of stored) {
    expect(s._source).toBe(key);
    const row = Object.fromEntries(d.columns.map((c) => [c.name, Object.is(s[c.name], -0) ? 0 : s[c.name]]));
    const parsed = d.rowSchema.safeParse(row);
    expect(parsed.success, `stored row breaks the schema: ${JSON.stringify(row)} ${where}`).toBe(true);
  }
}
