/**
 * The read side of the reports: for each report, the queries that fetch its inputs as of an
 * instant (engine-specific, through a QueryEngine), then its pure compute step. `build*` =
 * `read*Inputs` + `compute*`.
 */
import type { PkhConfig } from '../../lib/config.js';
import { UserError } from '../../lib/errors.js';
import { periodAdd } from '../../lib/localtime.js';
import type { QueryEngine } from '../../lib/query-engine/types.js';
import { desaOf, getKabupaten, kecamatanOf, timeZoneOf } from '../../lib/wilayah.js';
import { futurePeriodError, periodInFuture } from './as-of.js';
import { checkPeriod, type ReportOptions } from './common.js';
import { activityKabupaten } from './facilitators.js';
import {
  readActivityDays,
  readCoordination,
  readDisbursementMonths,
  readDisbursementWindow,
  readFirstSubmissions,
  readFirstSubmissionsNearby,
  readMonthlyReports,
  readProfiles,
  readReportedDays,
  readRoster,
  readRowsInPeriod,
} from './queries.js';
import { checkAllocation, computeRanking, rankingWindow, type AllocationOptions, type RankingInputs } from './ranking.js';
import type {
  ActivityDayRow,
  CoordinationRow,
  DisbursementMonthRow,
  FirstSubmissionRow,
  KabupatenReference,
  MonthlyReportRow,
  ReportedDaysRow,
  RosterRow,
} from './rows.js';
import { computeSanctions, streakMonths, type SanctionsInputs } from './sanctions.js';
import { computeScorecard, yearStart, type ScorecardInputs, type ScorecardRows } from './scorecard.js';
import type { RankingReport, SanctionsReport, ScorecardReport } from './types.js';

/** A kabupaten of the wilayah reference with its kecamatan and desa; a one-line UserError when unknown. */
export function kabupatenReference(code: string): KabupatenReference {
  const kab = getKabupaten(code);
  if (!kab) {
    throw new UserError(
      `Kabupaten "${code}" tidak ada di referensi wilayah; gunakan kode Kemendagri NN.NN, mis. 64.02 / Kabupaten "${code}" is not in the wilayah reference; use a Kemendagri code NN.NN, e.g. 64.02`,
      'unknown_kabupaten',
    );
  }
  return {
    code: kab.code,
    name: kab.name,
    zone: timeZoneOf(kab.code),
    kecamatan: kecamatanOf(kab.code).map((k) => ({
      code: k.code,
      name: k.name,
      desa: desaOf(k.code).map((d) => ({ code: d.code, name: d.name })),
    })),
  };
}

/** Checks kabupaten, period and as-of before any query: one-line UserErrors. */
function checked(opts: Pick<ReportOptions, 'kabupaten' | 'period' | 'asOf'>): KabupatenReference {
  checkPeriod(opts.period);
  const ref = kabupatenReference(opts.kabupaten);
  if (periodInFuture(opts.period, opts.asOf, ref.zone)) throw futurePeriodError(opts.period, opts.asOf, ref.zone);
  return ref;
}

/**
 * The reads the scorecard and sanctions list make, as functions of their arguments: the
 * engine's queries one kabupaten at a time (`engineReaders`), or a region's reads made once for
 * all its kabupaten (regions/region-reads.ts), which must return exactly the same rows.
 */
export interface Readers {
  roster(kabupaten: string): Promise<RosterRow[]>;
  monthlyReports(kabupaten: string, periods: readonly string[], asOf: number): Promise<MonthlyReportRow[]>;
  activityDays(kabupatenCodes: readonly string[], from: string, to: string, asOf: number): Promise<ActivityDayRow[]>;
  reportedDays(kabupatenCodes: readonly string[], from: string, to: string, asOf: number): Promise<ReportedDaysRow[]>;
  coordination(kabupaten: string, from: string, to: string, asOf: number): Promise<CoordinationRow[]>;
  disbursementMonths(kabupaten: string, from: string, to: string): Promise<DisbursementMonthRow[]>;
  firstSubmissions(kabupaten: string, from: string, to: string, asOf: number): Promise<FirstSubmissionRow[]>;
  firstSubmissionsNearby(kabupatenCodes: readonly string[], from: string, to: string, asOf: number): Promise<FirstSubmissionRow[]>;
}

/** The queries of queries.ts on `engine`, one kabupaten at a time. */
export function engineReaders(engine: QueryEngine): Readers {
  return {
    roster: (k) => readRoster(engine, k),
    monthlyReports: (k, ps, a) => readMonthlyReports(engine, k, ps, a),
    activityDays: (ks, f, t, a) => readActivityDays(engine, ks, f, t, a),
    reportedDays: (ks, f, t, a) => readReportedDays(engine, ks, f, t, a),
    coordination: (k, f, t, a) => readCoordination(engine, k, f, t, a),
    disbursementMonths: (k, f, t) => readDisbursementMonths(engine, k, f, t),
    firstSubmissions: (k, f, t, a) => readFirstSubmissions(engine, k, f, t, a),
    firstSubmissionsNearby: (ks, f, t, a) => readFirstSubmissionsNearby(engine, ks, f, t, a),
  };
}

/** Reads what the scorecard of `kabupaten` for `period` needs, as of `asOf` (epoch ms). */
export async function readScorecardInputs(
  engine: QueryEngine,
  kabupaten: string,
  period: string,
  config: PkhConfig,
  asOf: number,
  read: Readers = engineReaders(engine),
): Promise<ScorecardInputs> {
  const K = checked({ kabupaten, period, asOf }).code;
  const [rows, rowsInPeriod] = await Promise.all([readScorecardRows(engine, K, period, config, asOf, read), readRowsInPeriod(engine, K, period, asOf)]);
  return { ...rows, rowsInPeriod };
}

/** Reads the rows of the scorecard of `kabupaten` for `period`: all it needs but the rows_in_period counts. */
export async function readScorecardRows(
  engine: QueryEngine,
  kabupaten: string,
  period: string,
  config: PkhConfig,
  asOf: number,
  read: Readers = engineReaders(engine),
): Promise<ScorecardRows> {
  const ref = checked({ kabupaten, period, asOf });
  const K = ref.code;
  const P = period;
  const prevMonth = periodAdd(P, -1);
  const prevYear = periodAdd(P, -12);
  // The roster names the kabupaten whose activities count here; reads that do not need it start at once.
  const rosterRead = read.roster(K);
  // Activities and disbursements of P−1 and P are read together, P−12 alone. Coverage needs
  // each month's year from January; when P is January, P−1's year is P−12's, and one
  // coordination read covers all three months.
  const coverageFrom = yearStart(prevMonth);
  const separateYear = yearStart(prevYear) < coverageFrom;
  // Monthly reports of P, P−1 and P−12 come from every kabupaten ("whatever its kabupaten_code").
  const none = Promise.resolve([]);
  const [roster, [daysNow, daysYear], monthlyReports, coordNow, coordYear, disbNow, disbYear] = await Promise.all([
    rosterRead,
    rosterRead.then((rows) => {
      const kabupatenRead = activityKabupaten(rows, K, [P, prevMonth, prevYear], config);
      return Promise.all([read.activityDays(kabupatenRead, prevMonth, P, asOf), read.activityDays(kabupatenRead, prevYear, prevYear, asOf)] as const);
    }),
    read.monthlyReports(K, [P, prevMonth, prevYear], asOf),
    read.coordination(K, coverageFrom, P, asOf),
    separateYear ? read.coordination(K, yearStart(prevYear), prevYear, asOf) : none,
    read.disbursementMonths(K, prevMonth, P),
    read.disbursementMonths(K, prevYear, prevYear),
  ]);
  return {
    kabupaten: ref,
    roster,
    monthlyReports,
    activityDays: [...daysNow, ...daysYear],
    coordination: [...coordNow, ...coordYear],
    disbursement: [...disbNow, ...disbYear],
  };
}

/** Reads what the sanctions list of `kabupaten` for `period` needs, as of `asOf`. */
export async function readSanctionsInputs(
  engine: QueryEngine,
  kabupaten: string,
  period: string,
  config: PkhConfig,
  asOf: number,
  read: Readers = engineReaders(engine),
): Promise<SanctionsInputs> {
  const ref = checked({ kabupaten, period, asOf });
  const K = ref.code;
  const months = streakMonths(period);
  const first = months[months.length - 1];
  // The month asked is read from every kabupaten (a report counts whatever its kabupaten_code);
  // the eleven months before it only from K and where its facilitators are rostered, which the
  // roster says: the read that does not need it starts at once.
  const rosterRead = read.roster(K);
  const [roster, submissionsNow, [reportedDays, submissionsBefore]] = await Promise.all([
    rosterRead,
    read.firstSubmissions(K, period, period, asOf),
    rosterRead.then((rows) => {
      const nearby = activityKabupaten(rows, K, months, config);
      return Promise.all([
        read.reportedDays(nearby, first, period, asOf),
        read.firstSubmissionsNearby(nearby, first, periodAdd(period, -1), asOf),
      ] as const);
    }),
  ]);
  return { kabupaten: ref, roster, reportedDays, firstSubmissions: [...submissionsNow, ...submissionsBefore] };
}

/** Reads what the ranking of `kabupaten` for `period` needs (no dataset it reads is cut by the as-of instant). */
export async function readRankingInputs(engine: QueryEngine, kabupaten: string, period: string, asOf: number): Promise<RankingInputs> {
  const ref = checked({ kabupaten, period, asOf });
  const { from, to } = rankingWindow(period);
  const [profiles, disbursementWindow] = await Promise.all([
    readProfiles(engine, ref.code, Number(period.slice(0, 4))),
    readDisbursementWindow(engine, ref.code, from, to),
  ]);
  return { kabupaten: ref, profiles, disbursementWindow };
}

/**
 * Builds the scorecard of one kabupaten and period as of `opts.asOf`.
 *
 * @example
 * const report = await buildScorecard(engine, { kabupaten: '64.02', period: '2026-10', config, asOf: Date.now(), generatedAt: new Date().toISOString() });
 */
export async function buildScorecard(engine: QueryEngine, opts: ReportOptions): Promise<ScorecardReport> {
  return computeScorecard(await readScorecardInputs(engine, opts.kabupaten, opts.period, opts.config, opts.asOf), opts);
}

/** Builds the sanctions list of one kabupaten and period as of `opts.asOf`. */
export async function buildSanctions(engine: QueryEngine, opts: ReportOptions): Promise<SanctionsReport> {
  return computeSanctions(await readSanctionsInputs(engine, opts.kabupaten, opts.period, opts.config, opts.asOf), opts);
}

/** Builds the ranking of one kabupaten and period; with a budget and unit cost, the allocation too. */
export async function buildRanking(engine: QueryEngine, opts: ReportOptions, allocationOpts: AllocationOptions = {}): Promise<RankingReport> {
  checkAllocation(allocationOpts);
  return computeRanking(await readRankingInputs(engine, opts.kabupaten, opts.period, opts.asOf), opts, allocationOpts);
}
