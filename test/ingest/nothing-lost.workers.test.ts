/**
 * SYSTEM.md "Nothing lost" on generated malformed activity_log files split across worker threads
 * in tiny chunks: the same check as `nothing-lost.test.ts` on the parallel path.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { line, nothingLostCheck } from './nothing-lost-check.js';

const check = nothingLostCheck();

describe('nothing lost, on generated malformed activity_log files', () => {
  it('split across worker threads in tiny chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 200 }), fc.constantFrom('\n', '\r\n'), (lines, eol) =>
        check(lines, eol, { workers: 2, parallelMinBytes: 0, parallelChunkBytes: 512 }),
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});
