/** Shared fixtures of the generator tests: a pinned "now" and a small, fast sample. */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { getDataset, type DatasetName, type Row } from '../../schemas/index.js';

/** The moment the tests pretend it is: 2026-11-23 10:00 WITA. */
export const NOW = Date.parse('2026-11-23T02:00:00Z');
export const KUTAI_KARTANEGARA = '64.02';

/** Parses a generated CSV into records keyed by header name. */
export async function readCsv(path: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Validates records and returns the typed rows, failing loudly on the first invalid one. */
export function typed(dataset: DatasetName, records: Record<string, string>[]): Row[] {
  const d = getDataset(dataset);
  return records.map((r, i) => {
    const res = d.validate(r, { now: NOW });
    if (!res.ok) throw new Error(`${dataset} row ${i + 2} invalid: ${JSON.stringify(res.errors)}`);
    return res.row;
  });
}
