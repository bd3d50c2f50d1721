/**
 * Column positions of each dataset, read from the schema declaration: a generated row is an
 * array of cells in the schema's column order, and the header is the schema's column names.
 */
import type { ErrorCode } from '../../schemas/messages.js';
import { getDataset, type DatasetName } from '../../schemas/index.js';

/** One generated row: cells in `getDataset(name).columns` order; `invalid` = the error code it was built to fail with. */
export interface GeneratedRow {
  cells: string[];
  invalid: ErrorCode | null;
}

/** Canonical column names of a dataset, the header of every generated file. */
export function headerOf(dataset: DatasetName): string[] {
  return getDataset(dataset).columns.map((c) => c.name);
}

/** Columns the generator fills with free text (names, notes), which may hold commas and quotes. */
const FREE_TEXT: Record<DatasetName, readonly string[]> = {
  roster: ['full_name'],
  monthly_report: ['notes'],
  activity_log: ['description'],
  disbursement: [],
  kecamatan_profile: [],
};

/**
 * Per column: may a valid generated value need CSV quoting. Only free text can: every other
 * value the generator writes is an id, code, number or date.
 */
export function textColumnsOf(dataset: DatasetName): boolean[] {
  return headerOf(dataset).map((name) => FREE_TEXT[dataset].includes(name));
}

/** Index of each named column; throws when the schema lacks one (the generator is out of date). */
export function columnIndex<const N extends string>(dataset: DatasetName, names: readonly N[]): Record<N, number> & { width: number } {
  const header = headerOf(dataset);
  const out = { width: header.length } as Record<N, number> & { width: number };
  for (const name of names) {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`generator: dataset ${dataset} has no column ${name}`);
    (out as Record<string, number>)[name] = i;
  }
  return out;
}

/** An empty row of a dataset's width. */
export function emptyCells(width: number): string[] {
  return new Array<string>(width).fill('');
}

/** Cells keyed by column name, as `Dataset.validate` takes them. */
export function toRawCells(dataset: DatasetName, cells: readonly string[]): Record<string, string> {
  const header = headerOf(dataset);
  const out: Record<string, string> = {};
  header.forEach((name, i) => (out[name] = cells[i] ?? ''));
  return out;
}
