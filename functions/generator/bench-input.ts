/** Inputs of the ingest benchmark: an activity_log CSV of an exact number of rows. */
import { headerOf, textColumnsOf } from './columns.js';
import { makeContext } from './options.js';
import { worldRows } from './rows.js';
import { buildWorld } from './world.js';
import { listKabupaten } from '../lib/wilayah.js';
import { RowFileWriter } from './writer.js';

export interface ActivityLogCsvOptions {
  /** Last month, default the month before the current one. */
  endPeriod?: string;
  /** Months per kabupaten, default 12. */
  months?: number;
  invalidRate?: number;
  now?: number;
}

/**
 * Writes exactly `rowCount` activity_log rows (plus the header) to `path`, taking kabupaten in
 * code order, 12 months each, until the count is reached (about 50,000 rows per kabupaten; the
 * whole country holds about 25 million).
 *
 * @example
 * await writeActivityLogCsv('bench/activity-1m.csv', 1_000_000, 1);
 */
export async function writeActivityLogCsv(
  path: string,
  rowCount: number,
  seed = 1,
  opts: ActivityLogCsvOptions = {},
): Promise<{ path: string; rows: number; invalidRows: number }> {
  const ctx = makeContext({ months: opts.months ?? 12, endPeriod: opts.endPeriod, seed, invalidRate: opts.invalidRate, now: opts.now });
  const writer = await RowFileWriter.open(path, headerOf('activity_log'), 'csv', textColumnsOf('activity_log'));
  let invalidRows = 0;
  try {
    for (const k of listKabupaten()) {
      for (const row of worldRows('activity_log', buildWorld(k.code, ctx))) {
        if (writer.rows >= rowCount) return { path, rows: writer.rows, invalidRows };
        const wait = writer.push(row.cells, row.invalid !== null);
        if (wait) await wait;
        if (row.invalid) invalidRows++;
      }
    }
    if (writer.rows < rowCount) throw new Error(`writeActivityLogCsv: the whole country gives only ${writer.rows} rows, fewer than ${rowCount}`);
    return { path, rows: writer.rows, invalidRows };
  } finally {
    await writer.close();
  }
}
