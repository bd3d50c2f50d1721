/** Messages between the ingest pool and its worker threads. */
import type { DatasetName } from '../../lib/lake-layout.js';
import type { ReadLimits } from '../readers/index.js';
import type { ChunkResult } from '../chunk.js';
import type { PackedColumns } from '../packed.js';
import type { Compression } from '../encode.js';

/** Parse and validate one CSV chunk: the file's header bytes followed by the chunk's bytes. */
export interface ChunkJob {
  type: 'chunk';
  dataset: DatasetName;
  source: string;
  now: number;
  limits: ReadLimits;
  header: Uint8Array;
  bytes: Uint8Array;
  /** Added to the row numbers the reader gives inside header + chunk, to make them the file's. */
  lineOffset: number;
}

/** Encode packed rows of a dataset as Parquet. */
export interface EncodeJob {
  type: 'encode';
  dataset: DatasetName;
  rows: PackedColumns;
  compression: Compression;
}

export type Job = ChunkJob | EncodeJob;

export interface JobRequest {
  id: number;
  job: Job;
}

/** An error from a worker: a UserError keeps its code and message; anything else is a bug. */
export interface JobError {
  user: boolean;
  code?: string;
  message: string;
  stack?: string;
}

export type JobResponse =
  | { id: number; ok: true; chunk?: ChunkResult; parquet?: Uint8Array }
  | { id: number; ok: false; error: JobError };
