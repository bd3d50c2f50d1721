/**
 * Deterministic synthetic data for Pantau PKH: the five datasets of DATA.md for any kabupaten,
 * realistic and consistent with each other, optionally with invalid rows of every kind.
 */
export { generate, type GenerateOptions, type GenerateProgress, type GenerateResult } from './generate.js';
export { generateRows, generateActivityLogRows, worldRows, type RowOptions } from './rows.js';
export { writeActivityLogCsv, type ActivityLogCsvOptions } from './bench-input.js';
export { headerOf, toRawCells, type GeneratedRow } from './columns.js';
export { invalidCodesOf } from './invalid.js';
export { makeContext, resolveKabupaten, previousMonth, type GeneratorContext, type OutputFormat, type SplitMode } from './options.js';
export { buildWorld, type World, type Facilitator, type KecamatanPlan } from './world.js';
export { csvLine, jsonLine } from './writer.js';
