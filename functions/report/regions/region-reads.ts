/**
 * The reads a region makes once for all its kabupaten, instead of once per kabupaten: per
 * province (`kabupaten_code LIKE 'NN.%'`) or for the country (`LIKE '%'`), each row carrying the
 * kabupaten it belongs to, then split per kabupaten here. Each split equals what that
 * kabupaten's own query returns, row for row and in the same order (test/report/regions/
 * one-pass.test.ts compares the reports built both ways).
 */
import type { QueryEngine, SqlRow } from '../../lib/query-engine/types.js';
import { asOfParam } from '../reports/as-of.js';
import type { FirstSubmissionRow, MonthlyReportRow, RosterRow } from '../reports/rows.js';

/** More provinces than this are read in one national pass rather than one pass per province. */
const MAX_PROVINCE_PASSES = 4;

/** LIKE patterns covering `codes`: one per province, or the whole country. */
export function regionPatterns(codes: readonly string[]): string[] {
  const provinces = [...new Set(codes.map((c) => c.slice(0, 2)))].sort();
  return provinces.length > MAX_PROVINCE_PASSES ? ['%'] : provinces.map((p) => `${p}.%`);
}

/**
 * Runs `file` once per pattern. Rows of keyed reads (`key`) that two provinces' passes both
 * return are kept once, and the rows are put back in the order of the query's ORDER BY (the
 * key's), as one pass would give them.
 */
async function perPattern<T>(
  engine: QueryEngine,
  codes: readonly string[],
  file: string,
  params: (pattern: string) => (string | number)[],
  key?: (row: T) => string,
): Promise<T[]> {
  const patterns = regionPatterns(codes);
  const results = (await Promise.all(patterns.map((p) => engine.run(file, params(p))))) as SqlRow[][] as unknown as T[][];
  if (results.length === 1 || !key) return results.flat();
  const byKey = new Map<string, T>();
  for (const r of results.flat()) if (!byKey.has(key(r))) byKey.set(key(r), r);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** Kabupaten (of the region) where each facilitator has a stored roster row. */
function homesOf(rostered: ReadonlyMap<string, Set<string>>): Map<string, string[]> {
  const homes = new Map<string, string[]>();
  for (const [k, ids] of rostered) for (const id of ids) homes.set(id, [...(homes.get(id) ?? []), k]);
  return homes;
}

/** roster_facilitators of every kabupaten in `codes`, by kabupaten. */
export async function readRegionRosters(engine: QueryEngine, codes: readonly string[]): Promise<Map<string, RosterRow[]>> {
  const out = new Map<string, RosterRow[]>(codes.map((c) => [c, []]));
  const rows = await perPattern<RosterRow & { home_kabupaten: string }>(engine, codes, 'region_roster_facilitators', (p) => [p]);
  for (const { home_kabupaten, ...row } of rows) out.get(home_kabupaten)?.push(row);
  return out;
}

/** Facilitators with a stored roster row in each kabupaten (what the queries' roster subquery selects). */
export function rosteredIn(rosters: ReadonlyMap<string, RosterRow[]>): Map<string, Set<string>> {
  return new Map([...rosters].map(([k, rows]) => [k, new Set(rows.map((r) => r.facilitator_id))]));
}

/**
 * monthly_report_latest of every kabupaten in `codes` and every period in `periods` (at most
 * three), keyed `K|period`.
 */
export async function readRegionMonthlyReports(
  engine: QueryEngine,
  codes: readonly string[],
  periods: readonly string[],
  asOf: number,
  rostered: ReadonlyMap<string, Set<string>>,
): Promise<Map<string, MonthlyReportRow[]>> {
  if (periods.length < 1 || periods.length > 3) throw new Error(`readRegionMonthlyReports takes 1 to 3 periods, got ${periods.length}`);
  const slots = [...periods, ...Array<string>(3 - periods.length).fill(periods[0])];
  // ORDER BY period, facilitator_id
  const rows = await perPattern<MonthlyReportRow>(engine, codes, 'region_monthly_report_latest', (p) => [...slots, asOfParam(asOf), p, p], (r) => `${r.period}\u0000${r.facilitator_id}`);
  const out = new Map<string, MonthlyReportRow[]>();
  for (const K of codes) for (const P of periods) out.set(`${K}|${P}`, []);
  const homes = homesOf(rostered);
  for (const r of rows) {
    for (const K of new Set([r.kabupaten_code, ...(homes.get(r.facilitator_id) ?? [])])) out.get(`${K}|${r.period}`)?.push(r);
  }
  return out;
}

/** monthly_report_first_submission of every kabupaten in `codes` for `period` alone, by kabupaten. */
export async function readRegionFirstSubmissions(
  engine: QueryEngine,
  codes: readonly string[],
  period: string,
  asOf: number,
  rostered: ReadonlyMap<string, Set<string>>,
): Promise<Map<string, FirstSubmissionRow[]>> {
  // ORDER BY facilitator_id, period
  const rows = await perPattern<FirstSubmissionRow>(engine, codes, 'region_monthly_report_first_submission', (p) => [period, period, asOfParam(asOf), p], (r) => `${r.facilitator_id}\u0000${r.period}`);
  const out = new Map<string, FirstSubmissionRow[]>(codes.map((K) => [K, []]));
  const homes = homesOf(rostered);
  for (const r of rows) for (const K of homes.get(r.facilitator_id) ?? []) out.get(K)?.push(r);
  return out;
}
