import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { wita } from './fixtures/rows.js';
import {
  dailyFigures,
  expectedFacilitators,
  indexReportedDays,
  monthlyStatus,
  reportedFigures,
  reportedOn,
  rosteredIds,
} from '../../functions/report/reports/facilitators.js';
import { monthlyDeadlineMs } from '../../functions/report/reports/as-of.js';
import type { RosterRow } from '../../functions/report/reports/queries.js';

const cfg = structuredClone(DEFAULT_CONFIG) as PkhConfig;
function row(id: string, over: Partial<RosterRow> = {}): RosterRow {
  return {
    facilitator_id: id, full_name: `N ${id}`, role: 'pendamping', kabupaten_code: '64.02', kecamatan_code: '64.02.01',
    supervisor_id: null, active_from: '2025-01-01', active_to: null, ...over,
  };
}

describe('expectedFacilitators', () => {
  it('aktif di periode, peran yang diharapkan, kabupaten ini saja / active rows with an expected role in K', () => {
    // Prepare
    const roster = [
      row('A'),
      row('B', { role: 'korkab', kecamatan_code: null }),
      row('C', { active_to: '2026-09-30' }),
      row('D', { active_from: '2026-11-01' }),
      row('E', { kabupaten_code: '64.03', kecamatan_code: '64.03.01' }),
      row('F', { active_to: '2026-10-01' }),
    ];
    // Act
    const ids = expectedFacilitators(roster, '64.02', '2026-10', cfg).map((f) => f.facilitator_id);
    // Assess
    expect(ids).toEqual(['A', 'F']);
  });

  it('pindah kecamatan: kecamatan dari baris active_from terbesar, hari kerja dari gabungan baris / moving facilitator', () => {
    const roster = [
      row('M', { active_to: '2026-10-09', full_name: 'Lama' }),
      row('M', { active_from: '2026-10-20', kecamatan_code: '64.02.02', full_name: 'Baru', supervisor_id: 'S2' }),
    ];
    const [m] = expectedFacilitators(roster, '64.02', '2026-10', cfg);
    expect(m).toMatchObject({ kecamatan_code: '64.02.02', full_name: 'Baru', supervisor_id: 'S2' });
    // Oct 1–9 (7 working days) + Oct 20–30 (9 working days); the gap Oct 12–19 is not theirs.
    expect(m.working_days).toHaveLength(16);
    expect(m.working_days).not.toContain('2026-10-12');
  });

  it('peran korkab ikut bila dikonfigurasi / configured roles count', () => {
    const withKorkab = { ...cfg, expected_roles: ['pendamping', 'korkab'] as PkhConfig['expected_roles'] };
    expect(expectedFacilitators([row('B', { role: 'korkab', kecamatan_code: null })], '64.02', '2026-10', withKorkab)).toHaveLength(1);
  });

  it('daftar SDM aktif apa pun perannya / rostered ids whatever the role', () => {
    expect([...rosteredIds([row('B', { role: 'korwil' }), row('C', { active_to: '2026-09-30' })], '64.02', '2026-10')]).toEqual(['B']);
  });
});

describe('dailyFigures', () => {
  const f = { facilitator_id: 'A', full_name: '', role: 'pendamping', kecamatan_code: null, supervisor_id: null, working_days: ['2026-10-01', '2026-10-02', '2026-10-05'] };

  it('tepat waktu sampai tanggal lokal d + 2 / on time up to local date d + grace_days', () => {
    // Prepare
    const days = new Map([
      ['2026-10-01', wita('2026-10-03T23:59:59')],
      ['2026-10-02', wita('2026-10-05T00:00')],
      ['2026-10-04', wita('2026-10-04T10:00')],
    ]);
    // Act
    const out = dailyFigures(f, days, 'WITA', cfg, '2026-12-01');
    // Assess
    expect(out).toEqual({ working_days: 3, reported_days: 2, on_time_days: 1, missing_dates: ['2026-10-05'] });
  });

  it('hari yang masa tenggangnya berakhir hari ini belum ditutup / a day whose grace ends today is not closed', () => {
    const days = new Map([['2026-10-01', wita('2026-10-01T17:00')]]);
    // Oct 2 + 2 = Oct 4 = today: open, neither counted nor missing; Oct 1 + 2 = Oct 3 < today: closed.
    expect(dailyFigures(f, days, 'WITA', cfg, '2026-10-04')).toEqual({ working_days: 1, reported_days: 1, on_time_days: 1, missing_dates: [] });
    // Oct 5 + 2 = Oct 7 = today: Oct 5 open, Oct 2 closed and missing.
    expect(dailyFigures(f, new Map(), 'WITA', cfg, '2026-10-07')).toEqual({ working_days: 2, reported_days: 0, on_time_days: 0, missing_dates: ['2026-10-01', '2026-10-02'] });
    expect(dailyFigures(f, new Map(), 'WITA', cfg, '2026-10-08').missing_dates).toEqual(f.working_days);
  });
});

describe('hari dilaporkan sebagai bit per bulan / reported days as bits per month', () => {
  const f = { facilitator_id: 'A', full_name: '', role: 'pendamping', kecamatan_code: null, supervisor_id: null, working_days: ['2026-10-01', '2026-10-02', '2026-10-30'] };

  it('bit d−1 = hari d; bulan yang terbaca dua kali digabung / bit d−1 is day d; a month read twice is joined', () => {
    // Day 1 from one kabupaten, day 31 (the highest bit) from another; October 2026 has 31 days.
    const days = indexReportedDays([
      { facilitator_id: 'A', kabupaten_code: '64.02', month: '2026-10-01', days: 0b1 },
      { facilitator_id: 'A', kabupaten_code: '64.03', month: '2026-10-01', days: 2 ** 30 },
      { facilitator_id: 'A', kabupaten_code: '64.02', month: '2026-11-01', days: 0b10 },
    ]).get('A');
    expect(['2026-10-01', '2026-10-02', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'].filter((d) => reportedOn(days, d))).toEqual([
      '2026-10-01',
      '2026-10-31',
      '2026-11-02',
    ]);
    expect(reportedOn(undefined, '2026-10-01')).toBe(false);
  });

  it('reportedFigures = dailyFigures tanpa tepat waktu / reportedFigures is dailyFigures without on-time', () => {
    const days = indexReportedDays([{ facilitator_id: 'A', kabupaten_code: '64.02', month: '2026-10-01', days: 0b11 }]).get('A');
    const reported = reportedFigures(f, (d) => reportedOn(days, d), cfg, '2026-12-01');
    expect(reported).toEqual({ working_days: 3, reported_days: 2, missing_dates: ['2026-10-30'] });
    const { on_time_days: _, ...daily } = dailyFigures(f, new Map([['2026-10-01', 0], ['2026-10-02', 0]]), 'WITA', cfg, '2026-12-01');
    expect(reported).toEqual(daily);
  });
});

describe('monthlyStatus', () => {
  it('23:59:59 hari ke-5 tepat waktu, satu detik kemudian terlambat / the deadline second', () => {
    const deadline = monthlyDeadlineMs('2026-12', 'WITA', cfg);
    expect(deadline).toBe(wita('2027-01-05T23:59:59'));
    expect(monthlyStatus(wita('2027-01-05T23:59:59'), { deadline, due: true })).toBe('on_time');
    expect(monthlyStatus(wita('2027-01-06T00:00'), { deadline, due: true })).toBe('late');
    expect(monthlyStatus(undefined, { deadline, due: true })).toBe('missing');
  });

  it('tanpa laporan sebelum jatuh tempo: not_due / without a report before the deadline: not_due', () => {
    const deadline = monthlyDeadlineMs('2026-12', 'WITA', cfg);
    expect(monthlyStatus(undefined, { deadline, due: false })).toBe('not_due');
    expect(monthlyStatus(wita('2027-01-02T10:00'), { deadline, due: false })).toBe('on_time');
  });
});
