/**
 * The mixed line endings of `line-endings.test.ts` on the worker-thread path: every physical row
 * is read, counted and numbered as on the serial path, chunks cut at 4 KiB.
 */
import { describeLineEndings } from './line-endings-cases.js';

describeLineEndings('parallel', { workers: 2, parallelMinBytes: 0, parallelChunkBytes: 4096 });
