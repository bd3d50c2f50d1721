import { openCsvArrays, openRecords, type FileFormat, type ReaderInput, type ReadLimits } from './readers/index.js';
import type { Dataset } from '../../schemas/index.js';
import { ChunkBuilder, type ChunkResult } from './chunk.js';
import { resolveFileHeader, type ResolvedHeader } from './header.js';

/** Rows per chunk on the calling thread; fixed, so objects do not depend on how bytes arrive. */
export const SERIAL_CHUNK_ROWS = 16_384;

export interface SerialRun {
  dataset: Dataset;
  source: string;
  now: number;
  format: FileFormat;
  input: ReaderInput;
  limits: ReadLimits;
  onChunk: (chunk: ChunkResult) => Promise<void>;
}

/** Header problems reject the whole file; JSON Lines without any object have no header to check. */
function resolve(run: SerialRun, format: FileFormat, header: string[]): ResolvedHeader {
  if (format === 'jsonl' && header.length === 0) {
    return { columnIndex: new Int32Array(run.dataset.columns.length).fill(-1), unknown: [] };
  }
  return resolveFileHeader(run.dataset, header, run.source);
}

/**
 * Reads and validates a whole file on the calling thread, in chunks of {@link SERIAL_CHUNK_ROWS}
 * rows. Returns the header's unknown columns. File-level problems are thrown as UserErrors.
 */
export async function runSerial(run: SerialRun): Promise<string[]> {
  if (run.format === 'csv') {
    const file = await openCsvArrays(run.input, run.limits);
    let resolved: ResolvedHeader;
    try {
      resolved = resolve(run, 'csv', file.header);
    } catch (err) {
      await file.close();
      throw err;
    }
    const builder = new ChunkBuilder({ dataset: run.dataset, source: run.source, now: run.now, format: 'csv', header: file.header, resolved });
    for await (const batch of file.batches) {
      const { rows, values } = batch;
      for (let i = 0; i < rows.length; i++) {
        builder.addValues(values[i], rows[i]);
        if (builder.rowsRead >= SERIAL_CHUNK_ROWS) await run.onChunk(builder.finish());
      }
    }
    if (builder.rowsRead > 0) await run.onChunk(builder.finish());
    return resolved.unknown;
  }

  const file = await openRecords(run.input, run.limits);
  let resolved: ResolvedHeader;
  try {
    resolved = resolve(run, file.format, file.header);
  } catch (err) {
    await file.close?.();
    throw err;
  }
  const builder = new ChunkBuilder({ dataset: run.dataset, source: run.source, now: run.now, format: file.format, header: file.header, resolved, date1904: file.date1904 });
  const batches = file.batches ?? singleBatches(file.records);
  for await (const batch of batches) {
    for (const rec of batch) {
      builder.addRecord(rec);
      if (builder.rowsRead >= SERIAL_CHUNK_ROWS) await run.onChunk(builder.finish());
    }
  }
  if (builder.rowsRead > 0) await run.onChunk(builder.finish());
  return resolved.unknown;
}

async function* singleBatches<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}
