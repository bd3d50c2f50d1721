/**
 * The reads of a region's kabupaten made once for the whole region instead of once per
 * kabupaten: activities and disbursements in one pass per province (`kabupaten_code LIKE
 * 'NN.%'`), the roster and monthly reports in one pass for the region (`'%'` across provinces),
 * each row carrying its kabupaten, then split per kabupaten. `regionReaders` serves the
 * single-kabupaten read side (reports/build.ts `Readers`): the first kabupaten to ask for a read
 * with given arguments (period range, as-of instant) runs it for the whole region; the others
 * take their share. Each share equals what that kabupaten's own query returns, row for row and
 * in the same order (test/report/regions/one-pass.test.ts builds the reports both ways).
 *
 * Reads that depend on the set of partitions read (activity days, the months before P of the
 * monthly reports) are served from the region read only for a kabupaten that reads its own
 * partition alone (its facilitators rostered nowhere else); otherwise its own query runs.
 */
import { lastDay, periodAdd } from '../../lib/localtime.js';
import type { QueryEngine, SqlRow, SqlValue } from '../../lib/query-engine/types.js';
import { asOfParam } from '../reports/as-of.js';
import { engineReaders, type Readers } from '../reports/build.js';
import { padPeriods } from '../reports/queries.js';
import type { ActivityDayRow, CoordinationRow, DisbursementMonthRow, FirstSubmissionRow, MonthlyReportRow, ReportedDaysRow, RosterRow } from '../reports/rows.js';

/**
 * LIKE patterns covering `codes`: one per province, also for the whole country. One national
 * pass would be fewer queries, but a national read of activity_log or disbursement over
 * several months is well over the Athena workgroup's 1 GB scan cut-off; a province's stays under.
 */
export function regionPatterns(codes: readonly string[]): string[] {
  return [...new Set(codes.map(provincePattern))].sort();
}

/** The LIKE pattern of the province of a kabupaten code: '33.10' → '33.%'. */
function provincePattern(code: string): string {
  return `${code.slice(0, 2)}.%`;
}

/**
 * LIKE patterns for the reads of the small datasets (roster, monthly reports): one pass over
 * the whole country ('%') when `codes` span several provinces. Those reads take the whole
 * country's rows anyway (a month's reports, the national roster: a few MB), so one pass per
 * province would read them once per province (38 times for `all`).
 */
export function smallReadPatterns(codes: readonly string[]): string[] {
  const provinces = regionPatterns(codes);
  return provinces.length > 1 ? ['%'] : provinces;
}

type WithKabupaten<T> = T & { kabupaten_code: string };

/** Kabupaten (of the region) where each facilitator has a stored roster row. */
function homesOf(rostered: ReadonlyMap<string, Set<string>>): Map<string, string[]> {
  const homes = new Map<string, string[]>();
  for (const [k, ids] of rostered) for (const id of ids) homes.set(id, [...(homes.get(id) ?? []), k]);
  return homes;
}

/** The Readers of the kabupaten `codes` (validated, in any order), reading once per region. */
export function regionReaders(engine: QueryEngine, codes: readonly string[]): Readers {
  const own = engineReaders(engine);
  const wanted = new Set(codes);
  const [smallPattern] = smallReadPatterns(codes);
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) memo.set(key, (p = make()));
    return p;
  };

  /** Runs a read of the roster or monthly reports: one pass (see smallReadPatterns). */
  const runSmall = async <T>(file: string, params: (pattern: string) => SqlValue[]): Promise<T[]> =>
    (await engine.run(file, params(smallPattern))) as SqlRow[] as unknown as T[];

  /**
   * A read of activities or disbursements for kabupaten `k`: run once per province (memo `key`)
   * and split by kabupaten. Each kabupaten waits only for its own province's pass, so a region
   * of several provinces computes one province while DuckDB reads the next.
   */
  const perProvince = <T>(key: string, k: string, file: string, params: (pattern: string) => SqlValue[], drop: boolean): Promise<T[]> => {
    const pattern = provincePattern(k);
    return once(`${key}|${pattern}`, async () => split<T>((await engine.run(file, params(pattern))) as SqlRow[] as unknown as WithKabupaten<T>[], drop)).then(
      (byKabupaten) => byKabupaten.get(k) ?? [],
    );
  };

  /** Rows of a per-kabupaten read split by their kabupaten_code, the column dropped when `drop`. */
  function split<T>(rows: WithKabupaten<T>[], drop: boolean): Map<string, T[]> {
    const out = new Map<string, T[]>(codes.map((k) => [k, []]));
    for (const r of rows) {
      if (!wanted.has(r.kabupaten_code)) continue;
      if (drop) {
        const { kabupaten_code: _k, ...rest } = r;
        out.get(r.kabupaten_code)!.push(rest as T);
      } else out.get(r.kabupaten_code)!.push(r);
    }
    return out;
  }

  const rosters = (): Promise<Map<string, RosterRow[]>> =>
    once('roster', async () => {
      const out = new Map<string, RosterRow[]>(codes.map((c) => [c, []]));
      const rows = await runSmall<RosterRow & { home_kabupaten: string }>('region_roster_facilitators', (p) => [p]);
      for (const { home_kabupaten, ...row } of rows) out.get(home_kabupaten)?.push(row);
      return out;
    });
  /** Facilitators with a stored roster row in each kabupaten (what the queries' roster subquery selects). */
  const rostered = (): Promise<Map<string, Set<string>>> =>
    once('rostered', async () => new Map([...(await rosters())].map(([k, rows]) => [k, new Set(rows.map((r) => r.facilitator_id))])));
  const homes = (): Promise<Map<string, string[]>> => once('homes', async () => homesOf(await rostered()));
  /** Only kabupaten reading their own partition alone are served from a per-kabupaten region read. */
  const alone = (ks: readonly string[]): boolean => new Set(ks).size === 1 && wanted.has(ks[0]);
  const keepRostered = async <T extends { facilitator_id: string }>(k: string, rows: T[]): Promise<T[]> => {
    const ids = (await rostered()).get(k);
    return rows.filter((r) => ids?.has(r.facilitator_id));
  };

  return {
    async roster(k) {
      return wanted.has(k) ? (await rosters()).get(k)! : own.roster(k);
    },

    async monthlyReports(k, periods, asOf) {
      if (!wanted.has(k)) return own.monthlyReports(k, periods, asOf);
      const byKabupaten = await once(`monthlyReports|${periods.join(',')}|${asOf}`, async () => {
        // ORDER BY period, facilitator_id; kept per kabupaten when it names K or its facilitator is rostered in K.
        const rows = await runSmall<MonthlyReportRow>('region_monthly_report_latest', (p) => [...padPeriods(periods), asOfParam(asOf), p, p]);
        const out = new Map<string, MonthlyReportRow[]>(codes.map((c) => [c, []]));
        const h = await homes();
        for (const r of rows) for (const K of new Set([r.kabupaten_code, ...(h.get(r.facilitator_id) ?? [])])) out.get(K)?.push(r);
        return out;
      });
      return byKabupaten.get(k)!;
    },

    async activityDays(ks, from, to, asOf) {
      if (!alone(ks)) return own.activityDays(ks, from, to, asOf);
      return perProvince<ActivityDayRow>(
        `activityDays|${from}|${to}|${asOf}`,
        ks[0],
        'region_activity_days',
        (p) => [p, periodAdd(from, -1), periodAdd(to, 1), asOfParam(asOf), `${from}-01`, lastDay(to)],
        false,
      );
    },

    async reportedDays(ks, from, to, asOf) {
      if (!alone(ks)) return own.reportedDays(ks, from, to, asOf);
      return perProvince<ReportedDaysRow>(
        `reportedDays|${from}|${to}|${asOf}`,
        ks[0],
        'region_activity_reported_days',
        (p) => [p, periodAdd(from, -1), periodAdd(to, 1), asOfParam(asOf), `${from}-01`, lastDay(to)],
        false,
      );
    },

    async coordination(k, from, to, asOf) {
      if (!wanted.has(k)) return own.coordination(k, from, to, asOf);
      const rows = await perProvince<CoordinationRow>(
        `coordination|${from}|${to}|${asOf}`,
        k,
        'region_activity_coordination',
        (p) => {
          const range = [p, periodAdd(from, -1), periodAdd(to, 1)];
          return [...range, ...range, asOfParam(asOf)];
        },
        true,
      );
      return rows.filter((r) => r.period >= from && r.period <= to);
    },

    async disbursementMonths(k, from, to) {
      if (!wanted.has(k)) return own.disbursementMonths(k, from, to);
      return perProvince<DisbursementMonthRow>(
        `disbursementMonths|${from}|${to}`,
        k,
        'region_disbursement_kecamatan_month',
        (p) => [p, periodAdd(from, -1), periodAdd(to, 1), from, to],
        true,
      );
    },

    async firstSubmissions(k, from, to, asOf) {
      if (!wanted.has(k)) return own.firstSubmissions(k, from, to, asOf);
      const byKabupaten = await once(`firstSubmissions|${from}|${to}|${asOf}`, async () => {
        // ORDER BY facilitator_id, period
        const rows = await runSmall<FirstSubmissionRow>('region_monthly_report_first_submission', (p) => [from, to, asOfParam(asOf), p]);
        const out = new Map<string, FirstSubmissionRow[]>(codes.map((c) => [c, []]));
        const h = await homes();
        for (const r of rows) for (const K of h.get(r.facilitator_id) ?? []) out.get(K)?.push(r);
        return out;
      });
      return byKabupaten.get(k)!;
    },

    async firstSubmissionsNearby(ks, from, to, asOf) {
      if (!alone(ks)) return own.firstSubmissionsNearby(ks, from, to, asOf);
      const byKabupaten = await once(`firstNearby|${from}|${to}|${asOf}`, async () =>
        split<FirstSubmissionRow>(await runSmall('region_monthly_report_first_submission_nearby', (p) => [p, from, to, asOfParam(asOf)]), true),
      );
      return keepRostered(ks[0], byKabupaten.get(ks[0])!);
    },
  };
}
