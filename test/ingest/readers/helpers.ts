import { createReadStream } from 'node:fs';
import { expect } from 'vitest';
import { isUserError } from '../../../functions/lib/errors.js';
import { tempDir as sharedTempDir } from '../../support/temp.js';
import { openRecords, type OpenedFile, type RawRecord, type ReadLimits } from '../../../functions/ingest/readers/index.js';

export const LIMITS: ReadLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxRows: 1_000_000,
  maxXlsxUncompressedBytes: 256 * 1024 * 1024,
};

/** A temporary folder for one test file; removed by `cleanup()`. */
export const tempDir = () => sharedTempDir('pkh-readers-test-');

/** Opens a real file on disk the way ingest does (a fresh read stream). */
export function openPath(path: string, name: string, limits: Partial<ReadLimits> = {}): Promise<OpenedFile> {
  return openRecords({ name, stream: () => createReadStream(path, { highWaterMark: 64 * 1024 }) }, { ...LIMITS, ...limits });
}

export async function collect(file: OpenedFile): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of file.records) out.push(r);
  return out;
}

/** Runs `action`, expects a one-line UserError naming the file, and returns its message. */
export async function userErrorOf(action: () => Promise<unknown>, fileName: string): Promise<string> {
  let caught: unknown;
  try {
    await action();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected a UserError').toBeDefined();
  expect(isUserError(caught), `expected a UserError, got ${String(caught)}`).toBe(true);
  const message = (caught as Error).message;
  expect(message).not.toContain('\n');
  expect(message).not.toContain('\r');
  expect(message).toContain(fileName);
  expect(message).toContain(' / ');
  return message;
}
