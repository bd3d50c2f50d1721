import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecords, type ReadLimits } from '../../../functions/ingest/readers/index.js';
import { collect, LIMITS, openPath, tempDir, userErrorOf } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => {
  await tmp.cleanup();
});

const MiB = 1024 * 1024;

/** Wraps a file stream and counts the bytes the reader actually pulled. */
function countingInput(name: string, path: string) {
  const counter = { bytes: 0 };
  return {
    counter,
    input: {
      name,
      stream: () =>
        (async function* () {
          for await (const chunk of createReadStream(path, { highWaterMark: MiB })) {
            counter.bytes += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
        })(),
    },
  };
}

describe('a 100 MB single line', () => {
  it('as a data row: one-line error naming the line, after reading only about the 16 MiB limit', async () => {
    const path = `${tmp.dir}/satu-baris.csv`;
    const out = createWriteStream(path);
    out.write('period,catatan\n2026-01,');
    const block = Buffer.alloc(MiB, 'x');
    for (let i = 0; i < 100; i++) if (!out.write(block)) await once(out, 'drain');
    out.end('\n');
    await once(out, 'finish');
    const { input, counter } = countingInput('satu-baris.csv', path);

    const file = await openRecords(input, LIMITS);
    const message = await userErrorOf(() => collect(file), 'satu-baris.csv');

    expect(message).toMatch(/Baris 2\b.*16 MiB.*Line 2\b/);
    expect(counter.bytes).toBeLessThan(20 * MiB);
  });

  it('as the header line: rejected at open without buffering the whole line', async () => {
    const block = Buffer.alloc(MiB, 'h');
    let pulled = 0;
    const input = {
      name: 'header-panjang.csv',
      stream: () =>
        (async function* () {
          for (let i = 0; i < 100; i++) {
            pulled += block.length;
            yield block;
          }
        })(),
    };

    const message = await userErrorOf(() => openRecords(input, LIMITS), 'header-panjang.csv');

    expect(message).toMatch(/Baris 1\b.*Line 1\b/);
    expect(pulled).toBeLessThan(20 * MiB);
  });

  it('honours a smaller maxLineBytes', async () => {
    const path = await tmp.file('kecil.csv', `a,b\n1,${'y'.repeat(5000)}\n`);

    const message = await userErrorOf(async () => collect(await openPath(path, 'kecil.csv', { maxLineBytes: 1000 })), 'kecil.csv');

    expect(message).toContain('Line 2');
  });
});

describe('file size and row limits', () => {
  it('rejects a declared size over maxFileBytes before opening the stream', async () => {
    let opened = false;
    const input = {
      name: 'besar.csv',
      size: 2_000,
      stream: () => {
        opened = true;
        return createReadStream('/nonexistent');
      },
    };

    const message = await userErrorOf(() => openRecords(input, { ...LIMITS, maxFileBytes: 1_000 }), 'besar.csv');

    expect(opened).toBe(false);
    expect(message).toContain('1000 byte');
  });

  it('rejects a file that turns out larger than maxFileBytes while reading (size unknown)', async () => {
    const path = await tmp.file('tumbuh.csv', 'a,b\n' + '1,2\n'.repeat(100_000));
    const limits: Partial<ReadLimits> = { maxFileBytes: 100_000 };

    const message = await userErrorOf(async () => collect(await openPath(path, 'tumbuh.csv', limits)), 'tumbuh.csv');

    expect(message).toContain('lebih besar dari batas');
  });

  it('accepts exactly maxRows data rows and rejects one more, naming the limit and the line', async () => {
    const exact = await tmp.file('pas.csv', 'a\n' + '1\n'.repeat(50));
    const over = await tmp.file('lebih.csv', 'a\n' + '1\n'.repeat(51));

    expect(await collect(await openPath(exact, 'pas.csv', { maxRows: 50 }))).toHaveLength(50);
    const message = await userErrorOf(async () => collect(await openPath(over, 'lebih.csv', { maxRows: 50 })), 'lebih.csv');

    expect(message).toMatch(/lebih dari 50 baris data.*baris 52\b.*more than 50 data rows.*line 52\b/);
  });

  it('does not count skipped empty lines against maxRows', async () => {
    const path = await tmp.file('jarang.csv', 'a\n' + '1\n\n\n'.repeat(10));

    const records = await collect(await openPath(path, 'jarang.csv', { maxRows: 10 }));

    expect(records).toHaveLength(10);
    expect(records.at(-1)!.row).toBe(29);
  });

  it('applies maxRows to JSONL lines too', async () => {
    const path = await tmp.file('lebih.jsonl', '{"a":1}\n'.repeat(11));

    const message = await userErrorOf(async () => collect(await openPath(path, 'lebih.jsonl', { maxRows: 10 })), 'lebih.jsonl');

    expect(message).toContain('line 11');
  });
});

describe('closing early', () => {
  it('stops the input stream when the caller stops iterating', async () => {
    const path = await tmp.file('berhenti.csv', 'a\n' + '1\n'.repeat(3_000_000));
    const { input, counter } = countingInput('berhenti.csv', path);

    const file = await openRecords(input, LIMITS);
    for await (const record of file.records) {
      expect(record.row).toBe(2);
      break;
    }

    expect(counter.bytes).toBeLessThan(3 * MiB);
    await file.close!();
  });
});
