/**
 * Reports as of an instant (REPORTS.md "Time of a report"): rows in, JSON out, at the boundaries
 * — exactly at the deadline, a day whose grace ends today, a row submitted exactly at A — and the
 * same JSON when a report as of A is run again after later uploads, on DuckDB and Athena.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_EXTRA_DAYS, workingDays } from '../../functions/lib/calendar.js';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { isUserError } from '../../functions/lib/errors.js';
import { AthenaEngine, DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildRanking, buildSanctions, buildScorecard, type ScorecardReport } from '../../functions/report/reports/index.js';
import { athenaBackedByDuckDb } from '../lib/query-engine/athena-mock.js';
import { TestLake } from './fixtures/test-lake.js';
import { KUKAR, activityRow, dailyActivities, monthlyRow, rosterRow, wita } from './fixtures/rows.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const P = '2026-11';
const NOV = workingDays(P, NO_EXTRA_DAYS); // Nov 2 (Mon) … Nov 30 (Mon), 21 days
/** The deadline of November's monthly report: 5 December, 23:59:59.000 WITA. */
const DEADLINE = wita('2026-12-05T23:59:59');
/** C's monthly report arrives at this instant. */
const C_SENT = wita('2026-12-04T12:00');
const opts = (asOf: number) => ({ kabupaten: KUKAR, period: P, config, asOf, generatedAt: '2026-12-20T00:00:00.000Z' });

/**
 * Kutai Kartanegara (WITA), November 2026; everyone rostered from 1 November (no earlier months).
 * A: every working day, monthly report 2 Dec. B: every working day, no monthly report (yet).
 * C: working days up to 13 Nov only, monthly report at C_SENT. D: nothing at all.
 */
async function writeBefore(lake: TestLake): Promise<void> {
  await lake.write('roster', ['A', 'B', 'C', 'D'].map((id) => rosterRow(id, { active_from: '2026-11-01' })));
  await lake.write('activity_log', [
    ...dailyActivities('A', NOV),
    ...dailyActivities('B', NOV),
    ...dailyActivities('C', NOV.filter((d) => d <= '2026-11-13')),
  ]);
  await lake.write('monthly_report', [
    monthlyRow('A', P, wita('2026-12-02T10:00'), { kpm_assigned: 10, kpm_verified: 5 }),
    monthlyRow('C', P, C_SENT, { kpm_assigned: 10, kpm_verified: 10 }),
  ]);
}

/** Uploads after the deadline: A's report corrected, B's report (late), C's missing days, A's Nov 2 re-dated to a Sunday. */
async function writeAfter(lake: TestLake): Promise<void> {
  await lake.write(
    'monthly_report',
    [
      monthlyRow('A', P, wita('2026-12-10T09:00'), { kpm_assigned: 10, kpm_verified: 10 }),
      monthlyRow('B', P, wita('2026-12-10T09:00')),
    ],
    { file: 'later', ingestedAt: '2026-12-10T02:00:00Z' },
  );
  await lake.write(
    'activity_log',
    [
      ...NOV.filter((d) => d > '2026-11-13').map((d) => activityRow(`C-${d}`, 'C', d, wita('2026-12-07T09:00'))),
      activityRow('A-2026-11-02', 'A', '2026-11-01', wita('2026-12-07T09:00')),
    ],
    { file: 'later', ingestedAt: '2026-12-07T02:00:00Z' },
  );
}

/** 100 × mean of min(1, n/d) over the indicators that are scored, from numerators and denominators. */
function expectedScore(ind: ScorecardReport['total']['indicators']): number {
  const rates = Object.values(ind)
    .filter((i) => i.status !== 'not_due' && i.denominator !== 0)
    .map((i) => Math.min(1, i.numerator / i.denominator));
  return Math.round((1000 * rates.reduce((a, b) => a + b, 0)) / rates.length) / 10;
}

describe('laporan per waktu A / reports as of an instant', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeBefore(lake);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });
  afterAll(async () => {
    await engine.close();
    await lake.dispose();
  });

  it('tepat pada tenggat: belum jatuh tempo, tak seorang pun rendah karena laporan bulanan / exactly at the deadline: not due, nobody low for the monthly report', async () => {
    // Act
    const sanctions = await buildSanctions(engine, opts(DEADLINE));
    const scorecard = await buildScorecard(engine, opts(DEADLINE));
    // Assess
    expect(sanctions).toMatchObject({ as_of: '2026-12-05T15:59:59.000Z', final: false, expected_count: 4, low_count: 2 });
    // C (10 of 21 days) and D (none) are low on their daily rate; B, without a monthly report, is not.
    expect(sanctions.facilitators.map((f) => [f.facilitator_id, f.monthly_report_status, f.working_days, f.reported_days])).toEqual([
      ['D', 'not_due', 21, 0],
      ['C', 'on_time', 21, 10],
    ]);
    const t = scorecard.total;
    expect(t.indicators.monthly_report_rate).toEqual({ value: 0.5, numerator: 2, denominator: 4, status: 'not_due', delta_prev_month: null, delta_prev_year: null });
    expect(t.indicators.monthly_report_on_time_rate).toMatchObject({ value: 0.5, status: 'not_due' });
    expect(t.indicators.daily_reporting_rate).toMatchObject({ numerator: 21 + 21 + 10, denominator: 84, status: 'red' });
    expect(t.score).toBe(expectedScore(t.indicators));
    expect(scorecard.kecamatan[0].indicators.monthly_report_rate.status).toBe('not_due');
    expect(scorecard.final).toBe(false);
  });

  it('satu milidetik setelah tenggat: jatuh tempo dan final / one millisecond after the deadline: due and final', async () => {
    const sanctions = await buildSanctions(engine, opts(DEADLINE + 1));
    const scorecard = await buildScorecard(engine, opts(DEADLINE + 1));
    expect(sanctions).toMatchObject({ as_of: '2026-12-05T15:59:59.001Z', final: true, low_count: 3 });
    expect(sanctions.facilitators.map((f) => [f.facilitator_id, f.monthly_report_status])).toEqual([
      ['D', 'missing'],
      ['C', 'on_time'],
      ['B', 'missing'],
    ]);
    const t = scorecard.total;
    expect(t.indicators.monthly_report_rate).toMatchObject({ value: 0.5, status: 'red' });
    expect(t.score).toBe(expectedScore(t.indicators));
    expect(t.score).not.toBe((await buildScorecard(engine, opts(DEADLINE))).total.score);
    expect(scorecard.final).toBe(true);
  });

  it('baris yang dikirim tepat pada A ikut, satu milidetik kemudian tidak / a row submitted exactly at A is kept', async () => {
    const at = await buildScorecard(engine, opts(C_SENT));
    const before = await buildScorecard(engine, opts(C_SENT - 1));
    expect(at.total.indicators.monthly_report_rate.numerator).toBe(2);
    expect(at.total.indicators.kpm_verification_rate).toMatchObject({ numerator: 15, denominator: 20 });
    expect(before.total.indicators.monthly_report_rate.numerator).toBe(1);
    expect(before.total.indicators.kpm_verification_rate).toMatchObject({ numerator: 5, denominator: 10 });
    expect(before.data_quality.rows_in_period.monthly_report).toBe(1);
  });

  it('pertengahan bulan: hanya hari tertutup; hari yang tenggangnya berakhir hari ini belum / mid-month: closed days only', async () => {
    // 15 Nov: Nov 13 + 2 = today, still open → closed days are Nov 2–12 (9).
    const on15 = await buildSanctions(engine, opts(wita('2026-11-15T10:00')));
    // 16 Nov: Nov 13 closed → Nov 2–13 (10); C reported all of them.
    const on16 = await buildSanctions(engine, opts(wita('2026-11-16T10:00')));
    expect(on15).toMatchObject({ final: false, low_count: 1 });
    expect(on15.facilitators[0]).toMatchObject({ facilitator_id: 'D', monthly_report_status: 'not_due', working_days: 9 });
    expect(on15.facilitators[0].missing_dates.at(-1)).toBe('2026-11-12');
    expect(on16.facilitators.map((f) => [f.facilitator_id, f.working_days, f.missing_dates.at(-1)])).toEqual([['D', 10, '2026-11-13']]);
    const card = await buildScorecard(engine, opts(wita('2026-11-16T10:00')));
    expect(card.total.indicators.daily_reporting_rate).toMatchObject({ numerator: 30, denominator: 40 });
    expect(card.total.indicators.monthly_report_rate).toMatchObject({ numerator: 0, status: 'not_due' });
  });

  it('periode yang dimulai setelah hari ini ditolak, satu baris / a period starting after today is refused', async () => {
    let err: unknown;
    try {
      await buildRanking(engine, { ...opts(wita('2026-10-31T23:59')) });
    } catch (e) {
      err = e;
    }
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toMatch(/2026-11.*2026-10-31 .* \/ Period 2026-11 has not started/);
    expect((err as Error).message).not.toContain('\n');
    await expect(buildRanking(engine, opts(wita('2026-11-01T00:00')))).resolves.toMatchObject({ final: false });
  });

  it('dijalankan lagi setelah unggahan berikutnya: JSON sama; DuckDB dan Athena sepakat / run again after later uploads: the same JSON, on both engines', async () => {
    // Prepare: the reports as of the deadline and mid-month, before the later uploads.
    const instants = [wita('2026-11-16T10:00'), DEADLINE, DEADLINE + 1];
    const before = [];
    for (const a of instants) before.push(await buildScorecard(engine, opts(a)), await buildSanctions(engine, opts(a)));
    // Act
    await writeAfter(lake);
    const fresh = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    const mock = athenaBackedByDuckDb(fresh, 5);
    const athena = new AthenaEngine({ client: mock.client, workgroup: 'pkh', database: 'pkh_lake', sleep: async () => undefined });
    try {
      const afterDuck = [];
      const afterAthena = [];
      for (const a of instants) {
        afterDuck.push(await buildScorecard(fresh, opts(a)), await buildSanctions(fresh, opts(a)));
        afterAthena.push(await buildScorecard(athena, opts(a)), await buildSanctions(athena, opts(a)));
      }
      // Assess
      expect(afterDuck).toEqual(before);
      expect(JSON.stringify(afterAthena)).toBe(JSON.stringify(before));
      // The later rows do count for a later instant: B's report arrived (late), C's days came in late.
      const later = await buildSanctions(fresh, opts(wita('2026-12-10T10:00')));
      expect(later.facilitators.map((f) => [f.facilitator_id, f.monthly_report_status])).toEqual([['D', 'missing']]);
    } finally {
      mock.restore();
      await fresh.close();
    }
  });
});
