/** Input file formats the ingest readers understand. */
export type FileFormat = 'csv' | 'jsonl' | 'xlsx';

/**
 * One data record of an input file, before any validation.
 *
 * - `row`: 1-based physical line (CSV, JSONL) or sheet row (XLSX) where the record starts. In CSV and
 *   XLSX the header is row 1, so the first data row right after it is row 2; in JSONL the first
 *   object line is row 1. Skipped empty lines still count in the numbering.
 * - `cells`: keyed by the header text as written in the file (trimmed, not normalised); values are
 *   raw strings, not trimmed. `null` value = no value (JSON `null`, an empty XLSX cell).
 *   `cells` is `null` when the record cannot be read as cells: see `ragged` and `invalidJson`.
 * - `ragged`: CSV only, the row has `got` cells while the header has `expected`.
 * - `invalidJson`: JSONL only, the line is not a JSON object.
 * - `duplicateKeys`: JSONL only, the object has these keys more than once (JSON.parse would keep
 *   the last value silently).
 * - `line`: JSONL only, with `invalidJson` or `duplicateKeys`: the line's text (trimmed), the only
 *   faithful record of what was written.
 */
export interface RawRecord {
  row: number;
  cells: Record<string, string | null> | null;
  ragged?: { expected: number; got: number };
  invalidJson?: true;
  duplicateKeys?: string[];
  line?: string;
}

/**
 * An input file opened for reading. `records` and `batches` read the same single-use stream:
 * consume exactly one of them, once. Errors about the file's content (row limit, unterminated
 * quote, line too long, ...) are thrown as `UserError` while iterating.
 */
export interface OpenedFile {
  format: FileFormat;
  /**
   * Header cells, trimmed, in file order. JSONL: the keys of the first object line (later
   * objects carry their own keys in `cells`, which may differ).
   */
  header: string[];
  records: AsyncIterable<RawRecord>;
  /** Same records grouped in batches (one per input chunk); cheaper than `records` per row. */
  batches?: AsyncIterable<RawRecord[]>;
  /**
   * Text encoding of a CSV/JSONL file. Starts as detected from the first bytes; switches to
   * 'windows-1252' while reading if invalid UTF-8 shows up later in the file.
   */
  encoding?: 'utf-8' | 'windows-1252';
  /** XLSX only: the workbook counts serial dates from 1904-01-01 (`<workbookPr date1904="1"/>`). */
  date1904?: boolean;
  /** CSV only: the field delimiter detected from the header line. */
  delimiter?: ',' | ';';
  /**
   * CSV only: the same rows as plain arrays, the cheapest way to read a big CSV (no object per
   * row). Ragged rows are included as they are (`values.length !== header.length`).
   */
  csvArrays?: AsyncIterable<CsvArrayBatch>;
  /** Releases the input stream and temporary files without reading further. Idempotent. */
  close?: () => Promise<void>;
}

/** A batch of CSV data rows as plain arrays: `rows[i]` is the line where `values[i]` starts. */
export interface CsvArrayBatch {
  rows: number[];
  values: string[][];
}

/** Size limits applied while reading; exceeding any of them is a `UserError`. */
export interface ReadLimits {
  maxFileBytes: number;
  /** Maximum number of data records (header excluded, skipped empty lines excluded). */
  maxRows: number;
  /** Maximum total uncompressed size of all entries of an XLSX (zip) file. */
  maxXlsxUncompressedBytes: number;
  /** Maximum bytes in one line/record of CSV or JSONL; default 16 MiB. */
  maxLineBytes?: number;
}

/** Where the bytes of an input file come from; `stream()` is called once per open. */
export interface ReaderInput {
  /** File name or object key, used for format detection and in every error message. */
  name: string;
  /** Size in bytes when known upfront (checked against `maxFileBytes` before reading). */
  size?: number;
  stream: () => NodeJS.ReadableStream | AsyncIterable<Uint8Array>;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
