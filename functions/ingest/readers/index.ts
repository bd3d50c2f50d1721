/**
 * Streaming readers of ingest input files (CSV, JSON Lines, XLSX), DATA.md "Common rules":
 * they turn bytes into raw records keyed by header text, and reject files that cannot be read
 * with one clear `UserError` line. Validation of the cells is not done here.
 */
import { openCsv, openCsvArraysFromSource, type OpenedCsvArrays } from './csv.js';
import { detectFormat, isOle2 } from './detect.js';
import { openJsonl } from './jsonl.js';
import { errorsFor } from './messages.js';
import { ByteSource } from './source.js';
import { DEFAULT_MAX_LINE_BYTES, type OpenedFile, type ReaderInput, type ReadLimits } from './types.js';
import { openXlsx } from './xlsx.js';

export { detectFormat } from './detect.js';
export { DEFAULT_MAX_LINE_BYTES } from './types.js';
export type { CsvArrayBatch, FileFormat, OpenedFile, RawRecord, ReaderInput, ReadLimits } from './types.js';
export type { OpenedCsvArrays } from './csv.js';

/** Bytes needed to tell the formats apart by their magic numbers. */
const MAGIC_BYTES = 8;

async function openSource(input: ReaderInput, limits: ReadLimits) {
  const errors = errorsFor(input.name);
  if (input.size !== undefined && input.size > limits.maxFileBytes) throw errors.fileTooLarge(input.size, limits.maxFileBytes);
  const source = new ByteSource(input.stream(), limits.maxFileBytes, errors);
  try {
    const { bytes } = await source.peek((_chunk, total) => total >= MAGIC_BYTES);
    if (bytes.length === 0) throw errors.empty();
    if (isOle2(bytes)) throw errors.xls();
    return { errors, source, format: detectFormat(input.name, bytes) };
  } catch (err) {
    await source.close();
    throw err;
  }
}

/**
 * Opens an input file for streaming: detects its format (content first, so a workbook renamed
 * `.csv` is read as XLSX), checks the limits that can be checked before reading, and returns
 * its header and an async stream of raw records. Bad files are `UserError`s naming the file and
 * the line or row, thrown here or while iterating the records.
 *
 * @example
 * const file = await openRecords({ name: 'januari.csv', stream: () => fs.createReadStream(path) }, limits);
 * for await (const r of file.records) if (r.cells) validate(r.cells);
 */
export async function openRecords(input: ReaderInput, limits: ReadLimits): Promise<OpenedFile> {
  const { errors, source, format } = await openSource(input, limits);
  const maxLineBytes = limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  try {
    switch (format) {
      case 'csv':
        return await openCsv(source, errors, { maxRows: limits.maxRows, maxLineBytes });
      case 'jsonl':
        return await openJsonl(source, errors, { maxRows: limits.maxRows, maxLineBytes });
      case 'xlsx':
        return await openXlsx(source, errors, { maxRows: limits.maxRows, maxUncompressedBytes: limits.maxXlsxUncompressedBytes });
    }
  } catch (err) {
    await source.close();
    throw err;
  }
}

/**
 * Lower-level CSV reader for bulk ingest: header, then batches of `{rows, values}` arrays with
 * no object per row (ragged rows are included with their own length). Throws a UserError when
 * the input is not a CSV (e.g. an XLSX renamed `.csv`; use `openRecords` for any format).
 */
export async function openCsvArrays(input: ReaderInput, limits: ReadLimits): Promise<OpenedCsvArrays> {
  const { errors, source, format } = await openSource(input, limits);
  try {
    if (format !== 'csv') throw errors.notCsv(format);
    return await openCsvArraysFromSource(source, errors, { maxRows: limits.maxRows, maxLineBytes: limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES });
  } catch (err) {
    await source.close();
    throw err;
  }
}
