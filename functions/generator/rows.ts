/**
 * Row-level API: the rows of any dataset for a set of kabupaten, as plain arrays of cells in
 * the schema's column order, each with the error code it was built to fail with (or null).
 */
import type { DatasetName } from '../../schemas/index.js';
import { activityLogRows } from './activity-log.js';
import type { GeneratedRow } from './columns.js';
import { disbursementRows } from './disbursement.js';
import { withInvalidRows } from './invalid.js';
import { kecamatanProfileRows } from './kecamatan-profile.js';
import { monthlyReportRows } from './monthly-report.js';
import { makeContext, resolveKabupaten, type ContextOptions } from './options.js';
import { rosterRows } from './roster.js';
import { buildWorld, type World } from './world.js';

const VALID_ROWS: Record<DatasetName, (w: World) => Iterable<GeneratedRow>> = {
  roster: rosterRows,
  monthly_report: monthlyReportRows,
  activity_log: activityLogRows,
  disbursement: disbursementRows,
  kecamatan_profile: kecamatanProfileRows,
};

/** Rows of one dataset for one kabupaten plan, invalid rows included at the context's rate. */
export function worldRows(dataset: DatasetName, w: World): Iterable<GeneratedRow> {
  return withInvalidRows(VALID_ROWS[dataset](w), dataset, w);
}

export interface RowOptions extends ContextOptions {
  /** Kabupaten codes, `all`, or province codes (see `resolveKabupaten`). */
  kabupaten: string | readonly string[];
}

/**
 * Rows of one dataset, kabupaten by kabupaten (code order), streamed.
 *
 * @example
 * for (const { cells, invalid } of generateRows('activity_log', { kabupaten: '64.02', months: 2, endPeriod: '2026-10', invalidRate: 0.05 })) {
 *   // cells follow getDataset('activity_log').columns; invalid is the ErrorCode the row must fail with
 * }
 */
export function* generateRows(dataset: DatasetName, opts: RowOptions): Generator<GeneratedRow> {
  const ctx = makeContext(opts);
  for (const code of resolveKabupaten(opts.kabupaten)) yield* worldRows(dataset, buildWorld(code, ctx));
}

/** `generateRows('activity_log', opts)`: the ingest benchmark's input. */
export function generateActivityLogRows(opts: RowOptions): Generator<GeneratedRow> {
  return generateRows('activity_log', opts);
}
