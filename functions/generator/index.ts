/**
 * Deterministic synthetic data for Pantau PKH: the five datasets of DATA.md for any kabupaten,
 * realistic and consistent with each other, optionally with invalid rows of every kind.
 *
 * Output files (`generate`): `<out>/roster.csv`, `monthly_report.csv`, `activity_log.csv`,
 * `disbursement.csv`, `kecamatan_profile.csv` (`.jsonl` with format jsonl), one file per dataset
 * whatever the scale; with `split: 'kabupaten'`, `<out>/<dataset>/<dataset>-<NN.NN>.csv` (keeps
 * each file under the ingest row limit at national scale). Header = the schema's column names.
 *
 * Determinism: the same seed, kabupaten, months, end period and `now` give byte-identical files;
 * each kabupaten draws from its own seeded streams, so its rows do not depend on the others.
 * `now` matters only near the present: rows that would be sent after it are left out and stages
 * that would be paid after it are `proses`.
 */
export { generate, type GenerateOptions, type GenerateProgress, type GenerateResult } from './generate.js';
export { generateRows, generateActivityLogRows, worldRows, type RowOptions } from './rows.js';
export { writeActivityLogCsv, type ActivityLogCsvOptions } from './bench-input.js';
export { headerOf, toRawCells, type GeneratedRow } from './columns.js';
export { invalidCodesOf } from './invalid.js';
export { makeContext, resolveKabupaten, previousMonth, type GeneratorContext, type OutputFormat, type SplitMode } from './options.js';
export { buildWorld, type World, type Facilitator, type KecamatanPlan } from './world.js';
export { csvLine, jsonLine } from './writer.js';
