/**
 * Ingest: uploads (CSV, JSON Lines, XLSX) → validated, partitioned Parquet in the lake, rejected
 * rows in the quarantine, a manifest per source (SYSTEM.md "Lake layout").
 */
export { ingestFile } from './ingest.js';
export { ingestId, hashContent } from './identity.js';
export { objectKeyOf } from './object-writer.js';
export { DEFAULT_BUFFER_LIMITS, type BufferLimits } from './partition-buffers.js';
export type { QuarantineEntry } from './chunk.js';
export type {
  IngestOptions,
  IngestProgress,
  IngestResult,
  IngestSource,
  IngestSummary,
  IngestTuning,
  PartitionSummary,
} from './types.js';
