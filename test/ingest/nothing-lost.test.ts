/**
 * SYSTEM.md "Nothing lost", property-based: for generated malformed files, every record is either
 * queryable once in the lake or in the quarantine with its reasons, and
 * rows_read = rows_accepted + rows_rejected.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { line, nothingLostCheck } from './nothing-lost-check.js';

const check = nothingLostCheck();

describe('nothing lost, on generated malformed activity_log files', () => {
  it('on one thread', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 0, maxLength: 120 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => check(lines, eol, { workers: 0 })),
      { numRuns: 25 },
    );
  }, 120_000);
});
