/** The pure report cores, rows in and JSON out, without a lake: a not-yet-due month in milliseconds. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { kabupatenReference } from '../../functions/report/reports/build.js';
import { computeSanctions, computeScorecard, computeScorecardBody, computeScorecardParts } from '../../functions/report/reports/index.js';
import { figuresOf } from '../../functions/report/regions/region-scorecard.js';
import type { ActivityDayRow, MonthlyReportRow, RosterRow } from '../../functions/report/reports/rows.js';
import { KUKAR, wita } from './fixtures/rows.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const kabupaten = kabupatenReference(KUKAR);
const roster = (id: string): RosterRow => ({
  facilitator_id: id, full_name: `N ${id}`, role: 'pendamping', kabupaten_code: KUKAR, kecamatan_code: `${KUKAR}.01`,
  supervisor_id: null, active_from: '2026-11-01', active_to: null,
});
const day = (id: string, date: string): ActivityDayRow => ({ facilitator_id: id, kabupaten_code: KUKAR, activity_date: date, first_submitted_at: wita(`${date}T17:00`) });
const report = (id: string, at: number): MonthlyReportRow => ({
  period: '2026-11', facilitator_id: id, kabupaten_code: KUKAR, kecamatan_code: `${KUKAR}.01`, submitted_at: at, first_submitted_at: at,
  kpm_assigned: 4, kpm_verified: 3, p2k2_kpm_attended: 2, dtks_updates: 1, complaints_received: 0, complaints_resolved: 0, graduations: 0,
});

describe('computeScorecard / computeSanctions dari baris / from rows', () => {
  // A reported Nov 2–4 and sent the monthly report; B nothing. As of 9 Nov 10:00 WITA: closed days Nov 2–6.
  const asOf = wita('2026-11-09T10:00');
  const opts = { period: '2026-11', config, asOf, generatedAt: 'x' };
  const rows = { kabupaten, roster: [roster('A'), roster('B')], activityDays: ['2026-11-02', '2026-11-03', '2026-11-04'].map((d) => day('A', d)) };

  it('kartu kinerja: indikator bulanan not_due dan tak dinilai / scorecard: monthly indicators not_due and not scored', () => {
    const card = computeScorecard(
      { ...rows, monthlyReports: [report('A', wita('2026-11-08T10:00'))], coordination: [], disbursement: [], rowsInPeriod: { monthly_report: 1, activity_log: 3, disbursement: 0 } },
      opts,
    );
    const t = card.total.indicators;
    expect(card).toMatchObject({ as_of: '2026-11-09T02:00:00.000Z', final: false });
    expect(t.monthly_report_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, status: 'not_due' });
    expect(t.daily_reporting_rate).toMatchObject({ numerator: 3, denominator: 10, value: 0.3, status: 'red' });
    expect(t.kpm_verification_rate).toMatchObject({ numerator: 3, denominator: 4 });
    expect(card.data_quality.rows_in_period).toEqual({ monthly_report: 1, activity_log: 3, disbursement: 0 });
  });

  it('daftar sanksi: peringatan dini atas hari tertutup saja / sanctions: early warning on closed days only', () => {
    // Days 2, 3 and 4 of November as bits.
    const reportedDays = [{ facilitator_id: 'A', kabupaten_code: KUKAR, month: '2026-11-01', days: 0b1110 }];
    const list = computeSanctions({ kabupaten, roster: rows.roster, reportedDays, firstSubmissions: [] }, opts);
    expect(list).toMatchObject({ final: false, expected_count: 2, low_count: 2 });
    expect(list.facilitators.map((f) => [f.facilitator_id, f.monthly_report_status, f.working_days, f.reported_days, f.missing_dates])).toEqual([
      ['B', 'not_due', 5, 0, ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']],
      ['A', 'not_due', 5, 3, ['2026-11-05', '2026-11-06']],
    ]);
  });
});

describe('computeScorecardParts: total P−1 dan P−12 dari baris bulan P / P−1 and P−12 totals from P\'s rows', () => {
  // October: A reports Oct 1–2 and sends the monthly report late; November as above. As of 9 Nov 10:00 WITA,
  // October is closed and due, November is not due yet.
  const asOf = wita('2026-11-09T10:00');
  const roster2 = [{ ...roster('A'), active_from: '2026-10-01' }, { ...roster('B'), active_from: '2026-10-01' }];
  const october = { ...report('A', wita('2026-11-07T10:00')), period: '2026-10', kpm_verified: 1 };
  const rows = {
    kabupaten,
    roster: roster2,
    activityDays: ['2026-10-01', '2026-10-02', '2026-11-02', '2026-11-03'].map((d) => day('A', d)),
    monthlyReports: [report('A', wita('2026-11-08T10:00')), october],
    coordination: [],
    disbursement: [],
  };
  const opts = (period: string) => ({ period, config, asOf, generatedAt: 'x' });

  it('sama dengan total kartu kinerja bulan itu sendiri / equals that month\'s own scorecard total', () => {
    const parts = computeScorecardParts(rows, opts('2026-11'));
    const nov = { score: parts.body.total.score, figures: figuresOf(parts.body.total) };
    const oct = parts.prevMonth;
    for (const [period, got] of [['2026-11', nov], ['2026-10', oct], ['2025-11', parts.prevYear]] as const) {
      const own = computeScorecard({ ...rows, rowsInPeriod: { monthly_report: 0, activity_log: 0, disbursement: 0 } }, opts(period)).total;
      expect(got.score).toBe(own.score);
      expect(got.figures).toEqual(figuresOf(own));
    }
    // October is due (its monthly indicators are scored), November is not: the two differ.
    expect(oct.figures.rates.monthly_report_rate).toEqual({ num: 1, den: 2 });
    expect(oct.figures.rates.daily_reporting_rate.num).toBe(2);
    expect(nov.score).not.toBe(oct.score);
  });

  it('badan kartu kinerja = kartu kinerja tanpa data_quality / the body is the scorecard without data_quality', () => {
    const { data_quality: _, ...whole } = computeScorecard({ ...rows, rowsInPeriod: { monthly_report: 1, activity_log: 2, disbursement: 0 } }, opts('2026-11'));
    expect(computeScorecardBody(rows, opts('2026-11'))).toEqual(whole);
  });
});

describe('fakta koordinasi yang dikelompokkan / grouped coordination facts', () => {
  // One desa first coordinated in March 2026; three meeting days in November in the first kecamatan.
  const kec = kabupaten.kecamatan[0];
  const desa = kec.desa[0].code;
  const coordination = [
    { activity_type: 'koordinasi_desa' as const, kecamatan_code: kec.code, desa_code: desa, period: '2026-03', meeting_days: 0 },
    { activity_type: 'koordinasi_kecamatan' as const, kecamatan_code: kec.code, desa_code: null, period: '2026-11', meeting_days: 3 },
  ];
  const rows = { kabupaten, roster: [], activityDays: [], monthlyReports: [], coordination, disbursement: [] };
  const at = (period: string) =>
    computeScorecardBody(rows, { period, config, asOf: wita('2026-12-20T10:00'), generatedAt: 'x' }).kecamatan.find((k) => k.kecamatan_code === kec.code)!;

  it('desa tercakup dari bulan pertamanya sampai Desember / a desa is covered from its first month to December', () => {
    expect(at('2026-02').indicators.desa_coordination_coverage.numerator).toBe(0);
    expect(at('2026-03').indicators.desa_coordination_coverage.numerator).toBe(1);
    expect(at('2026-11').indicators.desa_coordination_coverage.numerator).toBe(1);
    expect(at('2026-11').desa_not_covered.map((d) => d.desa_code)).not.toContain(desa);
  });

  it('hari rapat kecamatan hanya pada bulannya / meeting days count in their month only', () => {
    expect(at('2026-11').counts.kecamatan_meeting_days).toMatchObject({ value: 3, delta_prev_month: 3 });
    expect(at('2026-10').counts.kecamatan_meeting_days.value).toBe(0);
  });
});
